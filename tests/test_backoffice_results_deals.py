"""Results after the expo: the default range, and the tables of agreed and realised deals."""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_countries import countries

from backoffice.results import Period, all_tables, default_end
from booths.choices import Province
from buyers.choices import LeadStatus
from buyers.models import ExpressionOfInterest
from deals.models import AGREED_FIELDS, Deal
from deals.services import deal_record, deal_verify

from .factories import (
    CategoryFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    SubCategoryFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
DEAL_TABLES = [
    "deals-per-msme",
    "deals-per-province",
    "deals-per-category",
    "deals-per-country",
    "deals-per-month",
]


def received(lead, day):
    moment = datetime.datetime.combine(day, datetime.time(11), tzinfo=JAKARTA)
    ExpressionOfInterest.objects.filter(pk=lead.pk).update(created_at=moment)
    return lead


@pytest.fixture
def seeded(booth_staff):
    """TEI 2024 (9-13 October) and deals of every kind on its leads: in dollars and in
    rupiah at an awkward rate, verified or not, agreed in four months, one without a
    product or a destination; and deals that must not count."""
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    food = CategoryFactory(name_en="Food and beverages", name_ind="Makanan dan minuman")
    crafts = CategoryFactory(name_en="Handicrafts", name_ind="Kerajinan")
    kopi = ExhibitorFactory(name="Kopi Purna", province="JT")
    batik = ExhibitorFactory(name="Batik Bali Kembali", province="BA")
    coffee = ProductFactory(exhibitor=kopi, category=SubCategoryFactory(parent=food))
    cloth = ProductFactory(exhibitor=batik, category=SubCategoryFactory(parent=crafts))

    def lead(product, day=datetime.date(2024, 10, 10), **kwargs):
        return received(TradeLeadFactory(product=product, expo=expo, **kwargs), day)

    def deal(lead, verify=False, **fields):
        made = deal_record(lead=lead, title="Order", **fields)
        if verify:
            deal_verify(deal=made, actor=booth_staff)
        return made

    first, second, third = lead(coffee), lead(coffee), lead(cloth)
    no_product = lead(None, exhibitor=kopi)
    deal(
        first,
        verify=True,
        agreement_signed_on=datetime.date(2024, 10, 12),
        amount=Decimal("1500"),
        destination_country="JP",
    )
    deal(first, sample_sent_on=datetime.date(2024, 10, 11))
    deal(
        second,
        purchase_order_on=datetime.date(2024, 11, 5),
        amount=Decimal("8000000"),
        currency="IDR",
        usd_idr_rate=Decimal("15873.5000"),
        destination_country="JP",
    )
    deal(second, quoted_on=datetime.date(2024, 11, 1), quoted_amount=Decimal("5000"))
    deal(
        third,
        verify=True,
        shipped_on=datetime.date(2025, 1, 10),
        shipped_quantity=Decimal("40"),
        amount=Decimal("777.77"),
        destination_country="US",
    )
    deal(
        third,
        agreement_signed_on=datetime.date(2024, 12, 1),
        paid_on=datetime.date(2025, 1, 20),
        amount=Decimal("250"),
    )
    deal(
        no_product,
        verify=True,
        agreement_signed_on=datetime.date(2024, 10, 20),
        amount=Decimal("100"),
        currency="IDR",
        usd_idr_rate=Decimal("3"),
        destination_country="SG",
    )
    # Not counted: a lead of another expo, and a lead marked spam after its deal.
    other = received(TradeLeadFactory(product=coffee, expo=ExpoFactory()), expo.start_date)
    deal(other, verify=True, agreement_signed_on=expo.end_date, amount=Decimal("99999"))
    spam = lead(cloth)
    deal(spam, agreement_signed_on=expo.end_date, amount=Decimal("88888"))
    ExpressionOfInterest.objects.filter(pk=spam.pk).update(status=LeadStatus.SPAM)
    return expo


def _usd(deal):
    return deal.amount if deal.currency == "USD" else deal.amount / deal.usd_idr_rate


def _cents(value):
    return Decimal(value).quantize(Decimal("0.01"))


def expected_from_database(expo, label):
    """Agreed and realised sums computed from the deal rows one by one, grouped in Python."""
    sums = {}
    deals = (
        Deal.objects.filter(lead__expo=expo, amount__isnull=False)
        .exclude(lead__status=LeadStatus.SPAM)
        .select_related("lead__exhibitor", "lead__product__category__parent")
    )
    for deal in deals:
        if not any(getattr(deal, name) for name in AGREED_FIELDS):
            continue
        row = sums.setdefault(label(deal), [0, Decimal(0), 0, Decimal(0)])
        row[0] += 1
        row[1] += _usd(deal)
        if deal.verified_at:
            row[2] += 1
            row[3] += _usd(deal)
    return {key: [a, _cents(b), c, _cents(d)] for key, (a, b, c, d) in sums.items()}


def _main_category(deal):
    if deal.lead.product is None:
        return "No product named"
    category = deal.lead.product.category
    return (category.parent or category).name_en


def _agreed_month(deal):
    day = next(getattr(deal, name) for name in AGREED_FIELDS if getattr(deal, name))
    return day.strftime("%B %Y")


@pytest.mark.parametrize(
    ("key", "labels", "label"),
    [
        ("deals-per-msme", 2, lambda d: (d.lead.exhibitor.name, d.lead.exhibitor.province)),
        ("deals-per-province", 1, lambda d: d.lead.exhibitor.province),
        ("deals-per-category", 1, _main_category),
        ("deals-per-country", 1, lambda d: d.destination_country.code or "Not given"),
        ("deals-per-month", 2, _agreed_month),
    ],
)
def test_deal_tables_equal_the_sums_of_the_deal_rows(seeded, key, labels, label):
    period = Period(expo=seeded, start=seeded.start_date, end=datetime.date(2025, 2, 1))
    provinces = dict(Province.choices)
    table = all_tables(period)[key]

    def table_key(row):
        if key == "deals-per-msme":
            name, province = row[0], row[1]
            return (name, next(c for c, n in provinces.items() if str(n) == province))
        if key == "deals-per-province":
            return next(c for c, n in provinces.items() if str(n) == row[0])
        if key == "deals-per-country":
            return countries.by_name(row[0]) or row[0]
        return row[0]

    got = {table_key(row): row[labels:] for row in table.rows if row[labels]}
    expected = expected_from_database(seeded, label)

    assert got == expected
    assert len(expected) >= 2
    # Every table adds up to the agreed and realised figures, never mixed (each row is
    # rounded to the cent on its own: at most half a cent apart per row).
    figures = all_tables(period)["deal-value"].rows
    slack = Decimal("0.005") * len(table.rows)
    assert abs(sum(row[labels + 1] for row in table.rows) - figures[1][2]) <= slack
    assert abs(sum(row[labels + 3] for row in table.rows) - figures[2][2]) <= slack


def test_deals_per_month_counts_from_the_expo_month_with_empty_months(seeded):
    period = Period(expo=seeded, start=seeded.start_date, end=datetime.date(2025, 2, 1))

    rows = all_tables(period)["deals-per-month"].rows

    assert [row[:3] for row in rows] == [
        ["October 2024", 0, 2],
        ["November 2024", 1, 1],
        ["December 2024", 2, 1],
        ["January 2025", 3, 1],
    ]
    assert rows[0][3:] == [Decimal("1533.33"), 2, Decimal("1533.33")]
    assert rows[1][3:] == [Decimal("503.98"), 0, Decimal("0.00")]


def test_deal_tables_are_empty_with_their_own_sentence(client, booth_staff):
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    client.force_login(booth_staff)

    page = client.get(reverse("backoffice:results"), {"expo": expo.pk}).content.decode()

    assert page.count("No agreed deals for the leads of this period.") == len(DEAL_TABLES)


@pytest.mark.parametrize("table", DEAL_TABLES)
def test_deal_tables_download_as_csv_with_usd_and_idr(client, booth_staff, seeded, table, settings):
    settings.EXPO_USD_IDR_RATE = 16000
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:results-csv", kwargs={"table": table}), {"expo": seeded.pk}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response.status_code == 200
    assert "Agreed value (USD)" in rows[0]
    assert "Agreed value (IDR)" in rows[0]
    assert "Realised value (USD)" in rows[0]
    assert "Realised value (IDR)" in rows[0]
    assert len(rows) >= 3


def test_deals_per_msme_csv_rows(client, booth_staff, seeded, settings):
    settings.EXPO_USD_IDR_RATE = 16000
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:results-csv", kwargs={"table": "deals-per-msme"}),
        {"expo": seeded.pk, "start": "2024-10-09", "end": "2025-02-01"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert rows == [
        [
            "MSME",
            "Province",
            "Deals agreed",
            "Agreed value (USD)",
            "Agreed value (IDR)",
            "Deals realised",
            "Realised value (USD)",
            "Realised value (IDR)",
        ],
        [
            "Kopi Purna",
            "Central Java",
            "3",
            "2037.32",
            "32597120.00",
            "2",
            "1533.33",
            "24533280.00",
        ],
        ["Batik Bali Kembali", "Bali", "2", "1027.77", "16444320.00", "1", "777.77", "12444320.00"],
    ]


# --- the default range ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "follow_up", "end"),
    [
        # Before the expo: its own days.
        (datetime.date(2024, 9, 1), 365, datetime.date(2024, 10, 13)),
        # During it: its own days (none of them is over yet).
        (datetime.date(2024, 10, 10), 365, datetime.date(2024, 10, 13)),
        # After it: to today.
        (datetime.date(2024, 12, 31), 365, datetime.date(2024, 12, 31)),
        # After its follow-up: to the last day of the follow-up.
        (datetime.date(2026, 1, 1), 365, datetime.date(2025, 10, 13)),
        (datetime.date(2026, 1, 1), 30, datetime.date(2024, 11, 12)),
        # A follow-up longer than the results can cover stops at 400 days.
        (datetime.date(2027, 1, 1), 1000, datetime.date(2025, 11, 12)),
    ],
)
def test_default_end(settings, today, follow_up, end):
    settings.EXPO_FOLLOW_UP_DAYS = follow_up
    expo = ExpoFactory.build(
        start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13)
    )

    assert default_end(expo, today) == end


def test_results_open_on_the_current_expo_from_its_first_day_to_today(client, booth_staff):
    """An expo that ended last week: the page opens on its first day to today, and counts
    the leads and deals that came after it, which its own days left out."""
    today = timezone.localdate()
    expo = ExpoFactory(
        start_date=today - datetime.timedelta(days=12),
        end_date=today - datetime.timedelta(days=8),
        is_current=True,
    )
    lead = received(TradeLeadFactory(expo=expo), today - datetime.timedelta(days=1))
    deal_record(lead=lead, title="Order", agreement_signed_on=today, amount=Decimal("640"))
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:results"))
    page = response.content.decode()

    assert response.status_code == 200
    assert response.context["period"] == Period(expo=expo, start=expo.start_date, end=today)
    assert f'value="{today:%Y-%m-%d}"' in page
    assert "USD 640.00" in page


# --- bad input ------------------------------------------------------------------------


def _tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


BAD_PERIODS = [
    (
        {"start": "2024-10-13", "end": "2024-10-09"},
        "The last day must not be before the first day.",
        "Hari terakhir tidak boleh sebelum hari pertama.",
    ),
    ({"start": "2024-02-30"}, "Enter a valid date.", "Masukkan tanggal yang valid."),
    ({"end": "2024-13-01"}, "Enter a valid date.", "Masukkan tanggal yang valid."),
    ({"end": "tomorrow"}, "Choose days up to", "Pilih hari sampai"),
    ({"start": "tomorrow"}, "Choose days up to", "Pilih hari sampai"),
]


@pytest.mark.parametrize(("params", "english", "indonesian"), BAD_PERIODS)
def test_results_bad_dates_get_a_clear_message_in_both_languages(
    client, booth_staff, seeded, params, english, indonesian
):
    """Tried: reversed dates, 30 February, a thirteenth month, tomorrow as the last and as
    the first day. Nothing is shown or downloaded for them."""
    params = {k: _tomorrow() if v == "tomorrow" else v for k, v in params.items()}
    client.force_login(booth_staff)
    query = {"expo": seeded.pk, **params}
    deals = list(Deal.objects.values_list("pk", "amount", "verified_at"))

    for language, message in (("en", english), ("id", indonesian)):
        with translation.override(language):
            page = client.get(reverse("backoffice:results"), query)
            download = client.get(
                reverse("backoffice:results-csv", kwargs={"table": "deals-per-msme"}), query
            )
        assert page.status_code == 400
        assert message in page.content.decode()
        assert "period" not in page.context
        assert download.status_code == 400
        assert "text/csv" not in download["Content-Type"]
    assert list(Deal.objects.values_list("pk", "amount", "verified_at")) == deals


def test_results_future_expo_opens_on_its_own_days_and_no_later(client, booth_staff):
    today = timezone.localdate()
    expo = ExpoFactory(
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=34),
    )
    client.force_login(booth_staff)

    opened = client.get(reverse("backoffice:results"), {"expo": expo.pk})
    later = client.get(
        reverse("backoffice:results"),
        {"expo": expo.pk, "end": (expo.end_date + datetime.timedelta(days=1)).isoformat()},
    )

    assert opened.status_code == 200
    assert opened.context["period"] == Period(expo=expo, start=expo.start_date, end=expo.end_date)
    assert later.status_code == 400
    assert "Choose days up to" in later.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "There is no results table called “salaries”."),
        ("id", "Tidak ada tabel hasil bernama “salaries”."),
    ],
)
def test_results_csv_unknown_table_says_so(client, booth_staff, seeded, language, message):
    client.force_login(booth_staff)

    with translation.override(language):
        response = client.get(
            reverse("backoffice:results-csv", kwargs={"table": "salaries"}), {"expo": seeded.pk}
        )

    assert response.status_code == 404
    assert message in response.content.decode()
    assert "text/csv" not in response["Content-Type"]


def test_demo_results_are_full_on_first_open(client, booth_staff, settings):
    """The demo expo was in October 2024: its leads count as received during it, so the
    page opened without dates shows them and their deals."""
    from io import StringIO

    from django.core.management import call_command

    from .test_commands import DEMO_LOGINS

    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = DEMO_LOGINS
    call_command("load_demo", "--no-images", stdout=StringIO())
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:results"))
    figures = response.context["figures"]
    tables = {section["table"].key: section["table"] for section in response.context["sections"]}

    assert response.status_code == 200
    assert figures["trade_leads"] > 0
    assert figures["placement_leads"] > 0
    assert figures["realised"] > 0
    for key in DEAL_TABLES:
        assert tables[key].rows, key


def test_deal_csv_query_count_is_fixed(client, booth_staff, seeded, assert_page_queries):
    client.force_login(booth_staff)
    pages = {
        table: (reverse("backoffice:results-csv", kwargs={"table": table}), {"expo": seeded.pk})
        for table in DEAL_TABLES
    }
    # The user, two for their permissions, the chosen expo and the table's own query.
    queries = dict.fromkeys(DEAL_TABLES, 5)
    assert_page_queries(client, pages, queries)
    for index in range(20):
        lead = received(TradeLeadFactory(expo=seeded), datetime.date(2024, 10, 9 + index % 5))
        made = deal_record(
            lead=lead,
            title="Container",
            agreement_signed_on=datetime.date(2024, 10 + index % 3, 25),
            amount=Decimal(1000 + index),
            destination_country=["AU", "DE", "KR", ""][index % 4],
        )
        if index % 2:
            deal_verify(deal=made, actor=booth_staff)

    assert_page_queries(client, pages, queries)
