"""The calendar invitation (.ics) sent with meeting mail: times in Asia/Jakarta with the
zone's definition, the summary in the reader's language, one UID, rising SEQUENCE."""

import pytest
from icalendar import Calendar
from post_office.models import Email

from meetings import services
from meetings.choices import Side
from meetings.ics import meeting_ics

from .meeting_data import book, stand

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_notifications(settings):
    """Hosts otherwise read their mail in Indonesian; the tests read English."""
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"


def _event(raw: bytes):
    calendar = Calendar.from_ical(raw)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _attachment(email: Email) -> bytes:
    attachment = email.attachments.get()
    assert (attachment.name, attachment.mimetype) == ("meeting.ics", "text/calendar")
    with attachment.file.open("rb") as handle:
        return handle.read()


def test_ics_invitation_times_zone_and_summary(django_capture_on_commit_callbacks):
    place = stand()
    slot = place.slot("10:30")
    meeting = book(place, slot, topic="Green beans, 500 kg")

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_confirm(meeting=meeting, side=Side.HOST)

    guest_mail = Email.objects.get(to=["aiko@example.jp"], subject__startswith="Confirmed")
    raw = _attachment(guest_mail)
    day = place.day.strftime("%Y%m%d")
    assert f"DTSTART;TZID=Asia/Jakarta:{day}T103000".encode() in raw
    assert f"DTEND;TZID=Asia/Jakarta:{day}T110000".encode() in raw
    calendar, event = _event(raw)
    assert str(calendar["METHOD"]) == "REQUEST"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Jakarta"
    assert str(event["SUMMARY"]) == f"Meeting with {place.exhibitor.name} at the BP2MI booth"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == slot.starts_at
    assert event.decoded("DTEND") == slot.ends_at
    assert str(event["UID"]) == f"meeting-{meeting.pk}@localhost"
    assert "Table 1" in str(event["LOCATION"])
    assert f"Topic: Green beans, 500 kg\nReference: {meeting.reference}" in str(
        event["DESCRIPTION"]
    )
    assert str(event["ATTENDEE"]) == "mailto:aiko@example.jp"


def test_ics_for_the_host_names_the_guest_in_the_host_language(settings):
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"
    place = stand()
    meeting = book(place, place.slot("10:30"), share_contact=False)

    calendar, event = _event(meeting_ics(meeting, language="en", for_host=True))

    assert str(event["SUMMARY"]) == "Meeting with Aiko Tanaka at the BP2MI booth"
    # The guest did not agree to share their address: the host's copy leaves it out.
    assert "ATTENDEE" not in event
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_ics_cancellation_has_the_same_uid_and_a_higher_sequence(
    django_capture_on_commit_callbacks,
):
    place = stand()
    meeting = book(place, place.slot("10:30"))
    services.meeting_confirm(meeting=meeting, side=Side.HOST)
    _calendar, confirmed = _event(meeting_ics(meeting, language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, side=Side.HOST)

    raw = _attachment(Email.objects.get(subject__startswith="Cancelled"))
    calendar, cancelled = _event(raw)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["UID"]) == str(confirmed["UID"])
    assert cancelled["SEQUENCE"] > confirmed["SEQUENCE"]


def test_guest_calendar_download(client):
    from meetings.tokens import guest_token

    place = stand()
    meeting = book(place, place.slot("10:30"))
    services.meeting_confirm(meeting=meeting, side=Side.HOST)

    response = client.get(f"/en/meetings/m/{guest_token(meeting)}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.reference}.ics"'
    _calendar, event = _event(response.content)
    assert event.decoded("DTSTART") == meeting.starts_at
