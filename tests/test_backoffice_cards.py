"""QR cards for the stand: every code decodes (zxing-cpp) to the page it stands for."""

import re
from decimal import Decimal

import pytest
import zxingcpp
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image, ImageDraw

from backoffice.qr import public_url

from .factories import ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg[^>]*viewBox=\"0 0 (\d+) (\d+)\"[^>]*>.*?</svg>", re.S)
PATH_COMMAND = re.compile(r"([Mmh])(-?\d+(?:\.\d+)?)(?: (-?\d+(?:\.\d+)?))?")


def rasterise(svg: str, scale: int = 6) -> Image.Image:
    """Draw segno's SVG path (absolute M, relative m, horizontal h strokes of width 1)."""
    match = SVG.search(svg)
    width, height = int(match[1]), int(match[2])
    path = re.search(r' d="([^"]+)"', svg)[1]
    assert PATH_COMMAND.sub("", path).strip() == "", "unexpected SVG path commands"
    image = Image.new("L", (width * scale, height * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, first, second in PATH_COMMAND.findall(path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            length = float(first)
            draw.rectangle(
                [x * scale, (y - 0.5) * scale, (x + length) * scale - 1, (y + 0.5) * scale - 1],
                fill=0,
            )
            x += length
    return image


def decode(svg: str) -> str:
    result = zxingcpp.read_barcode(rasterise(svg))
    assert result is not None, "no QR code found"
    return result.text


def cards_of(html: str) -> list[tuple[str, str]]:
    """(article markup, decoded QR text) for each card on the sheet."""
    articles = re.findall(r"<article class=\"stand-card.*?</article>", html, re.S)
    return [(article, decode(SVG.search(article)[0])) for article in articles]


@pytest.fixture
def selection():
    coffee = ProductFactory(
        slug="gayo-arabica",
        name_en="Gayo arabica coffee",
        name_ind="Kopi arabika Gayo",
        price_min=Decimal("12.50"),
        price_max=Decimal("15.00"),
        currency="USD",
        unit="kg",
        moq=10,
    )
    batik = ProductFactory(
        slug="batik-tulis",
        exhibitor=coffee.exhibitor,
        price_min=Decimal("350000"),
        price_max=Decimal("1250000"),
        currency="IDR",
        unit="sheet",
        moq=5,
    )
    draft = ProductFactory(slug="not-yet", draft=True)
    return coffee, batik, draft


def test_cards_each_qr_code_decodes_to_the_public_page_with_src_booth(
    client, booth_staff, selection
):
    coffee, batik, draft = selection
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:cards"),
        {"product": [coffee.pk, batik.pk, draft.pk], "exhibitor": coffee.exhibitor_id},
    )
    decoded = [text for _article, text in cards_of(response.content.decode())]

    assert response.status_code == 200
    assert sorted(decoded) == sorted(
        [
            f"http://testserver/exhibitors/{coffee.exhibitor.slug}/?src=booth",
            "http://testserver/products/gayo-arabica/?src=booth",
            "http://testserver/products/batik-tulis/?src=booth",
        ]
    )
    assert decoded[0].startswith("http://testserver/exhibitors/")  # the business comes first
    assert response.context["selection"].skipped == 1


def test_cards_qr_code_uses_the_public_base_url_setting(client, booth_staff, selection, settings):
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.go.id/"
    coffee = selection[0]
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:cards"), {"product": coffee.pk})
    [(_article, text)] = cards_of(response.content.decode())

    assert text == "https://expo.example.go.id/products/gayo-arabica/?src=booth"


def test_cards_qr_address_leads_to_the_page_in_the_visitors_language(client, selection, settings):
    """The printed address has no language prefix: the portal adds the visitor's language."""
    settings.EXPO_PUBLIC_BASE_URL = "http://testserver"
    path = public_url(selection[0]).removeprefix("http://testserver")

    english = client.get(path, headers={"accept-language": "en"})
    indonesian = client.get(path, headers={"accept-language": "id"})

    assert path == "/products/gayo-arabica/?src=booth"
    assert (english.status_code, english.url) == (302, "/en/products/gayo-arabica/?src=booth")
    assert (indonesian.status_code, indonesian.url) == (302, "/id/products/gayo-arabica/?src=booth")
    assert client.get(english.url).status_code == 200


def test_cards_show_both_languages_price_range_and_moq(client, booth_staff, selection):
    coffee, batik, _draft = selection
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:cards"), {"product": [coffee.pk, batik.pk]})
    by_url = {text: article for article, text in cards_of(response.content.decode())}
    coffee_card = by_url["http://testserver/products/gayo-arabica/?src=booth"]
    batik_card = by_url["http://testserver/products/batik-tulis/?src=booth"]

    assert 'lang="en">Gayo arabica coffee<' in coffee_card
    assert 'lang="id">Kopi arabika Gayo<' in coffee_card
    assert coffee.exhibitor.name in coffee_card
    assert "USD 12.50–15.00 per kilogram" in coffee_card
    assert "Minimum order: 10 kilogram" in coffee_card
    assert "IDR 350,000–1,250,000 per sheet (cloth)" in batik_card


def test_cards_sheet_holds_eight_cards_and_stays_within_csp(client, booth_staff):
    products = ProductFactory.create_batch(9)
    client.force_login(booth_staff)

    response = client.get(reverse("backoffice:cards"), {"product": [p.pk for p in products]})
    page = response.content.decode()

    assert page.count('<section class="card-sheet"') == 2
    assert page.count('<article class="stand-card') == 9
    assert 'style="' not in page
    assert "<style" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
    assert "backoffice/cards.css" in page


def test_cards_page_query_count_is_fixed(client, booth_staff, assert_page_queries):
    client.force_login(booth_staff)

    def cards(products):
        params = {"product": [p.pk for p in products], "exhibitor": [products[0].exhibitor_id]}
        return {"cards": (reverse("backoffice:cards"), params)}

    # The user, two for their permissions, the products, the exhibitors (the session is cached).
    queries = {"cards": 5}
    assert_page_queries(client, cards(ProductFactory.create_batch(2)), queries)

    assert_page_queries(client, cards(ProductFactory.create_batch(16)), queries)


def test_cards_everything_published_and_nothing_for_bad_ids(client, booth_staff, selection):
    """Tried: ids that are words, and ids of nothing."""
    client.force_login(booth_staff)

    everything = client.get(reverse("backoffice:cards"), {"all": "1"})
    nonsense = client.get(reverse("backoffice:cards"), {"product": ["abc", "999999"]})

    # Two approved businesses (one has only a draft) and two published products.
    assert len(everything.context["selection"].cards) == 4
    assert nonsense.status_code == 200
    assert nonsense.context["selection"].cards == []


def test_cards_admin_action_opens_the_sheet_for_the_selection(client, booth_staff, selection):
    coffee, batik, _draft = selection
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:products_product_changelist"),
        {"action": "print_cards", "_selected_action": [coffee.pk, batik.pk]},
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("backoffice:cards") + "?")
    assert f"product={coffee.pk}" in response.url
    assert f"product={batik.pk}" in response.url


def test_cards_exhibitor_admin_action_needs_the_print_permission(client, user, staff_user):
    """A staff account without the card permission does not get the action."""
    exhibitor = ExhibitorFactory()
    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_exhibitor", "change_exhibitor"])
    )
    client.force_login(staff_user)

    response = client.get(reverse("admin:booths_exhibitor_changelist"))

    assert response.status_code == 200
    assert exhibitor.name in response.content.decode()
    assert 'value="print_cards"' not in response.content.decode()


def test_cards_qr_title_from_an_owner_is_escaped():
    from common.qr import qr_svg

    svg = qr_svg("https://expo.example/en/products/x/", title='<script>alert(1)</script> & "q"')

    assert "<script>" not in svg
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in svg


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8000",
        "localhost:8000",
        "[::1]:8000",
        "192.168.1.20",
        "10.0.0.5:8000",
        "172.16.0.3",
        "169.254.10.1",
        "app.localhost",
    ],
)
def test_cards_opened_on_a_local_address_say_so_and_print_no_codes(
    client, booth_staff, selection, settings, host
):
    settings.EXPO_PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["*"]
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:cards"), {"product": selection[0].pk}, headers={"host": host}
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "These cards cannot be printed from this address" in page
    assert f"This page was opened on http://{host}, an address that only this" in page
    assert "EXPO_PUBLIC_BASE_URL" in page
    assert "<svg" not in page
    assert 'class="stand-card' not in page
    assert "data-print" not in page


def test_cards_opened_on_a_public_address_print_codes_to_it(
    client, booth_staff, selection, settings
):
    settings.EXPO_PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["*"]
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:cards"), {"product": selection[0].pk}, headers={"host": "36.91.8.10"}
    )
    [(_article, text)] = cards_of(response.content.decode())

    assert text == "http://36.91.8.10/products/gayo-arabica/?src=booth"
    assert "cannot be printed" not in response.content.decode()


def test_cards_follow_the_public_base_url_setting_whatever_address_staff_use(
    client, booth_staff, selection, settings
):
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.go.id"
    client.force_login(booth_staff)

    response = client.get(
        reverse("backoffice:cards"), {"product": selection[0].pk}, headers={"host": "127.0.0.1"}
    )
    [(_article, text)] = cards_of(response.content.decode())

    assert text == "https://expo.example.go.id/products/gayo-arabica/?src=booth"


def test_cards_local_address_warning_in_indonesian(client, booth_staff, settings):
    settings.EXPO_PUBLIC_BASE_URL = ""
    client.force_login(booth_staff)

    page = client.get("/id/staff/cards/", {"all": "1"}, headers={"host": "127.0.0.1:8000"}).text

    assert "Kartu ini tidak dapat dicetak dari alamat ini" in page
    assert "Halaman ini dibuka di http://127.0.0.1:8000, alamat yang hanya" in page
