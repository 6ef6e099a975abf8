"""The one-click expo report (PDF and XLSX): its figures against sums taken straight from
the database, read back from the files; who may download it; bad periods; query count."""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from backoffice.results import TABLES
from buyers.choices import LeadKind, LeadStatus
from buyers.models import ExpressionOfInterest
from deals.models import Deal
from deals.services import deal_record, deal_verify
from meetings.choices import MeetingStatus
from meetings.models import Meeting

from .factories import (
    BuyerFactory,
    DelegateFactory,
    ExhibitorFactory,
    ExpoFactory,
    PlacementLeadFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)
from .meeting_data import stand

pytestmark = pytest.mark.django_db

PDF = "backoffice:results-report-pdf"
XLSX = "backoffice:results-report-xlsx"
KOPI_STORY = "Sari roasted coffee for a hotel in Hong Kong for six years."


def _meeting(place, slot_time, *, lead, status, exhibitor=None, buyer=None, delegate=None):
    slot = place.slot(slot_time, table=place.table if exhibitor else place.agency_table)
    return Meeting.objects.create(
        slot=slot,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        exhibitor=exhibitor,
        buyer=buyer,
        delegate=delegate,
        lead=lead,
        topic="Prices",
        status=status,
        requested_at=timezone.now(),
    )


@pytest.fixture
def seeded(booth_staff, settings):
    """An expo that ended last month: trade leads with estimates (one lost, one spam),
    placement leads, meetings held, missed and cancelled, and deals in USD and in rupiah,
    verified and not, agreed and not; a deal of another expo."""
    settings.EXPO_USD_IDR_RATE = 16000
    place = stand(days_ahead=-40)
    expo = place.expo
    kopi = place.exhibitor
    kopi.name, kopi.story_en, kopi.story_ind = "Kopi Purna", KOPI_STORY, "Sari menyangrai kopi."
    kopi.save()
    batik = ExhibitorFactory(name="Batik Bali Kembali", province="BA")
    coffee = ProductFactory(exhibitor=kopi)
    cloth = ProductFactory(exhibitor=batik)
    tanaka, sato, lim = (
        BuyerFactory(country="JP"),
        BuyerFactory(country="JP"),
        BuyerFactory(country="SG"),
    )
    park, mori = DelegateFactory(country="KR"), DelegateFactory(country="JP")

    def trade(buyer, product, value, status=None):
        lead = TradeLeadFactory(
            buyer=buyer, product=product, expo=expo, estimated_value_usd=Decimal(value)
        )
        if status:
            ExpressionOfInterest.objects.filter(pk=lead.pk).update(status=status)
        return lead

    def deal(lead, verify=False, **fields):
        made = deal_record(lead=lead, title="Order", **fields)
        if verify:
            deal_verify(deal=made, actor=booth_staff)
        return made

    first = trade(tanaka, coffee, "1000")
    second = trade(sato, coffee, "2500.50")
    trade(lim, cloth, "400", LeadStatus.LOST)
    third = trade(tanaka, cloth, "650")
    spam = trade(lim, cloth, "99999")
    placement = PlacementLeadFactory(
        delegate=park, expo=expo, headcount=120, sectors=["manufacturing"]
    )
    PlacementLeadFactory(delegate=mori, expo=expo, headcount=30, sectors=["caregiving"])
    day = expo.end_date
    deal(first, verify=True, agreement_signed_on=day, amount=Decimal("1500"))
    deal(
        first,
        purchase_order_on=day,
        amount=Decimal("8000000"),
        currency="IDR",
        usd_idr_rate=Decimal("15873.5000"),
    )
    deal(
        second,
        verify=True,
        shipped_on=day,
        amount=Decimal("4800000"),
        currency="IDR",
        usd_idr_rate=Decimal("16000"),
    )
    deal(third, agreement_signed_on=day, amount=Decimal("777.77"), destination_country="US")
    deal(second, sample_sent_on=day)
    deal(spam, agreement_signed_on=day, amount=Decimal("88888"))
    ExpressionOfInterest.objects.filter(pk=spam.pk).update(status=LeadStatus.SPAM)
    other = TradeLeadFactory(product=coffee, expo=ExpoFactory())
    deal(other, verify=True, agreement_signed_on=day, amount=Decimal("55555"))

    _meeting(
        place, "10:00", lead=first, status=MeetingStatus.ATTENDED, exhibitor=kopi, buyer=tanaka
    )
    _meeting(place, "10:30", lead=second, status=MeetingStatus.NO_SHOW, exhibitor=kopi, buyer=sato)
    _meeting(
        place, "11:00", lead=second, status=MeetingStatus.CANCELLED, exhibitor=kopi, buyer=sato
    )
    _meeting(place, "10:00", lead=placement, status=MeetingStatus.ATTENDED, delegate=park)
    return expo


def _cents(value) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.01"))


def _usd_sum(deals) -> Decimal:
    """Dollar deals as they are, rupiah deals divided by their own rate: two ORM sums."""
    in_usd = deals.filter(currency="USD").aggregate(total=Sum("amount"))["total"] or 0
    in_idr = deals.filter(currency="IDR").aggregate(
        total=Sum(
            ExpressionWrapper(
                F("amount") / F("usd_idr_rate"), output_field=DecimalField(decimal_places=6)
            )
        )
    )["total"]
    return _cents(in_usd + (in_idr or 0))


def expected_figures(expo) -> dict:
    leads = ExpressionOfInterest.objects.filter(expo=expo).exclude(status=LeadStatus.SPAM)
    agreed = Deal.objects.filter(lead__in=leads, amount__isnull=False).filter(
        Q(agreement_signed_on__isnull=False)
        | Q(purchase_order_on__isnull=False)
        | Q(shipped_on__isnull=False)
        | Q(paid_on__isnull=False)
    )
    realised = agreed.filter(verified_at__isnull=False)
    placement = leads.filter(kind=LeadKind.PLACEMENT)
    return {
        "Buyers met": leads.aggregate(n=Count("buyer", distinct=True))["n"],
        "Delegates met": leads.aggregate(n=Count("delegate", distinct=True))["n"],
        "Trade inquiries": leads.filter(kind=LeadKind.TRADE).count(),
        "Placement inquiries": placement.count(),
        "Meetings held": Meeting.objects.filter(
            slot__table__booth__expo=expo, status=MeetingStatus.ATTENDED
        ).count(),
        "Workers asked for": placement.aggregate(total=Sum("headcount"))["total"],
        "Deals agreed": agreed.count(),
        "Deals realised": realised.count(),
        "Potential (lead estimates)": _cents(
            leads.exclude(status=LeadStatus.LOST).aggregate(total=Sum("estimated_value_usd"))[
                "total"
            ]
        ),
        "Agreed (deals agreed)": _usd_sum(agreed),
        "Realised (verified deals)": _usd_sum(realised),
    }


MONEY = ("Potential (lead estimates)", "Agreed (deals agreed)", "Realised (verified deals)")


def _pdf_text(content: bytes, *args) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", *args, "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def _headline_from_pdf(content: bytes, labels) -> dict:
    """Each headline figure of the first page: the label's tile shows its value (and, for
    an amount, its rupiah) in the lines above it, at the same column."""
    lines = _pdf_text(content, "-f", "1", "-l", "1").splitlines()
    found = {}
    for label in labels:
        row = next(i for i, line in enumerate(lines) if label in line)
        column = lines[row].index(label)
        above = []
        for line in reversed(lines[:row]):
            text = line[column:].split("   ")[0].strip()
            if not text:
                break
            above.insert(0, text)
        found[label] = above
    return found


def test_report_pdf_figures_equal_the_database_sums(client, booth_staff, seeded):
    client.force_login(booth_staff)
    expected = expected_figures(seeded)

    response = client.get(reverse(PDF), {"expo": seeded.pk})
    shown = _headline_from_pdf(response.content, expected)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    for label, value in expected.items():
        if label in MONEY:
            idr = _cents(value * 16000)
            assert shown[label] == [f"USD {value:,.2f}", f"IDR {idr:,.0f}"], label
        else:
            assert shown[label] == [f"{value:,}"], label
    # The numbers the check relies on, worked out by hand once.
    assert expected["Potential (lead estimates)"] == Decimal("4150.50")
    assert expected["Agreed (deals agreed)"] == Decimal("3081.75")
    assert expected["Realised (verified deals)"] == Decimal("1800.00")
    assert expected["Meetings held"] == 2


def test_report_pdf_has_every_table_the_stories_and_page_numbers(client, booth_staff, seeded):
    client.force_login(booth_staff)

    response = client.get(reverse(PDF), {"expo": seeded.pk})
    text = _pdf_text(response.content)
    pages = text.count("\f")

    assert 'attachment; filename="' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-en.pdf"')
    for build in TABLES.values():
        assert _title_of(build, seeded) in text
    assert "The MSMEs behind the top deals" in text
    assert "1. Kopi Purna" in text
    assert KOPI_STORY in text
    assert f"Page {pages} of {pages}" in text
    assert text.count(str(seeded)) >= pages
    # Every lead came today: the other days of the period are left out of the PDF only.
    days = (timezone.localdate() - seeded.start_date).days + 1
    assert f"{days - 1} days without any figure are left out here" in text


def _title_of(build, expo):
    from backoffice.results import Period

    return str(build(Period(expo=expo, start=expo.start_date, end=expo.end_date)).title)


def test_report_pdf_in_indonesian(client, booth_staff, seeded):
    client.force_login(booth_staff)

    with translation.override("id"):
        url = reverse(PDF)
    response = client.get(url, {"expo": seeded.pk})
    text = _pdf_text(response.content)

    assert url.startswith("/id/")
    assert response["Content-Disposition"].endswith('-id.pdf"')
    assert "Laporan hasil pameran" in text
    assert "Angka utama" in text
    assert "USD 3.081,75" in text
    assert "Sari menyangrai kopi." in text


def test_report_xlsx_figures_equal_the_database_sums(client, booth_staff, seeded):
    client.force_login(booth_staff)
    expected = expected_figures(seeded)

    response = client.get(reverse(XLSX), {"expo": seeded.pk})
    book = load_workbook(io.BytesIO(response.content))
    headline = book.worksheets[0]
    rows = list(headline.iter_rows(min_row=2, values_only=True))
    values = {(figure, unit): value for _section, figure, value, unit in rows}

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-en.xlsx"')
    assert headline.title == "Headline figures"
    assert list(next(headline.iter_rows(max_row=1, values_only=True))) == [
        "Section",
        "Figure",
        "Value",
        "Unit",
    ]
    for label, value in expected.items():
        if label in MONEY:
            assert isinstance(values[(label, "USD")], int | float)
            assert _cents(Decimal(str(values[(label, "USD")]))) == value, label
            assert _cents(Decimal(str(values[(label, "IDR")]))) == _cents(value * 16000), label
        else:
            assert values[(label, None)] == value, label
    # One sheet per table of the results, in their order.
    assert len(book.worksheets) == 1 + len(TABLES)


def test_report_xlsx_tables_hold_numbers_and_dates(client, booth_staff, seeded):
    client.force_login(booth_staff)

    response = client.get(reverse(XLSX), {"expo": seeded.pk})
    book = load_workbook(io.BytesIO(response.content))
    value_sheet = book["Potential, agreed and realised"]
    rows = list(value_sheet.iter_rows(values_only=True))
    meetings = list(book["Meetings held at the booth"].iter_rows(values_only=True))

    assert rows[0] == ("Figure", "Leads or deals", "Value (USD)", "Value (IDR)")
    assert rows[2][1:] == (4, 3081.75, 49308000)
    assert rows[3][1:] == (2, 1800, 28800000)
    assert value_sheet["C3"].data_type == "n"
    days = (timezone.localdate() - seeded.start_date).days + 1
    assert book["Leads per day"].max_row == 1 + days
    assert meetings[1] == (
        datetime.datetime.combine(seeded.start_date, datetime.time()),
        1,
        1,
        1,
    )


def test_report_xlsx_neutralises_formula_text(client, booth_staff, seeded):
    evil = ExhibitorFactory(name='=HYPERLINK("http://evil.example","x")')
    TradeLeadFactory(expo=seeded, product=ProductFactory(exhibitor=evil))
    client.force_login(booth_staff)

    response = client.get(reverse(XLSX), {"expo": seeded.pk})
    book = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in book["Leads per MSME"].iter_rows(min_row=2, values_only=True)]

    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert not any(str(name).startswith("=") for name in names)


@pytest.mark.parametrize("name", [PDF, XLSX])
def test_report_is_for_staff_with_the_results_permission(client, seeded, user, name):
    url = reverse(name)
    admin_login = reverse("admin:login")

    anonymous = client.get(url, {"expo": seeded.pk})
    client.force_login(user)
    owner = client.get(url, {"expo": seeded.pk})
    client.force_login(UserFactory(username="intern", staff=True))
    staff_without = client.get(url, {"expo": seeded.pk})

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(f"{admin_login}?next=")
    assert owner.status_code == 302
    assert owner["Location"].startswith(f"{admin_login}?next=")
    assert staff_without.status_code == 403
    for refused in (anonymous, owner, staff_without):
        assert "Content-Disposition" not in refused


def _tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


BAD_PERIODS = [
    (
        {"start": "2024-10-13", "end": "2024-10-09"},
        "The last day must not be before the first day.",
        "Hari terakhir tidak boleh sebelum hari pertama.",
    ),
    ({"start": "2024-02-30"}, "Enter a valid date.", "Masukkan tanggal yang valid."),
    ({"end": "yesterday"}, "Enter a valid date.", "Masukkan tanggal yang valid."),
    ({"end": "tomorrow"}, "Choose days up to", "Pilih hari sampai"),
    ({"expo": "999999"}, "Select a valid choice", "Masukkan pilihan yang valid"),
    ({"expo": "not-a-number"}, "Select a valid choice", "Masukkan pilihan yang valid"),
]


@pytest.mark.parametrize(("params", "english", "indonesian"), BAD_PERIODS)
@pytest.mark.parametrize("name", [PDF, XLSX])
def test_report_bad_period_gets_the_results_message_and_no_file(
    client, booth_staff, seeded, name, params, english, indonesian
):
    """Tried: end before start, 30 February, a word for a date, tomorrow, an unknown and a
    non-numeric expo; in both languages. The results page says the same."""
    params = {k: _tomorrow() if v == "tomorrow" else v for k, v in params.items()}
    query = {"expo": seeded.pk, **params}
    client.force_login(booth_staff)

    for language, message in (("en", english), ("id", indonesian)):
        with translation.override(language):
            response = client.get(reverse(name), query)
            page = client.get(reverse("backoffice:results"), query)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert "Content-Disposition" not in response
        assert message in response.content.decode()
        assert message in page.content.decode()


def test_report_query_count_does_not_grow_with_the_leads(
    client, booth_staff, seeded, assert_page_queries
):
    client.force_login(booth_staff)
    pages = {
        "pdf": (reverse(PDF), {"expo": seeded.pk}),
        "xlsx": (reverse(XLSX), {"expo": seeded.pk}),
    }
    # The user, two for their permissions, the chosen expo, eighteen for the results
    # tables (the deal figures and demand against readiness take two each) and three for
    # the stories (the MSMEs with the largest deals, their businesses, their largest
    # deals); the session is cached.
    queries = {"pdf": 25, "xlsx": 25}
    assert_page_queries(client, pages, queries)
    exhibitors = [ExhibitorFactory() for _ in range(7)]
    for index in range(40):
        product = ProductFactory(exhibitor=exhibitors[index % 7])
        lead = TradeLeadFactory(expo=seeded, product=product, buyer=BuyerFactory(country="AU"))
        PlacementLeadFactory(expo=seeded, sectors=["fisheries", "construction"], headcount=5)
        made = deal_record(
            lead=lead,
            title="Container",
            agreement_signed_on=seeded.end_date,
            amount=Decimal(100 + index),
            currency=["USD", "IDR"][index % 2],
            usd_idr_rate=Decimal("16100") if index % 2 else None,
        )
        if index % 3:
            deal_verify(deal=made, actor=booth_staff)

    assert_page_queries(client, pages, queries)


def test_demo_report_is_full_on_first_open(client, booth_staff, settings):
    """The demo's report, opened without choosing anything: every table has rows, and
    the stories of the MSMEs behind the top deals are told."""
    from django.core.management import call_command

    from .test_commands import DEMO_LOGINS

    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = DEMO_LOGINS
    call_command("load_demo", "--no-images", stdout=io.StringIO())
    client.force_login(booth_staff)

    pdf = client.get(reverse(PDF))
    xlsx = client.get(reverse(XLSX))
    text = _pdf_text(pdf.content)
    book = load_workbook(io.BytesIO(xlsx.content))

    assert pdf.status_code == 200
    assert xlsx.status_code == 200
    assert "No agreed deals" not in text
    assert "No meetings held" not in text
    assert "No leads in this period." not in text
    for number, name in enumerate(
        ["Rempah Banda Nusantara", "Minahasa Harum", "Sabun Kelapa Asri"], start=1
    ):
        assert f"{number}. {name}" in text
    assert "has not written its story" not in text
    for sheet in book.worksheets:
        assert sheet.max_row >= 2, sheet.title


def test_report_sheet_names_are_ones_excel_accepts():
    from backoffice.report import _sheet_title

    taken = set()
    names = [
        _sheet_title(title, taken)
        for title in [
            "Pertemuan yang berlangsung di booth",
            "Pertemuan yang berlangsung di booth",
            "Leads: per day [draft] / 2024?",
            "x" * 40,
        ]
    ]

    assert names == [
        "Pertemuan yang berlangsung di",
        "Pertemuan yang berlangsung (2)",
        "Leads per day draft 2024",
        "x" * 31,
    ]


def test_report_takes_in_a_table_added_to_the_results(client, booth_staff, seeded, monkeypatch):
    """A table registered in ``results.TABLES`` later appears in both files unchanged."""
    from backoffice import results

    def demand_by_readiness(period):
        rows = (
            period.leads()
            .filter(kind=LeadKind.TRADE)
            .values("exhibitor__export_readiness")
            .annotate(leads=Count("pk"), value=Sum("estimated_value_usd"))
            .order_by("exhibitor__export_readiness")
        )
        return results.Table(
            key="demand-by-readiness",
            title="Demand by export readiness",
            columns=["Readiness", "Leads", "Potential value"],
            rows=[[r["exhibitor__export_readiness"], r["leads"], r["value"]] for r in rows],
            money_columns={2},
        )

    monkeypatch.setitem(results.TABLES, "demand-by-readiness", demand_by_readiness)
    client.force_login(booth_staff)

    text = _pdf_text(client.get(reverse(PDF), {"expo": seeded.pk}).content)
    book = load_workbook(io.BytesIO(client.get(reverse(XLSX), {"expo": seeded.pk}).content))
    sheet = list(book["Demand by export readiness"].iter_rows(values_only=True))

    assert "Demand by export readiness" in text
    assert sheet[0] == ("Readiness", "Leads", "Potential value (USD)", "Potential value (IDR)")
    assert sum(row[1] for row in sheet[1:]) == 4
    assert sum(row[2] for row in sheet[1:]) == 4550.5


def test_report_of_an_expo_without_leads_says_so(client, booth_staff):
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    client.force_login(booth_staff)

    pdf = client.get(reverse(PDF), {"expo": expo.pk})
    xlsx = client.get(reverse(XLSX), {"expo": expo.pk})
    text = _pdf_text(pdf.content)
    book = load_workbook(io.BytesIO(xlsx.content))

    assert pdf.status_code == 200
    assert xlsx.status_code == 200
    assert "No agreed deals for the leads of this period." in text
    assert "No meetings held in this period." in text
    assert "Nothing to chart in this period." in text
    assert book["Deals per MSME"].max_row == 1
