"""The booth floor on a phone with the venue's network down: captures wait on the device,
survive a reload, and become exactly one lead each when the network is back."""

import pytest
import segno
from django.contrib.auth.models import Permission
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from playwright.sync_api import expect

from buyers.models import ExpressionOfInterest, Inquiry

from ..factories import (
    BoothFactory,
    BoothPresenceFactory,
    ExhibitorFactory,
    ExpoFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITORS = [
    ("Aiko Tanaka", "aiko@example.jp"),
    ("Min-jun Park", "park@example.kr"),
    ("Lena Vogel", "lena@example.de"),
    ("Omar Haddad", "omar@example.ae"),
]


@pytest.fixture
def floor(password):
    expo = ExpoFactory(current=True)
    booth = BoothFactory(expo=expo)
    coffee = ExhibitorFactory(name="Kopi Purna Gayo")
    batik = ExhibitorFactory(name="Batik Purna Solo")
    for exhibitor in (coffee, batik):
        BoothPresenceFactory(booth=booth, exhibitor=exhibitor)
    ProductFactory(name_en="Gayo arabica coffee", exhibitor=coffee)
    ProductFactory(name_en="Hand-drawn batik scarf", exhibitor=batik)
    staff = UserFactory(username="boothstaff", first_name="Rina", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="capture_lead"))
    return {"staff": staff, "password": password}


def log_in(page, live_server, floor, language="en", *, go=True):
    if go:
        page.goto(f"{live_server.url}/{language}/portal/login/?next=/{language}/booth/")
    page.locator("#id_username").fill("boothstaff")
    page.locator("#id_password").fill(floor["password"])
    page.locator("form.owner-form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/booth/")
    wait_for_app(page)


def wait_for_app(page):
    # The service worker controls the page and has kept the screen and the index.
    page.evaluate(
        """async () => {
          await navigator.serviceWorker.ready;
          while (!navigator.serviceWorker.controller) await new Promise(r => setTimeout(r, 100));
          const cache = await caches.open('booth-pages');
          while ((await cache.keys()).length < 2) await new Promise(r => setTimeout(r, 100));
        }"""
    )


class SameAddressServer(LiveServerThread):
    """The live server started again where it was (the old socket may linger)."""

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=True,
            connections_override=connections_override,
        )


class RestartableServer:
    """A live server of its own that can be stopped and started again at its address."""

    def __init__(self):
        self.port = 0
        self.start()

    def start(self):
        self.thread = SameAddressServer(
            "127.0.0.1", static_handler=StaticFilesHandler, connections_override={}, port=self.port
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.port = self.thread.port

    def stop(self):
        self.thread.terminate()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def restartable_server(transactional_db):
    server = RestartableServer()
    yield server
    server.stop()


def sync_now(page):
    """What the device does when the network comes back."""
    page.evaluate("window.dispatchEvent(new Event('online'))")


def capture(page, name, email, interest="coffee"):
    page.locator("#id_name").fill(name)
    if email:
        page.locator("#id_email").fill(email)
    page.locator("#id_country").select_option("JP")
    page.locator("#booth-search").fill(interest)
    page.locator(".booth-suggestion").first.click()
    page.locator("#id_consent").check()
    page.locator("#booth-save").click()
    expect(page.locator("#id_name")).to_have_value("")


def test_booth_offline_captures_survive_reload_and_sync_once(
    live_server, browser, phone, floor, tmp_path, screenshot
):
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    log_in(phone, live_server, floor)
    screenshot(phone, "online-390")
    phone.context.set_offline(True)

    for name, email in VISITORS:
        capture(phone, name, email)
    # The fifth visitor from the QR code on their badge.
    qr = tmp_path / "badge.png"
    segno.make("MECARD:N:Suzuki,Hana;EMAIL:hana@example.jp;TEL:+81312345678;;").save(qr, scale=8)
    phone.locator("#booth-qr-input").set_input_files(str(qr))
    expect(phone.locator("#id_email")).to_have_value("hana@example.jp")
    expect(phone.locator("#id_name")).to_have_value("Hana Suzuki")
    phone.locator("#id_country").select_option("JP")
    phone.locator("#booth-search").fill("batik")
    phone.locator(".booth-suggestion").first.click()
    phone.locator("#id_consent").check()
    phone.locator("#booth-save").click()

    waiting = phone.locator(".booth-item[data-status=waiting]")
    expect(waiting).to_have_count(5)
    expect(phone.locator("#booth-badge-count")).to_have_text("5")
    screenshot(phone, "offline-waiting-390")

    phone.reload()
    expect(phone.locator("#booth-save")).to_be_visible()
    expect(phone.locator(".booth-item[data-status=waiting]")).to_have_count(5)
    assert ExpressionOfInterest.objects.count() == 0

    phone.context.set_offline(False)
    expect(phone.locator(".booth-item[data-status=stored]")).to_have_count(5, timeout=30_000)
    expect(phone.locator("#booth-badge")).to_be_hidden()
    assert ExpressionOfInterest.objects.count() == 5
    references = phone.locator(".booth-reference").all_text_contents()
    assert len(set(references)) == 5
    assert all(text.startswith("Reference: INQ-") for text in references)
    screenshot(phone, "stored-390")
    assert errors == []


def test_booth_sync_interrupted_by_server_stop_stores_each_capture_once(
    restartable_server, phone, floor
):
    server = restartable_server
    log_in(phone, server, floor)
    phone.context.set_offline(True)
    for name, email in VISITORS[:3]:
        capture(phone, name, email)
    expect(phone.locator(".booth-item[data-status=waiting]")).to_have_count(3)

    # The second capture reaches the server and is stored, then the server stops before
    # its answer leaves: the device never hears of it.
    sent = []

    def lose_second_answer(route):
        sent.append(route.request.post_data_json["idempotency_key"])
        if len(sent) == 2:
            route.fetch()
            server.stop()
            route.abort("connectionreset")
        else:
            route.continue_()

    phone.route("**/booth/captures/", lose_second_answer)
    phone.context.set_offline(False)
    expect(phone.locator(".booth-item[data-status=stored]")).to_have_count(1)
    expect(phone.locator(".booth-item[data-status=waiting]")).to_have_count(2)
    assert ExpressionOfInterest.objects.count() == 2

    # While the server is down, the device tries again and keeps everything.
    sync_now(phone)
    expect(phone.locator(".booth-item[data-status=waiting]")).to_have_count(2)

    server.start()
    phone.unroute("**/booth/captures/")
    phone.reload()
    expect(phone.locator(".booth-item[data-status=stored]")).to_have_count(3)
    assert ExpressionOfInterest.objects.count() == 3
    assert Inquiry.objects.count() == 3
    references = phone.locator(".booth-reference").all_text_contents()
    assert len(set(references)) == 3


def test_booth_two_tabs_with_one_queue_make_no_duplicates(live_server, phone, floor):
    log_in(phone, live_server, floor)
    phone.context.set_offline(True)
    for name, email in VISITORS:
        capture(phone, name, email)
    second = phone.context.new_page()
    second.goto(f"{live_server.url}/en/booth/")
    expect(second.locator(".booth-item[data-status=waiting]")).to_have_count(4)

    # Both tabs see the network come back and send the same queue at once.
    phone.context.set_offline(False)
    for tab in (phone, second):
        sync_now(tab)
    for tab in (phone, second):
        tab.reload()
        expect(tab.locator(".booth-item[data-status=stored]")).to_have_count(4)
    assert ExpressionOfInterest.objects.count() == 4


def test_booth_login_expired_offline_loses_nothing(live_server, phone, floor):
    log_in(phone, live_server, floor)
    phone.context.set_offline(True)
    for name, email in VISITORS[:2]:
        capture(phone, name, email)
    # The login expires while the device is offline.
    phone.context.clear_cookies()

    phone.context.set_offline(False)
    login = phone.locator("#booth-login")
    expect(login).to_be_visible()
    expect(phone.locator(".booth-item[data-status=waiting]")).to_have_count(2)
    assert ExpressionOfInterest.objects.count() == 0

    login.get_by_role("link").click()
    log_in(phone, live_server, floor, go=False)
    expect(phone.locator(".booth-item[data-status=stored]")).to_have_count(2)
    expect(phone.locator("#booth-login")).to_be_hidden()
    assert ExpressionOfInterest.objects.count() == 2


@pytest.mark.parametrize("language", ["en", "id"])
def test_booth_capture_screens_waiting_stored_refused(
    live_server, phone, floor, screenshot, language
):
    def shoot(name):
        for width in (390, 1024):
            phone.set_viewport_size({"width": width, "height": 844})
            phone.evaluate("window.scrollTo(0, 0)")
            screenshot(phone, f"{name}-{language}-{width}")
        phone.set_viewport_size({"width": 390, "height": 844})

    log_in(phone, live_server, floor, language)
    shoot("screen-online")
    phone.context.set_offline(True)
    capture(phone, "Aiko Tanaka", "aiko@example.jp", interest="kopi")
    # An address the device lets through and the server refuses.
    capture(phone, "Min-jun Park", "park@example", interest="kopi")
    expect(phone.locator(".booth-item[data-status=waiting]")).to_have_count(2)
    shoot("screen-offline")

    phone.context.set_offline(False)
    refused = phone.locator(".booth-item[data-status=refused]")
    expect(refused).to_have_count(1)
    expect(phone.locator(".booth-item[data-status=stored]")).to_have_count(1)
    valid_email = {"en": "Enter a valid email address.", "id": "Masukkan alamat email yang valid."}
    expect(refused).to_contain_text(valid_email[language])
    shoot("screen-refused")

    # Fixed on the screen and sent again: stored under its first key.
    refused.get_by_role(
        "button", name={"en": "Fix and send again", "id": "Perbaiki"}[language]
    ).click()
    expect(phone.locator("#id_email")).to_have_value("park@example")
    phone.locator("#id_email").fill("park@example.kr")
    phone.locator("#booth-save").click()
    expect(phone.locator(".booth-item[data-status=stored]")).to_have_count(2)
    assert ExpressionOfInterest.objects.count() == 2
