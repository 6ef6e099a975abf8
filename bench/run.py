"""Throughput, latency, search time and page weight of the public pages.

Loads 20,000 and then 100,000 products into a scratch PostgreSQL database with
``generate_catalogue``, serves the portal with gunicorn (debug off, Redis cache,
WhiteNoise with compressed static files), and drives each page with wrk on
loopback. Every figure is printed next to a trivial view served by the same
gunicorn, as a ratio. Run with ``make bench``; nothing here runs in the tests.
"""

import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8099"))
BASE = f"http://127.0.0.1:{PORT}"
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "20000,100000").split(",")]
DATABASE = os.environ.get("BENCH_DATABASE", "expo_bench")
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SEARCH_WORDS = ["batik", "kopi", "coffee", "rattan", "tenun", "vanilla", "sambal", "songket"]

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "expo_portal.settings.bench",
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
}


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def recreate_database():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def get(path, headers=None, timeout=30):
    request = urllib.request.Request(BASE + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read(), response.headers


def start_server(static_root, extra_args=()):
    env = {**ENV, "DJANGO_STATIC_ROOT": str(static_root)}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "expo_portal.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            # As deployed (README): the longest links are over gunicorn's default 4,094.
            "--limit-request-line",
            "8190",
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(60):
        try:
            get("/bench/trivial")
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not start")


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def wrk(path, script=None):
    """Requests/second and p50/p99 latency (ms) of one URL under load."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, BASE + path], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{path}: {errors.group(1)} failed responses\n{output}")
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    return rps, _ms(latency["50"]), _ms(latency["99"])


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def search_timings(size):
    """Median and p95 time (ms) of the catalogue search query, in process, at ``size``."""
    code = f"""
import statistics, time
from django.db import connection
from products.models import Product
from products.search import search_products
timings = []
for word in {SEARCH_WORDS!r} * 5:
    connection.queries_log.clear()
    start = time.perf_counter()
    qs = search_products(Product.objects.published(), word).order_by("-exact_name", "-rank")
    list(qs.values_list("pk", flat=True)[:24]); qs.count()
    timings.append((time.perf_counter() - start) * 1000)
timings.sort()
print(f"{{statistics.median(timings):.1f}} {{timings[int(len(timings) * 0.95) - 1]:.1f}}")
"""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(output[-2]), float(output[-1])


def page_weight():
    """Compressed bytes of the catalogue page: HTML (gzip) plus its CSS and JS (brotli)."""
    html, _headers = get("/en/catalogue/")
    total = len(gzip.compress(html, 6))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        body, headers = get(asset.decode(), {"Accept-Encoding": "br, gzip"})
        total += len(body)
    return total


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    recreate_database()
    manage("migrate", "--noinput", "-v0")
    static_root = Path(tempfile.mkdtemp(prefix="expo-bench-static-"))
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**ENV, "DJANGO_STATIC_ROOT": str(static_root)},
        check=True,
    )
    cold_script = ROOT / "bench" / "varied_search.lua"
    rows = []
    loaded = 0
    for size in SIZES:
        manage(
            "generate_catalogue",
            "--exhibitors",
            str(max(size // 50, 10) - loaded // 50),
            "--products",
            str(size - loaded),
            "--seed",
            str(size),
        )
        loaded = size
        server = start_server(static_root)
        try:
            product = re.search(rb'href="(/en/products/[^"]+/)"', get("/en/catalogue/")[0])
            exhibitor = re.search(rb'href="(/en/exhibitors/[^"]+/)"', get("/en/exhibitors/")[0])
            targets = [
                ("trivial view", "/bench/trivial", None),
                ("home", "/en/", None),
                ("catalogue", "/en/catalogue/", None),
                ("catalogue search", "/en/catalogue/?q=batik", None),
                ("catalogue search, varied (cold)", "/en/catalogue/", cold_script),
                ("product", product.group(1).decode(), None),
                ("exhibitors", "/en/exhibitors/", None),
                ("exhibitor", exhibitor.group(1).decode(), None),
            ]
            results = {}
            for name, path, script in targets:
                get(path)  # warm the worker, its connection and the cache
                results[name] = wrk(path, script)
            trivial = results["trivial view"][0]
            for name, (rps, p50, p99) in results.items():
                rows.append((size, name, rps, rps / trivial, p50, p99))
            weight = page_weight()
        finally:
            stop_server(server)
        median, p95 = search_timings(size)
        rows.append((size, "search query (in process)", None, None, median, p95))
        print(f"catalogue page weight at {size}: {weight / 1024:.1f} KiB compressed")

    print()
    print(f"{'products':>9}  {'page':<34}{'req/s':>9}{'x trivial':>11}{'p50 ms':>9}{'p99 ms':>9}")
    for size, name, rps, ratio, p50, p99 in rows:
        rps_text = f"{rps:9.1f}" if rps is not None else f"{'':9}"
        ratio_text = f"{ratio:11.2f}" if ratio is not None else f"{'':11}"
        print(f"{size:>9}  {name:<34}{rps_text}{ratio_text}{p50:9.1f}{p99:9.1f}")
    print("(search query row: median and 95th percentile of 40 searches, ms)")
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
