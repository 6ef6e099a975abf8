"""Imports (preview, row errors, all or nothing, idempotent) and exports (consent, no formulae)."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin as django_admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from import_export.formats.base_formats import CSV

from booths.models import Exhibitor
from buyers.models import Buyer, ExpressionOfInterest
from buyers.resources import BuyerResource, DelegateResource, LeadResource
from common.choices import ReviewStatus
from common.spreadsheets import neutralise_formula
from products.models import Product

from .factories import (
    BuyerFactory,
    CategoryFactory,
    DelegateFactory,
    ExhibitorFactory,
    ExpoFactory,
    PlacementLeadFactory,
    SubCategoryFactory,
    TradeLeadFactory,
)

pytestmark = pytest.mark.django_db

EXHIBITOR_HEADER = (
    "nib,slug,name,founder_name,former_placement_country,province,employees,"
    "tagline_en,tagline_ind,email\n"
)
GOOD_EXHIBITORS = EXHIBITOR_HEADER + (
    "9120000000101,kopi-gayo-purna,Kopi Gayo Purna,Siti Aminah,HK,AC,4,"
    "Coffee from the highlands,Kopi dari dataran tinggi,siti@example.id\n"
    ",tenun-sumba,Tenun Sumba Kembali,Maria Ndapa,MY,NT,12,Hand-woven ikat,Tenun ikat,\n"
)


def upload(name, content, content_type="text/csv"):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type=content_type)


def preview(client, url_name, name, content, format_index="0"):
    return client.post(
        reverse(url_name),
        {"resource": "0", "format": format_index, "import_file": upload(name, content)},
    )


def confirm(client, url_name, preview_response):
    form = preview_response.context["confirm_form"]
    return client.post(reverse(url_name), {**form.initial})


def test_import_exhibitors_preview_then_confirm_creates_drafts_with_created_by(client, booth_staff):
    client.force_login(booth_staff)

    shown = preview(client, "admin:booths_exhibitor_import", "exhibitors.csv", GOOD_EXHIBITORS)
    assert shown.status_code == 200
    assert Exhibitor.objects.count() == 0  # the preview saves nothing
    done = confirm(client, "admin:booths_exhibitor_process_import", shown)

    assert done.status_code == 302
    kopi = Exhibitor.objects.get(nib="9120000000101")
    tenun = Exhibitor.objects.get(slug="tenun-sumba")
    assert (kopi.name, kopi.tagline_ind, kopi.review_status) == (
        "Kopi Gayo Purna",
        "Kopi dari dataran tinggi",
        ReviewStatus.DRAFT,
    )
    assert (kopi.created_by, kopi.updated_by) == (booth_staff, booth_staff)
    assert tenun.nib is None


def test_import_exhibitors_twice_changes_nothing_and_a_changed_row_updates_in_place(
    client, booth_staff
):
    client.force_login(booth_staff)
    url = "admin:booths_exhibitor_import"
    confirm(
        client,
        "admin:booths_exhibitor_process_import",
        preview(client, url, "a.csv", GOOD_EXHIBITORS),
    )
    first_ids = set(Exhibitor.objects.values_list("pk", flat=True))

    again = preview(client, url, "a.csv", GOOD_EXHIBITORS)
    # The same business under another slug is still found by its NIB.
    changed = GOOD_EXHIBITORS.replace(
        "9120000000101,kopi-gayo-purna,Kopi Gayo Purna", "9120000000101,kopi-gayo-purna,Kopi Gayo"
    )
    confirm(client, "admin:booths_exhibitor_process_import", preview(client, url, "b.csv", changed))

    assert [row.import_type for row in again.context["result"].rows] == ["skip", "skip"]
    assert set(Exhibitor.objects.values_list("pk", flat=True)) == first_ids
    assert Exhibitor.objects.get(nib="9120000000101").name == "Kopi Gayo"


def test_import_exhibitors_with_bad_rows_shows_each_error_and_keeps_nothing(client, booth_staff):
    """Tried: an NIB of 12 digits, a province code that does not exist, a missing name."""
    bad = GOOD_EXHIBITORS + (
        "912000000010,short-nib,Short NIB,Ani,HK,JT,2,,,\n"
        "9120000000103,no-province,No Province,Budi,HK,XX,2,,,\n"
        "9120000000104,no-name,,Citra,HK,JT,2,,,\n"
    )
    client.force_login(booth_staff)

    response = preview(client, "admin:booths_exhibitor_import", "bad.csv", bad)
    page = response.content.decode()
    result = response.context["result"]

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert [row.number for row in result.invalid_rows] == [3, 4, 5]
    assert "An NIB is exactly 13 digits." in page
    assert "is not a valid choice" in page
    assert "This field cannot be blank." in page
    assert Exhibitor.objects.count() == 0


def test_import_exhibitors_with_a_story_over_the_limit_is_a_clear_row_error(client, booth_staff):
    """Tried: a story of 5,001 characters, beside a good row."""
    header = EXHIBITOR_HEADER.replace(",email\n", ",email,story_en\n")
    rows = (
        f"9120000000101,kopi-gayo-purna,Kopi Gayo Purna,Siti,HK,AC,4,,,,{'a' * 5000}\n"
        f"9120000000102,tenun-sumba,Tenun Sumba,Maria,MY,NT,12,,,,{'a' * 5001}\n"
    )
    client.force_login(booth_staff)

    response = preview(client, "admin:booths_exhibitor_import", "long.csv", header + rows)

    assert response.status_code == 200
    assert [row.number for row in response.context["result"].invalid_rows] == [2]
    assert "Keep the story to 5000 characters at most." in response.content.decode()
    assert Exhibitor.objects.count() == 0


def test_import_confirm_of_a_file_that_went_bad_keeps_nothing(client, booth_staff):
    """The stored file has one bad row (no slug) at the confirm step: the whole file is refused."""
    client.force_login(booth_staff)
    exhibitor_admin = django_admin.site._registry[Exhibitor]
    stored = exhibitor_admin.write_to_tmp_storage(
        upload(
            "late.csv",
            GOOD_EXHIBITORS + "9120000000105,,Slug Missing,Dewi,HK,JT,2,,,\n",
        ),
        CSV(encoding="utf-8-sig"),
    )

    response = client.post(
        reverse("admin:booths_exhibitor_process_import"),
        {
            "import_file_name": stored.name,
            "original_file_name": "late.csv",
            "format": "0",
            "resource": "0",
        },
        follow=True,
    )

    assert Exhibitor.objects.count() == 0
    assert "Nothing was imported: the file has errors (in row 3)." in response.content.decode()


def test_import_products_by_nib_and_category_slug_from_xlsx(client, booth_staff):
    kopi = ExhibitorFactory(nib="9120000000201")
    coffee = SubCategoryFactory(slug="coffee")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "slug",
            "exhibitor",
            "category",
            "name_en",
            "name_ind",
            "unit",
            "moq",
            "price_min",
            "price_max",
            "currency",
            "incoterms",
            "custom_orders",
        ]
    )
    # Excel turns a 13-digit NIB into a number; the import reads it back.
    sheet.append(
        [
            "gayo-arabica",
            9120000000201,
            "coffee",
            "Gayo arabica",
            "Kopi arabika Gayo",
            "kg",
            10,
            12.5,
            15,
            "USD",
            "exw, fob",
            "yes",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(booth_staff)

    shown = client.post(
        reverse("admin:products_product_import"),
        {
            "resource": "0",
            "format": "1",
            "import_file": upload("products.xlsx", buffer.getvalue(), "application/octet-stream"),
        },
    )
    confirm(client, "admin:products_product_process_import", shown)

    product = Product.objects.get(slug="gayo-arabica")
    assert (product.exhibitor, product.category, product.name_ind) == (
        kopi,
        coffee,
        "Kopi arabika Gayo",
    )
    assert (product.incoterms, product.custom_orders, product.review_status) == (
        ["EXW", "FOB"],
        True,
        ReviewStatus.DRAFT,
    )
    assert product.created_by == booth_staff


def test_import_products_unknown_business_or_category_is_a_clear_row_error(client, booth_staff):
    """Tried: an NIB nobody has, a category slug that does not exist, "maybe" for yes/no."""
    ExhibitorFactory(nib="9120000000301")
    CategoryFactory(slug="coffee")
    content = (
        "slug,exhibitor,category,name_en,unit,moq,currency,custom_orders\n"
        "one,9999999999999,coffee,One,kg,1,USD,no\n"
        "two,9120000000301,tea,Two,kg,1,USD,no\n"
        "three,9120000000301,coffee,Three,kg,1,USD,maybe\n"
    )
    client.force_login(booth_staff)

    response = preview(client, "admin:products_product_import", "products.csv", content)
    page = response.content.decode()

    assert "No exhibitor has the NIB or slug “9999999999999”" in page
    assert "No category has the slug “tea”" in page
    assert "Write yes or no, not “maybe”" in page
    assert "confirm_form" not in response.context
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.50", "-12.50"),
        ("+6281234567890", "+6281234567890"),
        ("Kopi = enak", "Kopi = enak"),
        ("", ""),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise_formula_prefixes_only_cells_that_would_run(value, expected):
    assert neutralise_formula(value) == expected


@pytest.fixture
def hostile_lead():
    buyer = BuyerFactory(
        name='=HYPERLINK("http://evil.example","Tanaka")',
        company="@SUM(1+1)*cmd|' /C calc'!A0",
    )
    return TradeLeadFactory(buyer=buyer, share_contact=True, message="+1+cmd|' /C calc'!A0\ttab")


def export(client, url_name, resource, format_index):
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    return client.post(reverse(url_name), {"format": format_index, "resource": "0", **fields})


def test_export_leads_csv_neutralises_formulae(client, booth_staff, hostile_lead):
    client.force_login(booth_staff)

    response = export(client, "admin:buyers_expressionofinterest_export", LeadResource, "0")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response.status_code == 200
    assert rows[0]["Contact name"] == '\'=HYPERLINK("http://evil.example","Tanaka")'
    assert rows[0]["Company or institution"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[0]["Message"] == "'+1+cmd|' /C calc'!A0\ttab"
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values()
    )


def test_export_leads_xlsx_has_text_cells_never_formulae(client, booth_staff, hostile_lead):
    client.force_login(booth_staff)

    response = export(client, "admin:buyers_expressionofinterest_export", LeadResource, "1")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]

    assert response.status_code == 200
    assert all(cell.data_type != "f" for cell in cells)
    values = {cell.value for cell in cells}
    assert '\'=HYPERLINK("http://evil.example","Tanaka")' in values
    assert "'+1+cmd|' /C calc'!A0\ttab" in values


def test_export_leads_shows_staff_the_contact_and_each_leads_own_consent_to_share():
    aiko = BuyerFactory(name="Aiko", email="aiko@example.jp")
    shared = TradeLeadFactory(buyer=aiko, share_contact=True)
    not_shared = TradeLeadFactory(buyer=aiko, share_contact=False)
    unconsented = TradeLeadFactory(
        buyer=BuyerFactory(name="Chen", email="chen@example.sg", consent_version=""),
        share_contact=True,
    )
    placement = PlacementLeadFactory(delegate=DelegateFactory(name="Park", email="park@kr.example"))

    dataset = LeadResource().export(ExpressionOfInterest.objects.order_by("pk"))
    by_reference = {row[0]: row for row in dataset}
    headers = dataset.headers
    name, email = headers.index("Contact name"), headers.index("Email")
    shares = headers.index("Contact shared with the MSME")

    for lead in (shared, not_shared):
        assert by_reference[lead.reference][name] == "Aiko"
        assert by_reference[lead.reference][email] == "aiko@example.jp"
    assert by_reference[shared.reference][shares] == "yes"
    assert by_reference[not_shared.reference][shares] == "no"
    assert by_reference[unconsented.reference][email] == "withheld (no consent)"
    assert by_reference[placement.reference][email] == "park@kr.example"
    assert by_reference[placement.reference][shares] == ""


def test_export_buyers_and_delegates_leave_out_the_anonymised_and_respect_consent():
    BuyerFactory(name="Consented", email="share@example.jp")
    BuyerFactory(name="Unknown", email="private@example.jp", consent_version="")
    BuyerFactory(name="(anonymised)", email="buyer-99@anonymised.invalid")
    DelegateFactory(name="Consented", email="yes@example.org", consent_version="2024-10")
    DelegateFactory(name="Unknown", email="no@example.org", consent_version="")

    buyers = BuyerResource().export(Buyer.objects.order_by("email"))
    delegates = DelegateResource().export()

    assert [row[:2] for row in buyers] == [
        ("withheld (no consent)", "withheld (no consent)"),
        ("Consented", "share@example.jp"),
    ]
    assert sorted(row[1] for row in delegates) == ["withheld (no consent)", "yes@example.org"]


def test_export_is_refused_without_the_view_permission(client, staff_user):
    client.force_login(staff_user)  # staff, but in no group

    response = client.get(reverse("admin:buyers_expressionofinterest_export"))

    assert response.status_code == 403


def test_export_leads_in_jakarta_time_to_the_second_with_readable_headers(client, booth_staff):
    expo = ExpoFactory(name_en="Trade Expo Indonesia 2024", start_date=datetime.date(2024, 10, 9))
    lead = TradeLeadFactory(expo=expo)
    moment = datetime.datetime(2024, 10, 9, 3, 12, 45, 123456, tzinfo=datetime.UTC)
    ExpressionOfInterest.objects.filter(pk=lead.pk).update(
        created_at=moment, last_activity_at=moment + datetime.timedelta(hours=20)
    )
    client.force_login(booth_staff)

    response = export(client, "admin:buyers_expressionofinterest_export", LeadResource, "0")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = export(client, "admin:buyers_expressionofinterest_export", LeadResource, "1")
    cells = list(
        openpyxl.load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)
    )

    assert list(row)[:4] == ["Reference", "Received (Jakarta time)", "Kind", "Status"]
    assert row["Received (Jakarta time)"] == "2024-10-09 10:12:45"
    assert row["Last activity (Jakarta time)"] == "2024-10-10 06:12:45"  # the next day in WIB
    assert row["Expo"] == "Trade Expo Indonesia 2024"
    assert cells[0][1] == "Received (Jakarta time)"
    assert cells[1][1] == datetime.datetime(2024, 10, 9, 10, 12, 45)


def test_export_buyers_registered_in_jakarta_time():
    buyer = BuyerFactory()
    Buyer.objects.filter(pk=buyer.pk).update(
        created_at=datetime.datetime(2024, 10, 9, 17, 30, 0, 999999, tzinfo=datetime.UTC)
    )

    dataset = BuyerResource().export()

    assert dataset.headers[-1] == "Registered (Jakarta time)"
    assert dataset[0][-1] == "2024-10-10 00:30:00"


def test_export_leads_show_a_currency_only_with_a_target_price():
    placement = PlacementLeadFactory()
    asked = TradeLeadFactory(target_price=Decimal("150000"), currency="IDR")
    unpriced = TradeLeadFactory(target_price=None)

    dataset = LeadResource().export(ExpressionOfInterest.objects.order_by("pk"))
    currency = dataset.headers.index("Currency")
    by_reference = {row[0]: row[currency] for row in dataset}

    assert by_reference == {placement.reference: "", asked.reference: "IDR", unpriced.reference: ""}


def test_export_file_is_named_by_what_it_holds_and_the_day_in_jakarta(
    client, booth_staff, monkeypatch
):
    TradeLeadFactory()
    BuyerFactory()
    client.force_login(booth_staff)
    # 18:30 UTC on 8 October is already 9 October in Jakarta.
    evening = datetime.datetime(2024, 10, 8, 18, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: evening)

    leads = export(client, "admin:buyers_expressionofinterest_export", LeadResource, "1")
    buyers = export(client, "admin:buyers_buyer_export", BuyerResource, "0")

    assert leads["Content-Disposition"] == 'attachment; filename="leads-2024-10-09.xlsx"'
    assert buyers["Content-Disposition"] == 'attachment; filename="buyers-2024-10-09.csv"'
