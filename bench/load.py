"""The booth's peak, measured: 200 simulated people through nginx to two app servers.

Prepares a scratch PostgreSQL database (``expo_bench_load``: a generated catalogue, a
current expo with its booth, owner accounts and a staff account), starts the two-server
stack of tests/stack.py (nginx, two gunicorns with the production settings, Redis, an S3
server) with the mail server down (EMAIL_URL on a closed port), and runs
bench/locustfile.py headless: 200 users ramping at 50 a second for 2 minutes. Meanwhile
each server's mail timer fires every minute (``manage.py run_job mail``), as deployed.

It prints p50 / p95 / p99 per kind of request and the error count, then checks the
database: every inquiry and capture the load tool saw accepted is there (0 lost), none
twice, no answer of 500 or more, and the mail queue holds the confirmation of every
accepted inquiry. Then it starts an SMTP sink (aiosmtpd), points the mail job at it and
sends the queue: every queued message must arrive, once. Exits non-zero when a check fails.

Run with ``make bench-load`` (``LOAD_ARGS=--quick`` for a 30-second run); nothing here runs
in the tests. BENCH_DATABASE is dropped and made anew, and the Redis database of
BENCH_REDIS_URL (default 15) is emptied when the stack starts.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stack import Stack, Visitor, free_port  # noqa: E402

SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "expo_bench_load")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "Bench-load-2024"  # noqa: S105  (a scratch database's users)
# Goals for the 99th percentile, in milliseconds.
PAGE_GOAL, INQUIRY_GOAL = 1000, 2000
QUANTILES = (0.50, 0.95, 0.99)
# The users arrive in the first seconds (200 at 50 a second); nginx's table also gives
# each kind's p99 from this many seconds on, to tell the ramp's tail from the rest.
RAMP_SECONDS = 10

SETUP = """
import datetime, json, random
from django.contrib.auth.models import Group, User
from booths.models import Booth, BoothPresence, Exhibitor, Expo
from products.filters import CatalogueFilter
from products.models import Category, Product

today = datetime.date.today()
expo = Expo.objects.create(
    name="Trade Expo Indonesia", edition=39, slug="tei-load", venue="ICE BSD",
    city="Tangerang", start_date=today, end_date=today + datetime.timedelta(days=4),
    is_current=True,
)
booth = Booth.objects.create(
    expo=expo, name="BP2MI", hall="5", stand_number="5-101",
    opening_time=datetime.time(10), closing_time=datetime.time(21),
)
exhibitors = list(Exhibitor.objects.approved().order_by("pk"))
BoothPresence.objects.bulk_create(
    BoothPresence(booth=booth, exhibitor=exhibitor, day=today) for exhibitor in exhibitors[:30]
)
staff = User.objects.create_user("load-staff", "staff@load.example", PASSWORD, is_staff=True)
staff.groups.add(Group.objects.get(name="Booth staff"))
owners = []
for number, exhibitor in enumerate(exhibitors[:OWNERS]):
    owner = User.objects.create_user(f"owner{number}", f"owner{number}@load.example", PASSWORD)
    exhibitor.owners.add(owner)
    products = list(exhibitor.products.order_by("pk").values_list("pk", flat=True)[:5])
    owners.append({"username": owner.username, "products": products})
published = Product.objects.published()
words = sorted({
    word.lower() for name in published.values_list("name_en", flat=True)[:500]
    for word in name.split() if len(word) > 3 and word.isalpha()
})
sorts = [value for value, _label in CatalogueFilter.base_filters["sort"].extra["choices"]]
setup = {
    "password": PASSWORD,
    "products": list(published.values_list("slug", flat=True)),
    "catalogue_pages": max(1, published.count() // 24),
    "words": words,
    "filters": {
        "category": list(Category.objects.values_list("slug", flat=True)),
        "province": sorted({e.province for e in exhibitors}),
        "sort": sorts,
        "export_ready": ["true", "false"],
    },
    "owners": owners,
    "staff": staff.username,
    "booth_products": list(
        published.filter(exhibitor__in=exhibitors[:30]).values_list("pk", flat=True)[:200]
    ),
    "booth_slugs": list(
        published.filter(exhibitor__in=exhibitors[:30]).values_list("slug", flat=True)
    ),
    "captured_at": datetime.datetime.now(datetime.UTC).isoformat(),
}
print(json.dumps(setup))
"""

CHECK = """
import json
from collections import Counter
from buyers.models import ExpressionOfInterest, Inquiry
from post_office.models import Email
seen = json.load(open(RESULTS))
inquiry_keys = [item["key"] for item in seen["inquiries"]]
capture_keys = [item["key"] for item in seen["captures"]]
leads = ExpressionOfInterest.objects.filter(idempotency_key__in=inquiry_keys)
captures = Inquiry.objects.filter(idempotency_key__in=capture_keys)
per_buyer = Counter(
    ExpressionOfInterest.objects.filter(buyer__email__endswith="@load.example")
    .values_list("buyer__email", flat=True)
)
recipients = Counter(address for email in Email.objects.all() for address in email.to)
stored_leads = {str(key) for key in leads.values_list("idempotency_key", flat=True)}
stored_captures = {str(key) for key in captures.values_list("idempotency_key", flat=True)}
print(json.dumps({
    "lost_inquiries": len(set(inquiry_keys) - stored_leads),
    "lost_captures": len(set(capture_keys) - stored_captures),
    "duplicate_leads": sum(
        n - 1 for email, n in per_buyer.items() if email.startswith("buyer-") and n > 1
    ),
    "leads": ExpressionOfInterest.objects.count(),
    "load_leads": sum(n for email, n in per_buyer.items() if email.startswith("buyer-")),
    "references": len(set(ExpressionOfInterest.objects.values_list("reference", flat=True))),
    "mail_queued": Email.objects.count(),
    "mail_by_status": Counter(str(e.get_status_display()) for e in Email.objects.all()),
    "confirmations_missing": sum(1 for item in seen["inquiries"] if recipients[item["email"]] < 1),
    "unsent": Email.objects.exclude(status=0).count(),
}))
"""

UNSENT = "from post_office.models import Email; print(Email.objects.exclude(status=0).count())"


def run(command, env=None):
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def recreate_database():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def prepare(args) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "expo_portal.settings.bench",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
    }
    recreate_database()
    manage = [sys.executable, "manage.py"]
    print(f"Preparing {DATABASE}: migrate, {args.products:,} products ...", flush=True)
    run([*manage, "migrate", "--noinput", "-v0"], env)
    run(
        [*manage, "generate_catalogue", "--products", str(args.products), "--exhibitors", "100"],
        env,
    )
    code = SETUP.replace("PASSWORD", repr(PASSWORD)).replace("OWNERS", "10")
    out = subprocess.run(
        [*manage, "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def mail_timers(stack, stop: threading.Event):
    """Each server's mail timer: ``run_job mail`` every minute, the two servers 30 s apart.

    With the mail server down the job fails at once (exit status 75), the queue as it was.
    """
    while not stop.wait(30):
        try:
            stack.manage("run_job", "mail", "-v0", nice=10)
        except RuntimeError as failure:
            if "cannot be reached" not in str(failure):
                raise


def open_the_booth(stack, setup) -> int:
    """Before the peak, as on an expo morning: the pages buyers start from (the home page,
    the catalogue's first pages, the product page behind every QR code at the stand) opened
    once each, so the peak meets the cache a portal that has been open has. Searches, the
    rest of the catalogue and every change during the run stay new."""
    visitor = Visitor(stack)
    paths = [
        "/en/",
        *(f"/en/catalogue/?page={number}" for number in range(1, 4)),
        *(f"/en/products/{slug}/" for slug in setup["booth_slugs"]),
    ]
    for path in paths:
        visitor.get(stack.proxy, path).raise_for_status()
    return len(paths)


def percentiles(stats_csv: Path) -> list[dict]:
    with stats_csv.open() as rows:
        return [
            {
                "name": row["Name"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": row["50%"],
                "p95": row["95%"],
                "p99": row["99%"],
                "rps": float(row["Requests/s"]),
            }
            for row in csv.DictReader(rows)
        ]


# What the proxy saw, by the kind of request the load tool names it (its log's request line).
KINDS = [
    ("inquiry", "POST", "/en/interest/"),
    ("tablet: sync", "POST", "/en/booth/captures/"),
    ("log in", "POST", "/en/portal/login/"),
    ("owner: save product", "POST", "/en/portal/products/"),
    ("search", "GET", "/en/catalogue/?q="),
    ("catalogue", "GET", "/en/catalogue/"),
    ("product", "GET", "/en/products/"),
    ("owner: products", "GET", "/en/portal/products/"),
    ("log in: form", "GET", "/en/portal/login/"),
    ("home", "GET", "/en/"),
]


def proxy_times(log: Path, since: float) -> dict[str, list[tuple[float, float]]]:
    """Each request of the run as nginx timed it, by kind: (seconds since ``since`` when it
    was answered, seconds it took inside nginx, ``$request_time``: from its first byte to
    the answer's last). The servers' part of what the load tool measured, without the load
    tool's own waiting (it shares the two cores)."""
    times = {}
    for line in log.read_text().splitlines():
        stamp, took, _status, request = line.split(" ", 3)
        method, path = request.strip('"').split(" ")[:2]
        if float(stamp) < since:
            continue
        for kind, verb, prefix in KINDS:
            if method == verb and path.startswith(prefix):
                if kind == "owner: products" and path.rstrip("/") != prefix.rstrip("/"):
                    kind = "owner: product form"
                times.setdefault(kind, []).append((float(stamp) - since, float(took)))
                break
    return times


def quantile_ms(seconds: list[float], share: float) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def drain_queue(stack) -> tuple[Counter, int]:
    """Start an SMTP sink, point the mail job at it, and send the queue until it is empty."""
    from aiosmtpd.controller import Controller

    received = Counter()

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            received["messages"] += 1
            for address in envelope.rcpt_tos:
                received[address] += 1
            return "250 OK"

    port = free_port()
    sink = Controller(Sink(), hostname="127.0.0.1", port=port)
    sink.start()
    rounds = 0
    try:
        # Failed attempts wait EXPO_MAIL_RETRY_MINUTES (1 here) before the next try.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            rounds += 1
            stack.manage(
                "run_job", "mail", "-v0", extra_env={"EMAIL_URL": f"smtp://127.0.0.1:{port}"}
            )
            left = int(stack.python(UNSENT).strip())
            if not left:
                break
            time.sleep(10)
    finally:
        sink.stop()
    return received, rounds


# The load tool stands in for 200 phones, each with a CPU of its own. Here it shares the two
# cores with the servers it measures: left at their priority, it waits for them during the
# ramp and counts that wait in every time it reports (1 to 2 s at p99 where nginx timed
# 0.4 s). Ahead of them (nice -5, which needs root), its times follow the servers' own, and
# the servers get less CPU than they would beside real phones, not more.
LOAD_TOOL_PRIORITY = ["nice", "-n", "-5"] if os.geteuid() == 0 else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=int, default=50)
    parser.add_argument("--duration", default="2m", help="locust's run time, e.g. 2m or 30s")
    parser.add_argument("--quick", action="store_true", help="30 seconds instead of 2 minutes")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per server")
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument(
        "--cold", action="store_true", help="start the peak on an empty cache (no warm-up)"
    )
    args = parser.parse_args()
    if args.quick:
        args.duration = "30s"

    setup = prepare(args)
    out = Path(tempfile.mkdtemp(prefix="expo-load-"))
    setup_file, results_file = out / "setup.json", out / "results.json"
    setup_file.write_text(json.dumps(setup))
    stack = Stack(
        database_url=f"{SERVER}/{DATABASE}",
        redis_url=REDIS_URL,
        workers=args.workers,
        extra_env={"EXPO_MAIL_RETRY_MINUTES": "1", "EXPO_STAFF_EMAILS": "desk@load.example"},
    )
    failures = []
    with stack:
        print(
            f"Stack up: nginx https://127.0.0.1:{stack.proxy_port} -> "
            f"{', '.join(server.base for server in stack.servers)} ({args.workers} workers each); "
            f"mail server down ({stack.email_url}).",
            flush=True,
        )
        if not LOAD_TOOL_PRIORITY:
            print("Not root: the load tool runs at the servers' priority.", flush=True)
        if args.cold:
            print("Cache empty when the peak starts (--cold).", flush=True)
        else:
            started = time.monotonic()
            opened = open_the_booth(stack, setup)
            print(
                f"Before the peak: {opened} pages opened once each (home, catalogue pages 1-3, "
                f"every booth product) in {time.monotonic() - started:.0f} s.",
                flush=True,
            )
        stop = threading.Event()
        timers = threading.Thread(target=mail_timers, args=(stack, stop), daemon=True)
        timers.start()
        started, peak_started = time.monotonic(), time.time()
        locust = subprocess.run(
            [
                *LOAD_TOOL_PRIORITY,
                str(Path(sys.executable).parent / "locust"),
                "-f", str(ROOT / "bench" / "locustfile.py"),
                "--headless", "--only-summary",
                "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.duration,
                "--host", stack.proxy.base,
                "--csv", str(out / "load"),
                # Requests in flight at the end are answered before the users stop.
                "--stop-timeout", "30",
                "--loglevel", "WARNING",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "EXPO_LOAD_SETUP": str(setup_file),
                "EXPO_LOAD_RESULTS": str(results_file),
                "EXPO_LOAD_CA": str(stack.certificate),
            },
            capture_output=True,
            text=True,
        )  # fmt: skip
        elapsed = time.monotonic() - started
        stop.set()
        timers.join()
        if not results_file.exists():
            print(locust.stdout[-3000:], locust.stderr[-3000:])
            raise SystemExit("locust did not finish")

        rows = percentiles(out / "load_stats.csv")
        print(f"\n{args.users} users, {args.spawn_rate}/s, {args.duration} ({elapsed:.0f} s)")
        print(f"{'request':<24}{'count':>8}{'errors':>8}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}")
        for row in rows:
            print(
                f"{row['name']:<24}{row['requests']:>8}{row['failures']:>8}{row['rps']:>8.1f}"
                f"{row['p50']:>8}{row['p95']:>8}{row['p99']:>8}"
            )
            if row["name"] == "Aggregated":
                continue
            goal = INQUIRY_GOAL if row["name"] in ("inquiry", "tablet: sync") else PAGE_GOAL
            if row["p99"] != "N/A" and float(row["p99"]) >= goal:
                failures.append(f"{row['name']}: p99 {row['p99']} ms, goal under {goal} ms")
        proxied = proxy_times(stack.prefix / "nginx-access.log", peak_started)
        print("\nThe same requests as nginx timed them (the servers' part), ms:")
        header = f"{'request':<24}{'count':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
        print(header + f"{'p99 after the ramp':>20}")
        for kind, answers in sorted(proxied.items()):
            took = [seconds for _at, seconds in answers]
            later = [seconds for at, seconds in answers if at >= RAMP_SECONDS]
            print(
                f"{kind:<24}{len(took):>8}"
                + "".join(f"{quantile_ms(took, share):>8.0f}" for share in QUANTILES)
                + (f"{quantile_ms(later, 0.99):>20.0f}" if later else f"{'':>20}")
            )
        slow = Counter(
            int(at // 10) * 10
            for answers in proxied.values()
            for at, seconds in answers
            if seconds > 0.5
        )
        print(
            "Answers over 0.5 s at nginx, by when in the run: "
            + (", ".join(f"{at}-{at + 10} s: {n}" for at, n in sorted(slow.items())) or "none")
        )
        errors = sum(row["failures"] for row in rows if row["name"] == "Aggregated")
        if errors:
            failures.append(f"{errors} failed requests")
        with (out / "load_failures.csv").open() as failed:
            for row in list(csv.DictReader(failed))[:10]:
                print(f"  failed: {row['Occurrences']} x {row['Name']}: {row['Error']}")

        seen = json.loads(results_file.read_text())
        check = json.loads(
            stack.python(CHECK.replace("RESULTS", repr(str(results_file)))).strip().splitlines()[-1]
        )
        print(
            f"\nAccepted: {len(seen['inquiries'])} inquiries, {len(seen['captures'])} captures. "
            f"Lost: {check['lost_inquiries']} inquiries, {check['lost_captures']} captures. "
            f"Duplicate leads: {check['duplicate_leads']}. Answers of 500 or more: "
            f"{len(seen['server_errors'])}. Leads: {check['leads']} with "
            f"{check['references']} distinct references ({check['load_leads']} from the "
            f"buyers' form, {check['load_leads'] - len(seen['inquiries'])} of them answered "
            f"after the load tool stopped listening)."
        )
        print(
            f"Mail queue with the mail server down: {check['mail_queued']} messages "
            f"({', '.join(f'{n} {s}' for s, n in sorted(check['mail_by_status'].items()))}); "
            f"inquiries without a queued confirmation: {check['confirmations_missing']}."
        )
        for name, value in [
            ("lost inquiries", check["lost_inquiries"]),
            ("lost captures", check["lost_captures"]),
            ("duplicate leads", check["duplicate_leads"]),
            ("answers of 500 or more", len(seen["server_errors"])),
            ("inquiries without a confirmation in the queue", check["confirmations_missing"]),
        ]:
            if value:
                failures.append(f"{value} {name}")
        if check["references"] != check["leads"]:
            failures.append("two leads share a reference")

        received, rounds = drain_queue(stack)
        after = json.loads(
            stack.python(CHECK.replace("RESULTS", repr(str(results_file)))).strip().splitlines()[-1]
        )
        delivered = received.pop("messages", 0)
        print(
            f"Mail server back (SMTP sink): {delivered} messages delivered in {rounds} run(s) of "
            f"the mail job, {after['unsent']} left in the queue; accepted buyers who got "
            f"their confirmation: {sum(1 for i in seen['inquiries'] if received[i['email']])}"
            f" of {len(seen['inquiries'])}."
        )
        if after["unsent"]:
            failures.append(f"{after['unsent']} messages still unsent")
        if delivered != after["mail_queued"]:
            failures.append(f"{delivered} delivered for {after['mail_queued']} queued")
        doubled = [i["email"] for i in seen["inquiries"] if received[i["email"]] != 1]
        if doubled:
            failures.append(f"{len(doubled)} buyers did not get exactly one confirmation")
    if failures:
        print("\nNot met:\n  " + "\n  ".join(failures))
        raise SystemExit(1)
    print("\nAll checks met.")


if __name__ == "__main__":
    main()
