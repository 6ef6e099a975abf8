"""Meetings whose time has passed: nothing to confirm, move or cancel, and no "waiting
for the host for 785 days"; the staff day page is a staff tool with the staff header."""

import datetime

import pytest
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models import Meeting
from meetings.selectors import meeting_counts
from meetings.tokens import guest_token

from .meeting_data import book, stand

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(user):
    return stand(owners=[user])


def _into_the_past(meeting, days=785):
    """Move a meeting (and its request) ``days`` back, as the demo's October 2024 ones are."""
    shift = datetime.timedelta(days=days)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - shift,
        ends_at=meeting.ends_at - shift,
        requested_at=meeting.requested_at - shift,
    )
    meeting.refresh_from_db()
    return meeting


@pytest.mark.parametrize("demo", [False, True])
def test_owner_sees_a_past_request_as_unanswered_with_no_buttons(
    client, user, place, settings, demo
):
    settings.DEMO_MODE = demo  # the demo books past times, but shows them as past too
    past = _into_the_past(book(place, place.slot("11:00")))
    client.force_login(user)

    page = client.get("/en/meetings/mine/").content.decode()

    assert past.status == MeetingStatus.REQUESTED
    assert "Not answered in time" in page
    assert "No request is waiting for you." in page
    for offer in ("Propose another time", "Decline the meeting", f"/meetings/{past.pk}/cancel/"):
        assert offer not in page


def test_owner_keeps_the_buttons_of_a_coming_meeting(client, user, place):
    coming = book(place, place.slot("11:00"))
    client.force_login(user)

    page = client.get("/en/meetings/mine/").content.decode()

    assert "Propose another time" in page and f"/meetings/{coming.pk}/confirm/" in page


def test_past_confirmed_meeting_offers_no_move_or_cancel(client, user, place, settings):
    settings.DEMO_MODE = True
    meeting = book(place, place.slot("11:00"))
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CONFIRMED)
    _into_the_past(meeting, days=30)
    client.force_login(user)

    page = client.get("/en/meetings/mine/").content.decode()

    assert "Propose another time" not in page and f"/meetings/{meeting.pk}/cancel/" not in page


def test_staff_day_lists_no_past_request_as_waiting(client, booth_staff, place, settings):
    settings.DEMO_MODE = True
    past = _into_the_past(book(place, place.slot("11:00")))
    day = timezone.localtime(past.starts_at).date()
    place.table.booth.expo.__class__.objects.filter(pk=place.table.booth.expo.pk).update(
        start_date=day, end_date=day
    )
    client.force_login(booth_staff)

    page = client.get(f"/en/meetings/staff/?day={day:%Y-%m-%d}").content.decode()

    assert "Every request has an answer." in page
    assert "785 days" not in page and "for 18840 hours" not in page
    assert "Not answered in time" in page
    counts = meeting_counts(expo=place.expo, start=day, end=day)
    assert (counts["requested"], counts["lapsed"]) == (0, 1)
    assert "<dt>Waiting</dt><dd>0</dd>" in page


def test_guest_of_a_past_request_can_book_again_but_not_move(client, place):
    past = _into_the_past(book(place, place.slot("11:00")))

    page = client.get(f"/en/meetings/m/{guest_token(past)}/").content.decode()

    assert "did not answer before the meeting time" in page
    assert "Book another time" in page
    assert "Choose another time" not in page and "Change of plans?" not in page


@pytest.mark.parametrize("language", ["en", "id"])
def test_staff_day_has_the_staff_header_and_is_linked_from_the_admin(
    client, booth_staff, place, language
):
    client.force_login(booth_staff)

    day_page = client.get(f"/{language}/meetings/staff/").content.decode()
    admin_index = client.get(f"/{language}/admin/").content.decode()

    assert 'class="portal-header staff-header"' in day_page
    assert f'href="/{language}/meetings/staff/" aria-current="page"' in day_page
    assert f'href="/{language}/meetings/staff/"' in admin_index


def test_table_names_are_shown_in_the_language_of_the_page(client, place):
    place.table.name_en, place.table.name_ind = "Table 1", "Meja 1"
    place.table.save()
    token = guest_token(book(place, place.slot("11:00")))

    english = client.get(f"/en/meetings/m/{token}/").content.decode()
    indonesian = client.get(f"/id/meetings/m/{token}/").content.decode()

    assert "Table 1 ·" in english and "Meja 1" not in english
    assert "Meja 1 ·" in indonesian and "Table 1" not in indonesian


def test_table_without_an_indonesian_name_shows_the_english_one(client, place):
    token = guest_token(book(place, place.slot("11:00")))

    indonesian = client.get(f"/id/meetings/m/{token}/").content.decode()

    assert "Table 1 ·" in indonesian
