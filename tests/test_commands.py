import ast
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from booths.models import Exhibitor
from products.models import Product

from .factories import ProductFactory

DEMO_LOGINS = [
    {"role": "staff", "username": "staff", "password": "Booth-staff-2024"},
    {"role": "owner", "username": "sari", "password": "Sari-owner-2024"},
]


def row_counts() -> dict[str, int]:
    """Rows of every installed model (many-to-many tables included), by model label."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


@pytest.mark.django_db
def test_load_demo_twice_same_counts(settings):
    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = DEMO_LOGINS
    call_command("load_demo", stdout=StringIO())
    first = row_counts()

    call_command("load_demo", stdout=StringIO())

    assert row_counts() == first


@pytest.mark.django_db
def test_load_demo_fills_the_booth():
    call_command("load_demo", "--no-images", stdout=StringIO())

    assert Exhibitor.objects.approved().count() >= 12
    assert Product.objects.count() >= 40


@pytest.mark.django_db
def test_load_demo_records_deals_with_two_verified_by_staff(settings):
    from deals.models import Deal

    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = DEMO_LOGINS
    call_command("load_demo", "--no-images", stdout=StringIO())

    realised = Deal.objects.realised()
    assert Deal.objects.count() == 6
    assert Deal.objects.agreed().count() == 4
    assert realised.count() == 2
    assert all(deal.verified_by.is_staff for deal in realised)
    # Follow-up after the demo expo of October 2024: every stage date after its last day.
    for deal in Deal.objects.all():
        dates = [deal.sample_sent_on, deal.quoted_on, deal.agreement_signed_on, deal.paid_on]
        assert all(day > deal.lead.expo.end_date for day in dates if day), deal
    assert Deal.objects.filter(lead__exhibitor__owners__username="sari").count() == 2


@pytest.mark.django_db
def test_generate_catalogue_exact_counts():
    call_command(
        "generate_catalogue",
        "--exhibitors",
        "5",
        "--products",
        "50",
        "--seed",
        "1",
        stdout=StringIO(),
    )

    assert Exhibitor.objects.count() == 5
    assert Product.objects.count() == 50


@pytest.mark.django_db
def test_generated_catalogue_gives_the_planner_statistics_of_every_table_it_fills():
    """Without statistics PostgreSQL takes a bulk-loaded table for a small one: each batch
    of product cards then read its certificates by scanning the whole table."""
    call_command(
        "generate_catalogue", "--exhibitors", "5", "--products", "50", "--seed", "1",
        stdout=StringIO(),
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public'")
        analysed = {row[0] for row in cursor.fetchall()}
    assert {
        "products_product",
        "products_certification",
        "booths_exhibitor",
        "booths_exhibitor_support_programmes",
        "products_catalogueentry",
    } <= analysed


@pytest.mark.django_db
def test_generate_catalogue_adds_to_existing_rows():
    ProductFactory()
    exhibitors_before = Exhibitor.objects.count()

    call_command(
        "generate_catalogue",
        "--exhibitors",
        "5",
        "--products",
        "50",
        "--seed",
        "1",
        stdout=StringIO(),
    )

    assert Exhibitor.objects.count() == exhibitors_before + 5
    assert Product.objects.count() == 1 + 50


def test_no_app_imports_the_demo():
    """The demo sits on top of every app; the portal runs the same without it."""
    importers = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        # Our own apps only (third-party ones may live in a virtualenv inside BASE_DIR).
        if config.label == "demo" or path.parent != settings.BASE_DIR:
            continue
        for source in path.rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text())):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom) and not node.level
                    else [alias.name for alias in node.names]
                    if isinstance(node, ast.Import)
                    else []
                )
                if any(name == "demo" or name.startswith("demo.") for name in names):
                    importers.append(str(source.relative_to(settings.BASE_DIR)))

    assert importers == []
