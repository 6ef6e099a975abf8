"""How long the one-click expo report takes: the PDF and the XLSX of a large expo.

Creates a scratch PostgreSQL database (``expo_bench_report``), generates 60 businesses
and 600 products with ``generate_catalogue``, and loads an expo with 1,000 leads and 200
deals (in dollars and in rupiah, a third verified), then 4,000 leads and 800 deals more:
5,000 leads and 1,000 deals. The leads and deals are bulk inserts with their history
(what the report reads), not the lead service, so that loading takes seconds. At each
size, in process with the benchmark settings (debug off), a Booth staff account
downloads the PDF and the XLSX a few times; the median time is printed next to the
trivial page (``/healthz``, one query) served the same way, with the number of SQL
queries of each download. Run with ``make bench-report``; nothing here runs in the tests.
"""

import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get("BENCH_DATABASE", "expo_bench_report")
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = ((1000, 200), (5000, 1000))
COUNTRIES = ["JP", "NL", "AE", "US", "AU", "MY", "KR", "SA", "SG", "DE", "TW", "CN", "FR", "GB"]

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "expo_portal.settings.bench",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
    }
)


def recreate_database():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def median_ms(action) -> tuple[float, float]:
    """Median wall-clock and CPU time (ms) of ``action``. The CPU time is the process's
    own; on the shared machine the wall clock also counts other processes."""
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def count_queries(action) -> int:
    from django.db import connection

    statements = []

    def counter(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        action()
    return len(statements)


def add_leads(expo, *, leads: int, deals: int, rng: random.Random, staff):
    """``leads`` leads of the expo (a tenth placement inquiries) received over its days and
    the weeks after, with their history, and ``deals`` agreed deals on trade leads."""
    from django.db import connection

    from booths.models import Exhibitor
    from buyers.models import Buyer, Delegate, ExpressionOfInterest, LeadEvent
    from deals.models import Deal
    from products.models import Product

    products = list(Product.objects.values_list("pk", "exhibitor_id"))
    start = ExpressionOfInterest.objects.count()
    buyers = Buyer.objects.bulk_create(
        Buyer(
            name=f"Buyer {start + n}",
            email=f"buyer{start + n}@example.com",
            country=rng.choice(COUNTRIES),
            company=f"Importer {start + n}",
        )
        for n in range(leads // 4)
    )
    delegates = Delegate.objects.bulk_create(
        Delegate(
            name=f"Delegate {start + n}",
            email=f"delegate{start + n}@example.org",
            country=rng.choice(COUNTRIES[:8]),
            institution=f"Employers' association {start + n}",
            delegate_type="association",
        )
        for n in range(max(leads // 40, 1))
    )
    rows, moments = [], []
    for n in range(leads):
        day = expo.start_date + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 4, 9, 30]))
        moment = datetime.datetime.combine(
            day, datetime.time(10 + n % 8, n % 60), tzinfo=datetime.UTC
        )
        moments.append(moment)
        if n % 10 == 9:
            rows.append(
                ExpressionOfInterest(
                    kind="placement",
                    expo=expo,
                    delegate=rng.choice(delegates),
                    sectors=rng.sample(["manufacturing", "construction", "caregiving"], 1),
                    headcount=rng.randint(5, 200),
                )
            )
            continue
        product, exhibitor = rng.choice(products)
        rows.append(
            ExpressionOfInterest(
                kind="trade",
                expo=expo,
                buyer=rng.choice(buyers),
                product_id=product,
                exhibitor_id=exhibitor,
                status=rng.choice(["new", "contacted", "quoted", "agreed", "lost"]),
                estimated_value_usd=Decimal(rng.randint(500, 50000)),
            )
        )
    made = ExpressionOfInterest.objects.bulk_create(rows)
    # The insert stamps every lead with the present moment: put each on its day.
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE buyers_expressionofinterest SET created_at = %s WHERE id = %s",
            [(moment, lead.pk) for moment, lead in zip(moments, made, strict=True)],
        )
    LeadEvent.objects.bulk_create(LeadEvent(lead=lead, to_status=lead.status) for lead in made)
    trade = [lead for lead in made if lead.kind == "trade"]
    verified_at = datetime.datetime.combine(expo.end_date, datetime.time(12), tzinfo=datetime.UTC)
    Deal.objects.bulk_create(
        Deal(
            lead=lead,
            title=f"Order {n}",
            agreement_signed_on=expo.end_date + datetime.timedelta(days=n % 90),
            amount=Decimal(rng.randint(1000, 60000)) * (16000 if n % 2 else 1),
            currency="IDR" if n % 2 else "USD",
            usd_idr_rate=Decimal("15900") if n % 2 else None,
            destination_country=rng.choice(COUNTRIES),
            verified_at=verified_at if n % 3 == 0 else None,
            verified_by=staff if n % 3 == 0 else None,
        )
        for n, lead in enumerate(rng.sample(trade, deals))
    )
    assert Exhibitor.objects.exists()


def main():
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from booths.models import Expo
    from tests.conftest import staff_role
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    call_command("generate_catalogue", exhibitors=60, products=600, seed=3, verbosity=0)
    expo = Expo.objects.create(
        name_en="Trade Expo Indonesia 2024",
        name_ind="Trade Expo Indonesia 2024",
        edition=39,
        slug="tei-2024",
        venue="ICE BSD",
        city="Tangerang",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 13),
        is_current=True,
    )
    staff = UserFactory(username="bench-staff", staff=True)
    staff.groups.add(staff_role("Booth staff"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    query = {"expo": expo.pk, "start": "2024-10-09", "end": "2025-10-08"}
    rng = random.Random(7)  # noqa: S311 (sample data, not secrets)

    def download(url):
        def get():
            response = client.get(url, query)
            assert response.status_code == 200, response.status_code
            return response

        return get

    def trivial():
        assert client.get("/healthz").status_code == 200

    pages = {
        "PDF": download("/id/staff/results/report.pdf"),
        "XLSX": download("/id/staff/results/report.xlsx"),
    }
    print(
        "\n| leads | deals | download | wall ms | CPU ms | × trivial (wall) | SQL queries | size |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    loaded_leads = loaded_deals = 0
    for leads, deals in SIZES:
        add_leads(
            expo, leads=leads - loaded_leads, deals=deals - loaded_deals, rng=rng, staff=staff
        )
        loaded_leads, loaded_deals = leads, deals
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        trivial_wall, trivial_cpu = median_ms(trivial)
        print(
            f"| {leads:,} | {deals:,} | trivial page `/healthz` | {trivial_wall:,.1f} "
            f"| {trivial_cpu:,.1f} | 1 | {count_queries(trivial)} | |"
        )
        for name, get in pages.items():
            # Warm: templates, fonts and the stylesheet are loaded once per process.
            size = len(get().content)
            wall, cpu = median_ms(get)
            print(
                f"| {leads:,} | {deals:,} | {name} | {wall:,.0f} | {cpu:,.0f} "
                f"| {wall / trivial_wall:,.0f} | {count_queries(get)} | {size / 1024:,.0f} KiB |"
            )


if __name__ == "__main__":
    main()
