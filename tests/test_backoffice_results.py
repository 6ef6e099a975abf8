"""Results for staff: figures against a known dataset, fixed query count, CSV per table."""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_countries import countries

from backoffice.results import Period, all_tables
from buyers.choices import LeadStatus
from buyers.models import ExpressionOfInterest
from buyers.services import lead_change_status
from deals.services import deal_record, deal_verify

from .factories import (
    BuyerFactory,
    CategoryFactory,
    DelegateFactory,
    ExhibitorFactory,
    ExpoFactory,
    PlacementLeadFactory,
    ProductFactory,
    SubCategoryFactory,
    TradeLeadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day, hour, minute=0):
    """A moment of October 2024 in Jakarta time."""
    return datetime.datetime(2024, 10, day, hour, minute, tzinfo=JAKARTA)


def received(lead, moment):
    ExpressionOfInterest.objects.filter(pk=lead.pk).update(created_at=moment)
    return lead


def move(lead, *statuses):
    for status in statuses:
        lead_change_status(lead=lead, status=status)


@pytest.fixture
def dataset():
    """TEI 2024 (9-13 October): seven leads in the period, two outside it."""
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    other_expo = ExpoFactory()
    food = CategoryFactory(name_en="Food and beverages", name_ind="Makanan dan minuman")
    crafts = CategoryFactory(name_en="Handicrafts", name_ind="Kerajinan")
    coffee = ProductFactory(
        exhibitor=ExhibitorFactory(name="Kopi Purna", province="JT"),
        category=SubCategoryFactory(parent=food, name_en="Coffee"),
    )
    batik = ProductFactory(
        exhibitor=ExhibitorFactory(name="Batik Bali Kembali", province="BA"),
        category=SubCategoryFactory(parent=crafts, name_en="Batik"),
    )
    tanaka = BuyerFactory(country="JP")
    sato = BuyerFactory(country="JP")
    lim = BuyerFactory(country="SG")
    park = DelegateFactory(country="KR")
    mori = DelegateFactory(country="JP")

    def trade(buyer, product, value, moment, *statuses, expo=expo):
        lead = TradeLeadFactory(
            buyer=buyer, product=product, expo=expo, estimated_value_usd=Decimal(value)
        )
        move(lead, *statuses)
        return received(lead, moment)

    trade(tanaka, coffee, "1000", at(9, 10))
    trade(tanaka, batik, "500", at(9, 23, 30), LeadStatus.CONTACTED)
    # 00:30 in Jakarta on the 10th is still the 9th in UTC: it counts on the 10th.
    trade(
        sato,
        coffee,
        "2000",
        at(10, 0, 30),
        LeadStatus.CONTACTED,
        LeadStatus.QUOTED,
        LeadStatus.AGREED,
    )
    trade(lim, coffee, "300", at(11, 15), LeadStatus.CONTACTED, LeadStatus.LOST)
    trade(lim, batik, "9999", at(11, 16), LeadStatus.SPAM)
    received(
        PlacementLeadFactory(
            delegate=park, expo=expo, sectors=["manufacturing", "construction"], headcount=20
        ),
        at(12, 11),
    )
    received(
        PlacementLeadFactory(delegate=mori, expo=expo, sectors=["caregiving"], headcount=5),
        at(12, 14),
    )
    # Outside: a week after the expo, and at another expo.
    trade(sato, batik, "700", at(20, 10))
    trade(tanaka, coffee, "800", at(10, 10), expo=other_expo)
    return expo


def period_of(expo):
    return Period(expo=expo, start=expo.start_date, end=expo.end_date)


def expo_days(expo):
    """The query string of an expo and its own days."""
    return {"expo": expo.pk, "start": expo.start_date.isoformat(), "end": expo.end_date.isoformat()}


def test_results_figures_match_the_known_dataset(dataset):
    tables = all_tables(period_of(dataset))

    assert tables["visitors-by-country"].rows == [
        [countries.name("JP"), 2, 1],
        [countries.name("SG"), 1, 0],
        [countries.name("KR"), 0, 1],
    ]
    assert tables["leads-per-day"].rows == [
        [datetime.date(2024, 10, 9), 2, 0],
        [datetime.date(2024, 10, 10), 1, 0],
        [datetime.date(2024, 10, 11), 1, 0],
        [datetime.date(2024, 10, 12), 0, 2],
        [datetime.date(2024, 10, 13), 0, 0],
    ]
    assert tables["leads-per-msme"].rows == [
        ["Kopi Purna", "Central Java", 3, Decimal("3000.00"), Decimal("2000.00")],
        ["Batik Bali Kembali", "Bali", 1, Decimal("500.00"), Decimal("0.00")],
    ]
    assert tables["leads-per-category"].rows == [
        ["Food and beverages", 3, Decimal("3000.00"), Decimal("2000.00")],
        ["Handicrafts", 1, Decimal("500.00"), Decimal("0.00")],
    ]
    assert tables["leads-per-province"].rows == [["Central Java", 1, 3], ["Bali", 1, 1]]
    assert [row[1:] for row in tables["pipeline-funnel"].rows] == [
        [4, 100],  # received
        [3, 75],  # contacted or later (the lost one was contacted first)
        [1, 25],  # sample sent or later: skipped by the agreed lead, which still passed it
        [1, 25],  # quoted
        [1, 25],  # agreed
        [0, 0],  # shipped
        [1, 25],  # lost
        [1, None],  # spam
    ]
    assert tables["transaction-value"].rows[0][1:] == [3, Decimal("3500.00")]
    assert tables["transaction-value"].rows[1][1:] == [1, Decimal("2000.00")]
    assert tables["placement-demand"].rows == [
        [countries.name("KR"), "Construction", 1, 20],
        [countries.name("KR"), "Manufacturing", 1, 20],
        [countries.name("JP"), "Caregiving", 1, 5],
    ]


def test_results_date_range_narrows_to_its_jakarta_days(dataset):
    period = Period(
        expo=dataset, start=datetime.date(2024, 10, 10), end=datetime.date(2024, 10, 10)
    )

    tables = all_tables(period)

    assert tables["leads-per-day"].rows == [[datetime.date(2024, 10, 10), 1, 0]]
    assert tables["leads-per-msme"].rows == [
        ["Kopi Purna", "Central Java", 1, Decimal("2000.00"), Decimal("2000.00")]
    ]


def test_results_page_shows_figures_in_usd_and_idr(client, booth_staff, dataset, settings):
    settings.EXPO_USD_IDR_RATE = 16000
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:results"), expo_days(dataset))
    page = response.content.decode()

    assert response.status_code == 200
    assert "USD 3,500.00" in page
    assert "IDR 56,000,000" in page
    assert "USD 2,000.00" in page
    assert "IDR 32,000,000" in page
    assert page.count("<svg") == 9
    assert 'style="' not in page
    assert "<script>" not in page


def test_staff_header_links_the_booth_floor_for_those_who_capture(client, booth_staff, dataset):
    results_only = UserFactory(username="analyst", staff=True)
    results_only.user_permissions.add(Permission.objects.get(codename="view_results"))
    booth = f'href="{reverse("booth:capture")}"'

    client.force_login(booth_staff)
    with_capture = client.get(reverse("backoffice:results"), expo_days(dataset)).text
    client.force_login(results_only)
    without_capture = client.get(reverse("backoffice:results"), expo_days(dataset)).text

    assert booth in with_capture and "Booth floor" in with_capture
    assert booth not in without_capture


def test_results_page_query_count_is_fixed(client, booth_staff, dataset, assert_page_queries):
    client.force_login(booth_staff)
    page = {"results": (reverse("backoffice:results"), {"expo": dataset.pk})}
    # The user, two for their permissions, the chosen expo, one for each of the eight
    # tables of leads, one for the meetings held, two for the deal figures (estimates,
    # deals), one for each of the five tables of deals, two for demand against readiness
    # (leads, figures), and two for the menu of expos (a count and the list); the session
    # is cached.
    queries = {"results": 24}
    assert_page_queries(client, page, queries)
    for index in range(30):
        lead = TradeLeadFactory(expo=dataset, buyer=BuyerFactory(country="AU"))
        received(lead, at(9 + index % 5, 12))
        PlacementLeadFactory(expo=dataset, sectors=["fisheries", "construction"])
        deal = deal_record(
            lead=lead,
            title="Container",
            agreement_signed_on=datetime.date(2024, 10 + index % 3, 20),
            amount=Decimal(100 + index),
            destination_country=["AU", "JP", ""][index % 3],
        )
        if index % 2:
            deal_verify(deal=deal, actor=booth_staff)

    assert_page_queries(client, page, queries)


def test_results_csv_per_table_with_idr_column(client, booth_staff, dataset, settings):
    settings.EXPO_USD_IDR_RATE = 16000
    client.force_login(booth_staff)
    params = {"expo": dataset.pk, "start": "2024-10-09", "end": "2024-10-13"}

    response = client.get(
        reverse("backoffice:results-csv", kwargs={"table": "leads-per-msme"}), params
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert rows == [
        [
            "MSME",
            "Province",
            "Leads",
            "Potential value (USD)",
            "Potential value (IDR)",
            "Agreed value (USD)",
            "Agreed value (IDR)",
        ],
        ["Kopi Purna", "Central Java", "3", "3000.00", "48000000.00", "2000.00", "32000000.00"],
        ["Batik Bali Kembali", "Bali", "1", "500.00", "8000000.00", "0.00", "0.00"],
    ]


@pytest.mark.parametrize(
    "table",
    [
        "visitors-by-country",
        "leads-per-day",
        "leads-per-category",
        "leads-per-province",
        "pipeline-funnel",
        "transaction-value",
        "deal-value",
        "placement-demand",
    ],
)
def test_results_csv_every_table_downloads(client, booth_staff, dataset, table):
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:results-csv", kwargs={"table": table}), {"expo": dataset.pk}
    )

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").count("\n") >= 2


def test_results_csv_neutralises_a_formula_in_a_business_name(client, booth_staff, dataset):
    exhibitor = ExhibitorFactory(name='=HYPERLINK("http://evil.example","x")')
    lead = TradeLeadFactory(expo=dataset, product=ProductFactory(exhibitor=exhibitor))
    received(lead, at(9, 12))
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:results-csv", kwargs={"table": "leads-per-msme"}), {"expo": dataset.pk}
    )
    names = [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))]

    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert not any(name.startswith("=") for name in names)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2024-10-13", "end": "2024-10-09"}, "must not be before"),
        ({"start": "yesterday"}, "Enter a valid date"),
        ({"start": "2020-01-01", "end": "2024-12-31"}, "at most 400 days"),
        ({"expo": "999999"}, "Select a valid choice"),
        ({"expo": "not-a-number"}, "Select a valid choice"),
    ],
)
def test_results_bad_period_is_a_clear_400_not_a_500(client, booth_staff, dataset, params, message):
    """Tried: end before start, a word for a date, six years, an unknown and a non-numeric expo."""
    client.force_login(booth_staff)
    query = {"expo": dataset.pk, **params}

    page = client.get(reverse("backoffice:results"), query)
    download = client.get(
        reverse("backoffice:results-csv", kwargs={"table": "leads-per-day"}), query
    )

    assert page.status_code == 400
    assert message in page.content.decode()
    assert download.status_code == 400


def test_results_csv_unknown_table_is_404(client, booth_staff, dataset):
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:results-csv", kwargs={"table": "salaries"}))

    assert response.status_code == 404


def test_results_default_to_the_current_expo_until_its_follow_up_ends(
    client, booth_staff, dataset, settings
):
    """The expo of October 2024 is long over: its results run to the last day of its
    follow-up period, not to its own last day (which showed zeros after the expo)."""
    settings.EXPO_FOLLOW_UP_DAYS = 90
    dataset.is_current = True
    dataset.save()
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:results"))

    assert response.status_code == 200
    assert response.context["period"] == Period(
        expo=dataset, start=datetime.date(2024, 10, 9), end=datetime.date(2025, 1, 11)
    )


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Trade Expo Indonesia 2024", "Trade Expo Indonesia 2024"),
        ("Trade Expo Indonesia", "Trade Expo Indonesia 2024"),
        ("TEI 39th edition", "TEI 39th edition 2024"),
    ],
)
def test_results_page_names_the_expo_once(client, booth_staff, name, shown):
    expo = ExpoFactory(
        name_en=name,
        name_ind=name,
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 13),
    )
    client.force_login(booth_staff)

    page = client.get(reverse("backoffice:results"), expo_days(expo)).content.decode()

    assert str(expo) == shown
    assert f"{shown}: leads received from 9 October 2024 to 13 October 2024" in page
    assert f">{shown}</option>" in page
    assert "2024 2024" not in page


def test_results_show_potential_agreed_and_realised_never_mixed(
    client, booth_staff, dataset, settings
):
    """Deals of leads in the period count; a verified one is realised, an unverified one
    only agreed, a sample is neither, and a deal of a lead outside the period is left out."""
    settings.EXPO_USD_IDR_RATE = 16000
    leads = {lead.estimated_value_usd: lead for lead in ExpressionOfInterest.objects.all()}
    signed = datetime.date(2024, 10, 20)
    verified = deal_record(
        lead=leads[Decimal("2000")],
        title="Container",
        agreement_signed_on=signed,
        amount=Decimal("1500"),
    )
    deal_verify(deal=verified, actor=booth_staff)
    deal_record(
        lead=leads[Decimal("1000")],
        title="Order",
        purchase_order_on=signed,
        amount=Decimal("8000000"),
        currency="IDR",
        usd_idr_rate=Decimal("16000"),
    )
    deal_record(lead=leads[Decimal("500")], title="Sample", sample_sent_on=signed)
    deal_record(
        lead=leads[Decimal("700")],
        title="Outside",
        agreement_signed_on=signed,
        amount=Decimal("999"),
    )
    client.force_login(booth_staff)

    table = all_tables(period_of(dataset))["deal-value"]
    page = client.get(reverse("backoffice:results"), expo_days(dataset)).content.decode()

    assert [row[1:] for row in table.rows] == [
        [3, Decimal("3500.00")],
        [2, Decimal("2000.00")],
        [1, Decimal("1500.00")],
    ]
    assert "USD 1,500.00" in page
    assert "IDR 24,000,000" in page
