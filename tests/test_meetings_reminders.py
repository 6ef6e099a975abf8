"""Reminders go out on the meeting's day, once: to the guest (with the one-click
"I'll be there" and "cancel" links) and to the host."""

import datetime
import re
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from post_office.models import Email

from meetings import services
from meetings.choices import MeetingStatus, Side
from meetings.models import Meeting
from meetings.reminders import send_due_reminders

from .factories import UserFactory
from .meeting_data import at, book, stand

BASE = "https://expo.example.id"


@pytest.fixture(autouse=True)
def english_notifications(settings):
    """Hosts otherwise read their mail in Indonesian; the tests read English."""
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"


def _confirmed(place, clock="15:00", email="aiko@example.jp"):
    meeting = book(place, place.slot(clock), email=email)
    return services.meeting_confirm(meeting=meeting, side=Side.HOST)


@pytest.mark.django_db
def test_reminder_goes_out_once_to_both_sides(settings):
    settings.EXPO_MEETING_REMINDER_HOUR = 7
    owner = UserFactory(username="sari")
    place = stand(owners=[owner])
    meeting = _confirmed(place)
    morning = at(place.day, "08:00")

    first = send_due_reminders(base_url=BASE, now=morning)
    second = send_due_reminders(base_url=BASE, now=morning + datetime.timedelta(minutes=15))

    assert (first, second) == (1, 0)
    reminders = Email.objects.filter(subject__startswith="Today at 15:00")
    assert sorted(address for email in reminders for address in email.to) == [
        "aiko@example.jp",
        "sari@example.com",
    ]
    meeting.refresh_from_db()
    assert meeting.reminder_sent_at == morning


@pytest.mark.django_db
def test_reminder_not_before_the_hour_nor_for_other_days_or_unconfirmed(settings):
    """Too early (06:59), tomorrow's meeting, a request not yet confirmed, a meeting
    that has started: none is reminded."""
    settings.EXPO_MEETING_REMINDER_HOUR = 7
    place = stand()
    _confirmed(place, "15:00", email="today@example.com")
    tomorrow = book(place, place.slot("15:00", day=1), email="tomorrow@example.com")
    services.meeting_confirm(meeting=tomorrow, side=Side.HOST)
    book(place, place.slot("16:00"), email="unconfirmed@example.com")
    _confirmed(place, "10:00", email="started@example.com")

    assert send_due_reminders(base_url=BASE, now=at(place.day, "06:59")) == 0
    assert send_due_reminders(base_url=BASE, now=at(place.day, "10:05")) == 1
    reminded = Meeting.objects.filter(reminder_sent_at__isnull=False)
    assert [meeting.buyer.email for meeting in reminded] == ["today@example.com"]


@pytest.mark.django_db(transaction=True)
def test_reminder_runs_at_the_same_moment_send_once(settings):
    settings.EXPO_MEETING_REMINDER_HOUR = 7
    place = stand(owners=[UserFactory(username="sari")])
    for number in range(5):
        _confirmed(place, f"1{number}:00", email=f"buyer{number}@example.com")
    now = at(place.day, "08:00")
    barrier = threading.Barrier(4)
    counts = []

    def run():
        try:
            barrier.wait(timeout=30)
            counts.append(send_due_reminders(base_url=BASE, now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(counts) == 5
    assert Email.objects.filter(subject__startswith="Today at").count() == 10


@pytest.mark.django_db
def test_reminder_links_let_the_guest_cancel_and_free_the_slot(client, settings):
    settings.EXPO_MEETING_REMINDER_HOUR = 7
    place = stand()
    meeting = _confirmed(place)
    send_due_reminders(base_url=BASE, now=at(place.day, "08:00"))
    mail = Email.objects.get(to=["aiko@example.jp"], subject__startswith="Today at")
    cancel_url = re.search(rf"{BASE}(/en/meetings/m/[^\s]+\?do=cancel)", mail.message).group(1)
    attend_url = re.search(rf"{BASE}(/en/meetings/m/[^\s]+\?do=attend)", mail.message).group(1)

    # Opening the link (a mail scanner does too) changes nothing: it asks.
    page = client.get(cancel_url)
    assert page.status_code == 200
    assert "Cancel this meeting?" in page.text
    assert client.get(attend_url).status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED

    response = client.post(cancel_url.split("?")[0], {"action": "cancel"}, follow=True)

    assert "Your meeting is cancelled. The time is free again for others." in response.text
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_by) == (MeetingStatus.CANCELLED, Side.GUEST)
    # The slot is free again: another buyer books it.
    again = book(place, meeting.slot, email="next@example.com")
    assert again.slot == meeting.slot


@pytest.mark.django_db
def test_reminder_link_ill_be_there(client, settings):
    place = stand()
    meeting = _confirmed(place)
    from meetings.tokens import guest_token

    response = client.post(
        f"/en/meetings/m/{guest_token(meeting)}/", {"action": "attend"}, follow=True
    )

    assert "Thank you: the host knows you will be there." in response.text
    meeting.refresh_from_db()
    assert meeting.guest_will_attend_at is not None
    assert meeting.status == MeetingStatus.CONFIRMED


@pytest.mark.django_db
def test_send_meeting_reminders_command_needs_the_portal_address(settings):
    settings.EXPO_PUBLIC_BASE_URL = ""

    with pytest.raises(CommandError) as caught:
        call_command("send_meeting_reminders", stdout=StringIO())

    assert "EXPO_PUBLIC_BASE_URL" in str(caught.value)


@pytest.mark.django_db
def test_send_meeting_reminders_command_reports_count(settings):
    place = stand()
    _confirmed(place)  # ten days ahead: not due today
    output = StringIO()

    call_command("send_meeting_reminders", "--base-url", BASE, stdout=output)

    assert output.getvalue() == "Meeting reminders queued: 0.\n"
