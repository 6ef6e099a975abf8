"""A buyer on a phone books a meeting at the booth; the owner confirms it on a desktop;
the buyer's page then shows the confirmed meeting and its calendar file."""

import pytest
from django.test import Client
from playwright.sync_api import expect
from post_office.models import Email

from meetings.choices import MeetingStatus
from meetings.models import Meeting

from ..factories import UserFactory
from ..meeting_data import stand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_buyer_books_a_slot_and_the_owner_confirms_it(
    browser, live_server, phone, screenshot, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = []
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"
    owner = UserFactory(username="sari")
    place = stand(owners=[owner])
    place.exhibitor.name = "Batik Tulis Sekar Jagad"
    place.exhibitor.save()
    place.slot("10:00")
    chosen = place.slot("10:30")
    buyer_errors = _watch(phone)

    # The buyer: choose a time, say what about, who they are, agree, send.
    phone.goto(f"{live_server.url}/en/meetings/book/{place.exhibitor.slug}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Batik Tulis Sekar Jagad")
    phone.get_by_text("10:30", exact=True).click()
    expect(phone.locator(f"#slot-{chosen.pk}")).to_be_checked()
    phone.get_by_label("What would you like to talk about?").fill("Batik scarves, 200 pieces")
    phone.get_by_label("Your name").fill("Aiko Tanaka")
    phone.get_by_label("Email", exact=True).fill("aiko@example.jp")
    phone.get_by_label("Your country").select_option("JP")
    phone.get_by_label("I have read the privacy notice").check()
    screenshot(phone, "buyer-form")
    phone.get_by_role("button", name="Request this meeting").click()

    expect(phone.get_by_role("status")).to_contain_text("Your meeting request MTG-")
    expect(phone.get_by_text("Your request is with Batik Tulis Sekar Jagad.")).to_be_visible()
    screenshot(phone, "buyer-requested")
    guest_url = phone.url
    meeting = Meeting.objects.get()
    assert (meeting.slot, meeting.status) == (chosen, MeetingStatus.REQUESTED)

    # The owner: their schedule, the request waiting, one click to confirm.
    client = Client()
    client.force_login(owner)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    desk = context.new_page()
    owner_errors = _watch(desk)
    desk.goto(f"{live_server.url}/en/meetings/mine/")
    waiting = desk.get_by_role("region", name="Waiting for your answer")
    expect(waiting).to_contain_text("Aiko Tanaka")
    expect(waiting).to_contain_text("Batik scarves, 200 pieces")
    screenshot(desk, "owner-waiting")
    waiting.get_by_role("button", name="Confirm").click()
    expect(desk.get_by_role("status")).to_contain_text(f"Meeting {meeting.reference} is confirmed")
    expect(desk.get_by_role("region", name="Coming up")).to_contain_text("Aiko Tanaka")
    screenshot(desk, "owner-confirmed")
    context.close()

    # The buyer's page now says so, and offers the calendar file.
    phone.goto(guest_url)
    expect(phone.get_by_text("Your meeting is confirmed. See you at the booth!")).to_be_visible()
    expect(phone.get_by_role("link", name="Add to my calendar (.ics)")).to_be_visible()
    screenshot(phone, "buyer-confirmed")

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    invitations = Email.objects.filter(subject__startswith="Confirmed")
    assert sorted(address for email in invitations for address in email.to) == [
        "aiko@example.jp",
        "sari@example.com",
    ]
    # Plans change: the buyer cancels from the same page (its forms post from a page whose
    # address holds the guest's key, which must not leave the site as a referrer).
    phone.get_by_role("button", name="Cancel the meeting").click()
    expect(phone.get_by_role("status")).to_contain_text("Your meeting is cancelled.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert buyer_errors == [] and owner_errors == []
