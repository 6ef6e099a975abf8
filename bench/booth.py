"""The booth floor's speed: the sync endpoint under 20 devices, the weight of what a
device keeps, and the time to store a capture offline.

Loads a 300-product expo into a scratch PostgreSQL database, serves the portal with
gunicorn as ``bench/run.py`` does (debug off, Redis cache, WhiteNoise), and then:

- 20 devices (threads, each logged in with its own session and a keep-alive
  connection) send 100 captures each to the capture endpoint; the same 20 devices
  fetch the trivial view 100 times each in the same run. Both are printed in req/s
  with their ratio (goal: at least 0.3x). Every answer must be a success, every
  capture exactly one inquiry, and a resend of each device's last 10 captures must
  give back the same reference and make nothing new.
- The app shell (capture page, its CSS and JS, the service worker and Workbox, the
  manifest) and the catalogue index, compressed as served (goal: under 200 KB).
- The time Chromium takes to store a capture on the device while offline, from the
  tap on "Save" to the waiting item on screen (goal: under 100 ms).

Run with ``make bench-booth``; nothing here runs in the tests.
"""

import gzip
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE", "expo_bench_booth")
os.environ.setdefault("BENCH_PORT", "8098")

from bench import run  # noqa: E402  (its settings follow BENCH_DATABASE)

DEVICES = int(os.environ.get("BENCH_DEVICES", "20"))
CAPTURES = int(os.environ.get("BENCH_CAPTURES", "100"))
PRODUCTS = int(os.environ.get("BENCH_BOOTH_PRODUCTS", "300"))
RESENT = 10
PASSWORD = "Bench-booth-2024"  # noqa: S105  (a scratch database's user)
CHROMIUM = "/usr/bin/chromium"

SETUP = f"""
import datetime
from django.contrib.auth.models import Group, User
from booths.models import Booth, BoothPresence, Exhibitor, Expo
today = datetime.date.today()
expo = Expo.objects.create(
    name="Trade Expo Indonesia", edition=39, slug="tei-bench", venue="ICE BSD",
    city="Tangerang", start_date=today, end_date=today + datetime.timedelta(days=4),
    is_current=True,
)
booth = Booth.objects.create(
    expo=expo, name="BP2MI", hall="5", stand_number="5-101",
    opening_time=datetime.time(10), closing_time=datetime.time(21),
)
BoothPresence.objects.bulk_create(
    BoothPresence(booth=booth, exhibitor=exhibitor, day=today)
    for exhibitor in Exhibitor.objects.approved()
)
staff = User.objects.create_user("bench-staff", "staff@bench.example", {PASSWORD!r}, is_staff=True)
staff.groups.add(Group.objects.get(name="Booth staff"))
"""

COUNT = """
from buyers.models import ExpressionOfInterest, Inquiry
from django.db.models import Count
keys = Inquiry.objects.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count()
print(Inquiry.objects.count(), ExpressionOfInterest.objects.count(), keys)
"""


class Device:
    """One tablet at the stand: its own login, cookies and keep-alive connection."""

    def __init__(self, number):
        self.number = number
        self.cookies = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", run.PORT, timeout=60)

    def request(self, method, path, body=None, headers=None):
        headers = {**(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn's sync workers close the connection after each answer.
                self.connection.close()
                if attempt:
                    raise
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, data

    def log_in(self):
        self.request("GET", "/en/portal/login/")
        form = urlencode(
            {
                "username": "bench-staff",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            }
        )
        status, _body = self.request(
            "POST",
            "/en/portal/login/",
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{run.BASE}/en/portal/login/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"device {self.number} could not log in ({status})")
        status, body = self.request("GET", "/en/booth/session.json")
        self.token = json.loads(body)["csrf"]

    def capture(self, number, products):
        chosen = random.sample(products, k=1 + number % 2)
        return {
            "idempotency_key": str(uuid.uuid4()),
            "name": f"Visitor {self.number}-{number}",
            "company": "Trading Co.",
            "email": f"visitor{self.number}-{number}@bench.example",
            "phone": "",
            "country": "JP",
            "visitor_kind": "buyer:importer",
            "language": "en",
            "products": [product["id"] for product in chosen],
            "exhibitors": [],
            "currency": "USD",
            "rating": "warm",
            "notes": "Met at the stand.",
            "consent": True,
            "captured_at": "2024-10-09T10:15:00+07:00",
        }

    def send(self, capture):
        return self.request(
            "POST",
            "/en/booth/captures/",
            json.dumps(capture),
            {
                "Content-Type": "application/json",
                "X-CSRFToken": self.token,
                "Referer": f"{run.BASE}/en/booth/",
            },
        )


def all_at_once(devices, work):
    """Run ``work(device)`` on every device in its own thread; the wall time."""
    errors = []
    start_line = threading.Barrier(len(devices) + 1)

    def each(device):
        start_line.wait()
        try:
            work(device)
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(f"device {device.number}: {error!r}")

    threads = [threading.Thread(target=each, args=(device,)) for device in devices]
    for thread in threads:
        thread.start()
    start_line.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors:
        raise SystemExit("\n".join(errors[:10]))
    return seconds


def sync_endpoint(products):
    devices = [Device(number) for number in range(DEVICES)]
    for device in devices:
        device.log_in()
    failures = []

    def trivial(device):
        for _ in range(CAPTURES):
            status, _body = device.request("GET", "/bench/trivial")
            if status != 200:
                failures.append(("trivial", status))

    def logged_in(device):
        for _ in range(CAPTURES):
            status, _body = device.request("GET", "/en/booth/session.json")
            if status != 200:
                failures.append(("session", status))

    sent = {device.number: [] for device in devices}

    def captures(device):
        for number in range(CAPTURES):
            capture = device.capture(number, products)
            status, body = device.send(capture)
            if status != 201:
                failures.append(("capture", status, body[:200]))
                continue
            sent[device.number].append((capture, json.loads(body)["reference"]))

    def resend(device):
        for capture, reference in sent[device.number][-RESENT:]:
            status, body = device.send(capture)
            if status != 200 or json.loads(body)["reference"] != reference:
                failures.append(("resend", status, body[:200]))

    all_at_once(devices, trivial)  # warm every worker and connection
    trivial_seconds = all_at_once(devices, trivial)
    session_seconds = all_at_once(devices, logged_in)
    capture_seconds = all_at_once(devices, captures)
    all_at_once(devices, resend)
    total = DEVICES * CAPTURES
    inquiries, leads, duplicated = (int(n) for n in run.shell_output(COUNT).split()[-3:])
    if failures:
        raise SystemExit(f"{len(failures)} failed answers, e.g. {failures[:3]}")
    if inquiries != total or duplicated:
        raise SystemExit(f"{inquiries} inquiries for {total} captures ({duplicated} keys twice)")
    return total / trivial_seconds, total / session_seconds, total / capture_seconds, leads


def weight(device):
    """Compressed bytes the device keeps: the app shell, and the catalogue index."""
    status, page = device.request("GET", "/en/booth/", headers={"Accept-Encoding": "identity"})
    shell = len(gzip.compress(page, 6))
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', page)
    status, worker = device.request("GET", "/en/booth/sw.js")
    shell += len(gzip.compress(worker, 6))
    assets += re.findall(rb'"(/static/[^"]+)"', worker)
    status, manifest = device.request("GET", "/en/booth/manifest.webmanifest")
    shell += len(gzip.compress(manifest, 6))
    for asset in dict.fromkeys(assets):
        status, body = device.request(
            "GET", asset.decode(), headers={"Accept-Encoding": "br, gzip"}
        )
        if status != 200:
            raise SystemExit(f"{asset.decode()}: {status}")
        shell += len(body)
    status, index = device.request("GET", "/en/booth/catalogue.json")
    products = json.loads(index)["products"]
    return shell, len(gzip.compress(index, 6)), len(index), len(products)


def offline_store_times():
    """Milliseconds from the tap on "Save" to the waiting item on screen, offline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{run.BASE}/en/portal/login/?next=/en/booth/")
        page.locator("#id_username").fill("bench-staff")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form.owner-form button[type=submit]").click()
        page.wait_for_url(f"{run.BASE}/en/booth/")
        page.evaluate(
            """async () => {
              await navigator.serviceWorker.ready;
              while (!navigator.serviceWorker.controller) await new Promise(r => setTimeout(r, 50));
            }"""
        )
        context.set_offline(True)
        timings = []
        for number in range(20):
            page.locator("#id_name").fill(f"Offline visitor {number}")
            page.locator("#id_email").fill(f"offline{number}@bench.example")
            page.locator("#id_consent").check()
            timings.append(
                page.evaluate(
                    """async (count) => {
                      const start = performance.now();
                      document.getElementById("booth-save").click();
                      while (document.querySelectorAll(".booth-item").length <= count) {
                        await new Promise(requestAnimationFrame);
                      }
                      return performance.now() - start;
                    }""",
                    number,
                )
            )
        browser.close()
    return timings


def main():
    run.recreate_database()
    run.manage("migrate", "--noinput", "-v0")
    static_root = Path(tempfile.mkdtemp(prefix="expo-bench-static-"))
    subprocess.run(
        [run.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**run.ENV, "DJANGO_STATIC_ROOT": str(static_root)},
        check=True,
    )
    run.manage(
        "generate_catalogue", "--exhibitors", str(max(PRODUCTS // 15, 1)), "--products",
        str(PRODUCTS), "--seed", "300",
    )  # fmt: skip
    run.shell_output(SETUP)
    server = run.start_server(static_root)
    try:
        device = Device(99)
        device.log_in()
        status, index = device.request("GET", "/en/booth/catalogue.json")
        products = json.loads(index)["products"]
        shell, index_gz, index_raw, indexed = weight(device)
        trivial_rps, session_rps, capture_rps, leads = sync_endpoint(products)
        timings = offline_store_times()
    finally:
        run.stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)

    total = DEVICES * CAPTURES
    print()
    print(f"sync endpoint, {DEVICES} devices x {CAPTURES} captures (gunicorn, 2 workers):")
    print(f"  {'trivial view':<28}{trivial_rps:9.1f} req/s")
    print(
        f"  {'logged-in JSON, no write':<28}{session_rps:9.1f} req/s"
        f"   ({session_rps / trivial_rps:.2f} x trivial: session, user, permissions, token)"
    )
    print(f"  {'capture endpoint':<28}{capture_rps:9.1f} req/s")
    print(f"  {'ratio':<28}{capture_rps / trivial_rps:9.2f} x trivial   (goal >= 0.30)")
    print(
        f"  {total} captures -> {total} inquiries, {leads} leads; no error, no duplicate, "
        f"{DEVICES * RESENT} resends gave back their reference"
    )
    print(f"what a device keeps, {indexed} published products:")
    print(f"  {'app shell':<28}{shell / 1024:9.1f} KiB compressed")
    print(f"  {'catalogue index':<28}{index_gz / 1024:9.1f} KiB gzip ({index_raw / 1024:.1f} raw)")
    print(f"  {'together':<28}{(shell + index_gz) / 1024:9.1f} KiB   (goal < 200 KB)")
    print("storing a capture offline in Chromium (20 captures):")
    print(
        f"  median {statistics.median(timings):.1f} ms, slowest {max(timings):.1f} ms"
        f"   (goal < 100 ms)"
    )


if __name__ == "__main__":
    main()
