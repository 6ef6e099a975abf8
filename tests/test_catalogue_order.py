"""The catalogue's search table is kept in category order by the nightly retention job, so
a common word's matches (mostly of a few categories) share the table's pages."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from .factories import ProductFactory, SubCategoryFactory

# run_job's lock lives in a session of its own, and the retention job's mail cleanup
# closes the connection: transactional, as tests/test_periodic_jobs.py.
pytestmark = pytest.mark.django_db(transaction=True)


def physical_order() -> list[int]:
    """The rows' categories in the order they lie in the table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT category_id FROM products_catalogueentry ORDER BY ctid")
        return [row[0] for row in cursor.fetchall()]


def test_the_retention_job_puts_the_search_table_in_category_order():
    batik, coffee = SubCategoryFactory(), SubCategoryFactory()
    for _ in range(6):
        ProductFactory(category=batik)
        ProductFactory(category=coffee)
    assert physical_order() == [batik.pk, coffee.pk] * 6  # as the products came

    out = io.StringIO()
    call_command("run_job", "retention", stdout=out)

    assert physical_order() == sorted([batik.pk, coffee.pk] * 6)
    with connection.cursor() as cursor:
        # The order of the index it was written in, and the planner's statistics anew.
        cursor.execute(
            "SELECT correlation FROM pg_stats"
            " WHERE tablename = 'products_catalogueentry' AND attname = 'category_id'"
        )
        assert cursor.fetchone()[0] == pytest.approx(1.0)


def test_cluster_catalogue_says_what_it_did():
    out = io.StringIO()

    call_command("cluster_catalogue", stdout=out)

    assert out.getvalue() == "The catalogue's search table is in category order again.\n"
