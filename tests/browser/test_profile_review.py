"""An owner on a phone changes the tagline of their approved business; buyers keep seeing
the approved one until staff approve the change in the admin."""

import pytest
from playwright.sync_api import expect

from booths.models import Exhibitor

from ..factories import ExhibitorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "Booth-staff-test-2024"
OLD_TAGLINE = "Hand-woven songket from Palembang"
NEW_TAGLINE = "Songket woven by hand, gold thread from Palembang"


@pytest.fixture
def business(password):
    owner = UserFactory(username="sari", first_name="Sari")
    exhibitor = ExhibitorFactory(
        name="Songket Sari",
        slug="songket-sari",
        owners=[owner],
        tagline_en=OLD_TAGLINE,
        story_ind="Saya bekerja di Hong Kong selama enam tahun.",
        regency="Palembang",
        province="SS",
    )
    staff = UserFactory(username="admin", is_staff=True, is_superuser=True)
    staff.set_password(STAFF_PASSWORD)
    staff.save()
    return {"exhibitor": exhibitor, "password": password}


def test_owner_profile_change_waits_for_staff_approval(
    live_server, browser, phone, screenshot, business
):
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    exhibitor = business["exhibitor"]
    public_url = f"{live_server.url}/en/exhibitors/{exhibitor.slug}/"

    phone.goto(f"{live_server.url}/id/portal/login/")
    phone.locator("#id_username").fill("sari")
    phone.locator("#id_password").fill(business["password"])
    phone.locator("form.owner-form button[type=submit]").click()
    expect(phone).to_have_url(f"{live_server.url}/id/portal/")
    phone.goto(f"{live_server.url}/id/portal/business/{exhibitor.slug}/")
    phone.locator("#id_tagline_en").fill(NEW_TAGLINE)
    phone.locator("form.owner-form button[name=action]").first.click()
    expect(phone).to_have_url(f"{live_server.url}/id/portal/")
    expect(phone.locator("details summary").first).to_have_text(
        "Lihat perubahan yang menunggu tinjauan"
    )

    phone.goto(f"{live_server.url}/id/portal/business/{exhibitor.slug}/")
    expect(phone.locator(".owner-diff ins")).to_have_text(NEW_TAGLINE)
    screenshot(phone, "owner-pending-id")
    width = phone.evaluate("document.documentElement.scrollWidth")

    buyer = browser.new_context(locale="en-GB").new_page()
    buyer.goto(public_url)
    expect(buyer.locator(".xl-story .lead")).to_have_text(OLD_TAGLINE)

    staff_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    staff = staff_context.new_page()
    staff.goto(f"{live_server.url}/en/admin/login/")
    staff.locator("#id_username").fill("admin")
    staff.locator("#id_password").fill(STAFF_PASSWORD)
    staff.locator("input[type=submit]").click()
    staff.goto(f"{live_server.url}/en/admin/booths/exhibitor/{exhibitor.pk}/change/")
    expect(staff.locator(".expo-diff ins")).to_have_text(NEW_TAGLINE)
    screenshot(staff, "admin-diff")
    staff.locator(".expo-review-approve button").click()
    expect(staff.locator(".messagelist")).to_contain_text("Approved")

    buyer.goto(public_url)
    expect(buyer.locator(".xl-story .lead")).to_have_text(NEW_TAGLINE)
    assert Exhibitor.objects.get(pk=exhibitor.pk).tagline_en == NEW_TAGLINE
    assert width <= 390
    assert errors == []
