"""Throughput, latency, catalogue SQL time and page weight of the public pages.

Loads 20,000 products of 1,000 businesses and then 100,000 of 5,000 into a scratch
PostgreSQL database with ``generate_catalogue``, serves the portal with gunicorn
(debug off, Redis cache, WhiteNoise with compressed static files), and drives each
page with wrk on loopback. Every figure is printed next to a trivial view served by
the same gunicorn, as a ratio, in one table for both sizes: each warm row is measured
three times (``BENCH_ROUNDS``), each time after the trivial view, and the medians are
given. The cold row, measured once, in the last round, asks for a new search word,
category, sort and page on every request, so none is cached; the SQL row times the
catalogue's statements in process over a varied query set (``bench/catalogue_sql.py``).
Run with ``make bench``; nothing here runs in the tests.
"""

import gzip
import os
import re
import shutil
import signal
import socket
import statistics
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
DURATION = os.environ.get("BENCH_DURATION", "5s")
COLD_DURATION = os.environ.get("BENCH_COLD_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
THREADS = 2
# Each warm row is measured this many times, each time just after the trivial view; the
# table gives the median (a machine whose speed moves from minute to minute moves both
# alike). The cold row is measured once, in the last round.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "20000,100000").split(",")]
DATABASE = os.environ.get("BENCH_DATABASE", "expo_bench")
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Search words of the generated catalogue, and none; the SQL timings use them too.
WORDS = [
    "batik", "kopi", "coffee", "rattan", "tenun", "vanilla", "sambal", "songket",
    "tas", "kain", "gula", "teh", "jahe", "sabun", "madu", "keripik", "",
]  # fmt: skip
BUSINESSES_PER_PRODUCT = 20  # 5,000 businesses for 100,000 products
SQL_QUERIES = int(os.environ.get("BENCH_SQL_QUERIES", "200"))

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "expo_portal.settings.bench",
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
}


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def shell_output(code: str) -> str:
    """What ``code``, run by ``manage.py shell``, prints (and nothing the shell says itself,
    such as how many objects it imported)."""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout


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
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            # Another server there would be measured instead of this one.
            raise SystemExit(f"Port {PORT} is taken by another server: set BENCH_PORT.")
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
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped: is port {PORT} taken? Set BENCH_PORT.")
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


def wrk(path, script=None, duration=DURATION):
    """Requests/second and p50/p99 latency (ms) of one URL under load."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
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


def sql_timings():
    """Median, p95 and slowest SQL time (ms) of the catalogue over the varied query set."""
    code = (
        "from bench.catalogue_sql import measure; "
        f"print(*(f'{{ms:.1f}}' for ms in measure({SQL_QUERIES})))"
    )
    return tuple(float(value) for value in shell_output(code).split()[-3:])


COLD_SCRIPT = """
-- Every request a new search word (or none), category (or none), sort and page. Each of
-- wrk's threads runs a script of its own: thread i takes requests i, i + threads, ... of
-- the one sequence, so no two threads ask for the same page.
local words = {%(words)s}
local categories = {%(categories)s}
local sorts = {"", "newest", "price_asc", "price_desc"}
local threads = 0
setup = function(thread)
  thread:set("first", threads)
  threads = threads + 1
end
local counter = nil
request = function()
  if counter == nil then counter = first end
  local n = counter
  counter = counter + %(threads)d
  local word = words[(n %% #words) + 1]
  local category = categories[(math.floor(n / #words) %% #categories) + 1]
  local rest = math.floor(n / (#words * #categories))
  local sort = sorts[(rest %% #sorts) + 1]
  local page = math.floor(rest / #sorts) + 1
  return wrk.format("GET", "/en/catalogue/?q=" .. word .. "&category=" .. category
                    .. "&sort=" .. sort .. "&page=" .. page)
end
"""


def cold_script(directory: Path) -> Path:
    """A wrk script whose requests are all different, from this catalogue's categories."""
    code = (
        "from products.models import Category; "
        "print(*Category.objects.values_list('slug', flat=True))"
    )
    slugs = shell_output(code).split()
    script = directory / "cold.lua"
    script.write_text(
        COLD_SCRIPT
        % {
            "words": ", ".join(f'"{word}"' for word in WORDS),
            "categories": ", ".join(f'"{slug}"' for slug in ["", *slugs]),
            "threads": THREADS,
        }
    )
    return script


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
    rows = []
    loaded = 0
    for size in SIZES:
        manage(
            "generate_catalogue",
            "--exhibitors",
            str(max(size // BUSINESSES_PER_PRODUCT, 10) - loaded // BUSINESSES_PER_PRODUCT),
            "--products",
            str(size - loaded),
            "--seed",
            str(size),
        )
        # In category order, as the nightly retention job keeps it (a bulk load appends).
        manage("cluster_catalogue")
        loaded = size
        script = cold_script(static_root)
        server = start_server(static_root)
        try:
            product = re.search(rb'href="(/en/products/[^"]+/)"', get("/en/catalogue/")[0])
            targets = [
                ("trivial view", "/bench/trivial", None),
                ("catalogue (warm)", "/en/catalogue/", None),
                ("catalogue search ?q=batik (warm)", "/en/catalogue/?q=batik", None),
                ("product (warm)", product.group(1).decode(), None),
                ("catalogue, every request new (cold)", "/en/catalogue/", script),
            ]
            rounds = {name: [] for name, _path, _script in targets}
            for number in range(1, ROUNDS + 1):
                for name, path, script in targets:
                    if script and number < ROUNDS:
                        continue  # once, in the last round: a second pass would find it cached
                    get(path)  # warm the worker, its connection and the cache
                    rounds[name].append(wrk(path, script, COLD_DURATION if script else DURATION))
            trivial = [rps for rps, _p50, _p99 in rounds["trivial view"]]
            for name, measured in rounds.items():
                # Each measurement against the trivial view of its round.
                ratio = statistics.median(
                    rps / yardstick
                    for (rps, _p50, _p99), yardstick in zip(
                        measured, trivial[-len(measured) :], strict=True
                    )
                )
                rps, p50, p99 = (
                    statistics.median(column) for column in zip(*measured, strict=True)
                )
                rows.append((size, name, rps, ratio, p50, p99))
            weight = page_weight()
        finally:
            stop_server(server)
        median, p95, slowest = sql_timings()
        rows.append((size, "catalogue SQL (in process)", None, None, median, p95))
        print(f"catalogue page weight at {size}: {weight / 1024:.1f} KiB compressed")
        print(f"catalogue SQL at {size}: slowest of {SQL_QUERIES} queries {slowest:.1f} ms")

    print()
    print(f"{'products':>9}  {'page':<38}{'req/s':>9}{'x trivial':>11}{'p50 ms':>9}{'p99 ms':>9}")
    for size, name, rps, ratio, p50, p99 in rows:
        rps_text = f"{rps:9.1f}" if rps is not None else f"{'':9}"
        ratio_text = f"{ratio:11.3f}" if ratio is not None else f"{'':11}"
        print(f"{size:>9}  {name:<38}{rps_text}{ratio_text}{p50:9.1f}{p99:9.1f}")
    print(
        f"(catalogue SQL rows: median and 95th percentile, in the p50 and p99 columns, of the "
        f"SQL time of {SQL_QUERIES} varied result lists with their counts, ms)"
    )
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
