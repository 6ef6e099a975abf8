"""The printed booth catalogue (``/<lang>/catalogue/print.pdf``): what it shows, its QR codes,
and its cache. The PDF is read back as a buyer's printer would see it: ``pdftotext -layout``
for the text and ``pdftoppm`` + ``zbarimg`` for the codes (Debian's poppler-utils and
zbar-tools, installed by ``make test``)."""

import datetime
import shutil
import subprocess
from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from booths.proposals import ProfileProposal
from booths.services import exhibitor_update_profile
from common.cache import content_changed
from common.templatetags.money import price_range
from products import printed
from products.choices import CertificationKind
from products.proposals import ProductProposal
from products.services import product_approve, product_set_archived, product_submit_changes

from .factories import (
    BoothFactory,
    BoothPresenceFactory,
    CertificationFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BASE = "https://expo.example.go.id"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.EXPO_PUBLIC_BASE_URL = BASE


@pytest.fixture
def expo_world():
    """The current expo's booth with two MSMEs, and everything that must stay out."""
    expo = ExpoFactory(
        current=True,
        name_en="Trade Expo Indonesia 2024",
        name_ind="Trade Expo Indonesia 2024",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 12),
    )
    booth = BoothFactory(expo=expo, hall="Hall 5", stand_number="5-012")
    batik = ExhibitorFactory(
        name="Batik Sekar Jagad",
        regency="Pekalongan",
        province="JT",
        story_en="Siti learned batik from her mother after eight years in Taiwan.",
        story_ind="Siti belajar membatik dari ibunya setelah delapan tahun di Taiwan.",
        email="siti.private@example.com",
        phone="+6281234567890",
        address="Jalan Rahasia 7, Pekalongan",
        export_readiness="exporting",
    )
    coffee = ExhibitorFactory(name="Kopi Gayo Mandiri", province="AC")
    for exhibitor in (batik, coffee):
        BoothPresenceFactory(booth=booth, exhibitor=exhibitor)
    scarf = ProductFactory(
        exhibitor=batik,
        name_en="Hand-drawn batik scarf",
        name_ind="Selendang batik tulis",
        price_min=Decimal("12.50"),
        price_max=Decimal("15.00"),
        currency="USD",
        moq=20,
        unit="piece",
        monthly_capacity=300,
    )
    ProductImageFactory(product=scarf)
    CertificationFactory(product=scarf, kind=CertificationKind.SNI, number="SNI-0873-2027")
    CertificationFactory(
        product=scarf,
        kind=CertificationKind.HALAL,
        number="HALAL-EXPIRED-1",
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    beans = ProductFactory(
        exhibitor=coffee,
        name_en="Gayo arabica beans",
        name_ind="Biji kopi arabika Gayo",
        price_min=Decimal("250000"),
        price_max=Decimal("250000"),
        currency="IDR",
    )
    ProductImageFactory(product=beans)
    hidden = [
        ProductFactory(exhibitor=batik, draft=True, name_en="Draft batik apron"),
        ProductFactory(exhibitor=batik, pending=True, name_en="Waiting batik mask"),
        ProductFactory(exhibitor=batik, rejected=True, name_en="Rejected batik bag"),
        ProductFactory(exhibitor=batik, archived=True, name_en="Archived batik shirt"),
    ]
    waiting = ExhibitorFactory(pending=True, name="Sabun Waiting Business")
    BoothPresenceFactory(booth=booth, exhibitor=waiting)
    hidden.append(ProductFactory(exhibitor=waiting, name_en="Coconut soap of a waiting MSME"))
    elsewhere = ExhibitorFactory(name="Rotan Other Expo")
    BoothPresenceFactory(booth=BoothFactory(expo=ExpoFactory()), exhibitor=elsewhere)
    hidden.append(ProductFactory(exhibitor=elsewhere, name_en="Rattan basket of another expo"))
    absent = ExhibitorFactory(name="Tenun Not At The Booth")
    hidden.append(ProductFactory(exhibitor=absent, name_en="Ikat cloth not at the booth"))
    return {
        "expo": expo,
        "exhibitors": [batik, coffee],
        "products": [scarf, beans],
        "hidden_products": hidden,
        "hidden_exhibitors": [waiting, elsewhere, absent],
    }


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text as ``pdftotext -layout`` reads it, whitespace collapsed."""
    path = tmp_path / "catalogue.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def qr_codes(pdf: bytes, tmp_path) -> set[str]:
    """What every QR code on every page decodes to (pdftoppm, then zbarimg)."""
    assert shutil.which("zbarimg"), "zbarimg is missing: `make zbar` installs zbar-tools"
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "codes.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(tmp_path / "page")], check=True)
    found = set()
    for page in sorted(tmp_path.glob("page*.png")):
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(page)],
            capture_output=True,
            text=True,
        )
        found.update(line for line in result.stdout.splitlines() if line)
    return found


def download(client, language="en", expo=None):
    with translation.override(language):
        url = (
            reverse("products:expo-catalogue-pdf", kwargs={"expo": expo})
            if expo
            else reverse("products:catalogue-pdf")
        )
    return client.get(url)


def test_printed_catalogue_shows_the_expos_published_products_by_business(
    client, expo_world, tmp_path
):
    response = download(client)
    text = pdf_text(response.content, tmp_path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    for exhibitor in expo_world["exhibitors"]:
        assert exhibitor.name in text
    for product in expo_world["products"]:
        assert product.name_en in text
    for product in expo_world["hidden_products"]:
        assert product.name_en not in text
    for exhibitor in expo_world["hidden_exhibitors"]:
        assert exhibitor.name not in text
    # The cover, the businesses in order with where they are from, and their stories.
    assert "Trade Expo Indonesia 2024" in text
    assert "9–12 October 2024" in text
    assert "Hall 5, stand 5-012" in text
    assert "2 products from 2 small businesses" in text
    assert text.index("Batik Sekar Jagad") < text.index("Kopi Gayo Mandiri")
    assert "Pekalongan, Central Java" in text
    assert "Siti learned batik from her mother" in text
    assert "Already exporting" in text


def test_printed_catalogue_leaves_out_private_fields(client, expo_world, tmp_path):
    text = pdf_text(download(client).content, tmp_path)

    for private in ("siti.private@example.com", "81234567890", "Jalan Rahasia"):
        assert private not in text


def test_printed_catalogue_shows_prices_and_valid_certificates_as_the_product_page(
    client, expo_world, tmp_path
):
    scarf, beans = expo_world["products"]
    page = client.get(scarf.get_absolute_url()).content.decode()
    text = pdf_text(download(client).content, tmp_path)

    assert price_range(scarf) == "USD 12.50 – 15.00"
    assert price_range(scarf) in page
    assert "USD 12.50 – 15.00 / piece ≈ IDR 200,000 – 240,000" in text
    assert "IDR 250,000 / kilogram ≈ USD 15.63" in text
    assert "Minimum order Monthly capacity Lead time 20 pieces 300 pieces 14 days" in text
    # In force: listed with its number; ended yesterday: on the product page (marked
    # expired) but not in print, as it makes no badge in the catalogue.
    assert "SNI SNI-0873-2027 (until 31 Dec 2028)" in text
    assert "HALAL-EXPIRED-1" in page
    assert "HALAL-EXPIRED-1" not in text


def test_printed_catalogue_never_shows_pending_changes(client, expo_world, tmp_path):
    scarf = expo_world["products"][0]
    owner = UserFactory()
    product_submit_changes(
        product=scarf,
        proposal=ProductProposal(fields={"name_en": "Renamed scarf", "price_max": "99.00"}),
        actor=owner,
    )
    exhibitor_update_profile(
        exhibitor=scarf.exhibitor,
        proposal=ProfileProposal(fields={"tagline_en": "A tagline waiting for review"}),
        changes={},
        actor=owner,
    )

    text = pdf_text(download(client).content, tmp_path)

    assert "Hand-drawn batik scarf" in text
    assert "Renamed scarf" not in text
    assert "99.00" not in text
    assert "A tagline waiting for review" not in text


def test_printed_catalogue_qr_codes_open_each_product_page_in_its_language(
    client, expo_world, tmp_path
):
    for language in ("en", "id"):
        pdf = download(client, language).content
        with translation.override(language):
            expected = {BASE + product.get_absolute_url() for product in expo_world["products"]}

        assert qr_codes(pdf, tmp_path / language) == expected
        assert all(f"/{language}/products/" in url for url in expected)
        # The address is printed too, for a buyer whose phone does not read codes.
        for url in expected:
            assert url in pdf_text(pdf, tmp_path)


def test_printed_catalogue_in_indonesian(client, expo_world, tmp_path):
    response = download(client, "id")
    text = pdf_text(response.content, tmp_path)

    assert "Selendang batik tulis" in text
    assert "Biji kopi arabika Gayo" in text
    assert "Hand-drawn batik scarf" not in text
    assert "Siti belajar membatik dari ibunya" in text
    assert "Jumlah pesanan minimum Kapasitas per bulan Waktu produksi 20 buah 300 buah" in text
    assert "Hall 5, stan 5-012" in text
    assert "9–12 Oktober 2024" in text
    assert "Jawa Tengah" in text
    assert response["Content-Disposition"] == (
        f'attachment; filename="{expo_world["expo"].slug}-catalogue-id.pdf"'
    )


def test_printed_catalogue_of_an_expo_by_its_slug(client, expo_world, tmp_path):
    other = ExpoFactory(name_en="Trade Expo Indonesia 2025")
    BoothPresenceFactory(booth=BoothFactory(expo=other), exhibitor=expo_world["exhibitors"][1])

    current = pdf_text(download(client, expo=expo_world["expo"].slug).content, tmp_path)
    earlier = pdf_text(download(client, expo=other.slug).content, tmp_path)

    assert "Batik Sekar Jagad" in current
    assert "Trade Expo Indonesia 2025" in earlier
    assert "Kopi Gayo Mandiri" in earlier
    assert "Batik Sekar Jagad" not in earlier


def test_printed_catalogue_of_an_unknown_expo_or_without_one_is_404(client, db):
    assert download(client, expo="no-such-expo").status_code == 404
    assert download(client).status_code == 404


def test_printed_catalogue_headers(client, expo_world):
    response = download(client)

    assert response["Content-Disposition"] == (
        f'attachment; filename="{expo_world["expo"].slug}-catalogue-en.pdf"'
    )
    assert response["Cache-Control"] == "public, max-age=300"
    again = client.get(response.wsgi_request.path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert (again.status_code, again.content) == (304, b"")


def test_printed_catalogue_second_download_makes_no_database_query(
    client, expo_world, django_assert_num_queries
):
    first = download(client)

    with django_assert_num_queries(0):
        second = download(client)

    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.parametrize("size", [1, 3])
def test_printed_catalogue_build_takes_a_fixed_number_of_queries(
    client, size, django_assert_num_queries
):
    expo = ExpoFactory(current=True)
    booth = BoothFactory(expo=expo)
    for _ in range(size):
        exhibitor = ExhibitorFactory()
        BoothPresenceFactory(booth=booth, exhibitor=exhibitor)
        for _ in range(size):
            product = ProductFactory(exhibitor=exhibitor)
            ProductImageFactory(product=product)
            CertificationFactory(product=product)
    download(client)  # makes the photos' JPEG copies once
    content_changed()  # the catalogue changed: the next download builds afresh

    with django_assert_num_queries(6):
        response = download(client)

    assert response.status_code == 200


def test_printed_catalogue_changes_with_an_approval(client, expo_world, tmp_path):
    scarf = expo_world["products"][0]
    product_submit_changes(
        product=scarf,
        proposal=ProductProposal(fields={"name_en": "Hand-drawn silk batik scarf"}),
        actor=UserFactory(),
    )
    before = pdf_text(download(client).content, tmp_path)

    product_approve(product=scarf, actor=UserFactory(staff=True))
    after = pdf_text(download(client).content, tmp_path)

    assert "Hand-drawn silk batik scarf" not in before
    assert "Hand-drawn silk batik scarf" in after


def test_printed_catalogue_drops_an_archived_product_at_once(client, expo_world, tmp_path):
    scarf = expo_world["products"][0]
    download(client)

    product_set_archived(product=scarf, archived=True)
    text = pdf_text(download(client).content, tmp_path)

    assert "Hand-drawn batik scarf" not in text
    assert "Gayo arabica beans" in text


def test_printed_catalogue_while_another_is_being_made_answers_503_at_once(
    client, expo_world, django_assert_max_num_queries
):
    # Another process lays out the Indonesian file: one build at a time, whichever file.
    cache.add(printed.BUILD_LOCK, "the Indonesian file")

    with django_assert_max_num_queries(1):
        busy = download(client)
    cache.delete(printed.BUILD_LOCK)
    ready = download(client)

    assert busy.status_code == 503
    assert (busy["Retry-After"], busy["Cache-Control"]) == ("60", "no-store")
    assert "The catalogue is being prepared" in busy.content.decode()
    assert ready.status_code == 200


def test_catalogue_page_links_the_printed_catalogue(client, expo_world):
    for language in ("en", "id"):
        with translation.override(language):
            page = client.get(reverse("products:catalogue")).content.decode()
            link = reverse("products:catalogue-pdf")
        assert f'href="{link}"' in page


def test_cards_page_links_the_printed_catalogue(client, booth_staff, expo_world):
    client.force_login(booth_staff)

    page = client.get(reverse("backoffice:cards")).content.decode()

    assert f'href="{reverse("products:catalogue-pdf")}"' in page


def test_print_catalogue_command_makes_every_language_ahead_of_downloads(
    client, expo_world, django_assert_num_queries
):
    slug = expo_world["expo"].slug
    output = StringIO()

    call_command("print_catalogue", stdout=output)
    again = StringIO()
    call_command("print_catalogue", stdout=again)

    assert f"en: {slug}-catalogue-en.pdf, 3 pages" in output.getvalue()
    assert f"id: {slug}-catalogue-id.pdf, 3 pages" in output.getvalue()
    assert again.getvalue().count(", 0.0 s") == 2  # already made: read from the cache
    for language in ("en", "id"):
        with django_assert_num_queries(0):
            assert download(client, language).status_code == 200


def test_print_catalogue_command_refuses_without_an_address_or_an_unknown_expo(settings, db):
    settings.EXPO_PUBLIC_BASE_URL = ""
    with pytest.raises(CommandError, match="Pass --base-url or set EXPO_PUBLIC_BASE_URL"):
        call_command("print_catalogue", stdout=StringIO())
    with pytest.raises(CommandError, match="No such expo: nope"):
        call_command("print_catalogue", "--expo", "nope", "--base-url", BASE, stdout=StringIO())
    # Before the first expo the periodic job has nothing to print, and says so.
    out = StringIO()
    call_command("print_catalogue", "--base-url", BASE, stdout=out)
    assert out.getvalue() == "No expo yet: nothing to print.\n"
