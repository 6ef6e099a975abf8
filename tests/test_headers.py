"""Security headers on every kind of response: pages, redirects, errors, static and media
files. The middleware that adds them sits outermost, so nothing answers without them."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path, re_path
from django.views.static import serve

from expo_portal.urls import urlpatterns as portal_urlpatterns

from .factories import BoothFactory, BoothPresenceFactory, ExhibitorFactory, ExpoFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def broken(request):
    raise RuntimeError("a bug in a view")


def media(request, name):
    # Media as the demo serves it (the real settings.MEDIA_ROOT of the test, read per request).
    return serve(request, name, document_root=settings.MEDIA_ROOT)


# The portal's own URLs, plus a view that fails and the media files.
urlpatterns = [
    path("broken/", broken),
    re_path(r"^media/(?P<name>.+)$", media),
    *portal_urlpatterns,
]

SHARED = {
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
NO_CAMERA = (
    "accelerometer=(), bluetooth=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), serial=(), usb=()"
)
CAMERA_FOR_THE_SITE = NO_CAMERA.replace("camera=()", "camera=(self)")


@pytest.fixture
def booth_staff_at_the_expo(booth_staff):
    exhibitor = ExhibitorFactory(name="Kopi Purna Gayo")
    BoothPresenceFactory(booth=BoothFactory(expo=ExpoFactory(current=True)), exhibitor=exhibitor)
    return booth_staff


def test_headers_on_every_kind_of_response(
    settings, static_root, media_root, booth_staff_at_the_expo
):
    settings.EXPO_PASSWORD_RESET_RATE_PER_EMAIL = "1/h"
    (static_root / "site.css").write_text("body { color: #222; }")
    (media_root / "logos").mkdir(parents=True)
    (media_root / "logos" / "gayo.txt").write_text("logo")
    anonymous = Client(raise_request_exception=False)
    strict = Client(enforce_csrf_checks=True)
    booth = Client()
    booth.force_login(booth_staff_at_the_expo)
    reset = "/en/portal/password/reset/"
    anonymous.post(reset, {"email": "sari@umkm.example"})

    responses = {
        "page": anonymous.get("/en/"),
        "redirect": anonymous.get("/"),
        "bad host": anonymous.get("/en/", HTTP_HOST="evil.example"),
        "csrf refused": strict.post("/en/portal/login/", {"username": "x", "password": "y"}),
        "not found": anonymous.get("/en/no-such-page/"),
        "rate limited": anonymous.post(reset, {"email": "sari@umkm.example"}),
        "server error": anonymous.get("/broken/"),
        "static file": anonymous.get("/static/site.css"),
        "media file": anonymous.get("/media/logos/gayo.txt"),
        "booth page": booth.get("/en/booth/day/"),
    }

    assert {name: response.status_code for name, response in responses.items()} == {
        "page": 200,
        "redirect": 302,
        "bad host": 400,
        "csrf refused": 403,
        "not found": 404,
        "rate limited": 429,
        "server error": 500,
        "static file": 200,
        "media file": 200,
        "booth page": 200,
    }
    for name, response in responses.items():
        camera = CAMERA_FOR_THE_SITE if name == "booth page" else NO_CAMERA
        expected = {**SHARED, "Permissions-Policy": camera}
        assert {header: response.headers.get(header) for header in expected} == expected, name


def test_language_cookie_is_lax():
    response = Client().post("/i18n/setlang/", {"language": "id", "next": "/id/"})

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["samesite"]) == ("id", "Lax")


def test_language_switch_needs_no_token_and_stays_on_the_site():
    browser = Client(enforce_csrf_checks=True)

    switched = browser.post("/i18n/setlang/", {"language": "id", "next": "/en/catalogue/"})
    # Bad input: another site as the page to go back to, and a language the portal lacks.
    elsewhere = browser.post("/i18n/setlang/", {"language": "id", "next": "https://evil.test/"})
    unknown = Client().post("/i18n/setlang/", {"language": "xx", "next": "/en/"})

    assert (switched.status_code, switched["Location"]) == (302, "/id/catalogue/")
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    assert elsewhere["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies


def test_reading_pages_without_a_form_sets_no_cookie():
    ExhibitorFactory()
    browser = Client()

    for url in ("/en/", "/en/catalogue/", "/en/catalogue/?q=kopi", "/en/exhibitors/"):
        response = browser.get(url)
        assert (response.status_code, dict(response.cookies)) == (200, {}), url
        assert "csrfmiddlewaretoken" not in response.text, url
