"""Booking a meeting at the booth: the good path, and every bad input named in the issue
(a slot in the past, outside opening hours, already taken, on another expo's day; a
cancelled meeting confirmed; an unpublished MSME), each refused with a clear message and
nothing saved."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import Email

from buyers.models import Buyer, ExpressionOfInterest, LeadEvent
from meetings import services
from meetings.choices import MeetingStatus, Side
from meetings.models import Meeting, MeetingEvent

from .factories import (
    BoothFactory,
    ExhibitorFactory,
    ExpoFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)
from .meeting_data import agency_post, at, book, booking_post, stand

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.EXPO_LEAD_RATE_PER_EMAIL = "1000/h"
    settings.EXPO_LEAD_RATE_PER_SESSION = "1000/h"
    settings.EXPO_LEAD_RATE_PER_ADDRESS = "1000/h"
    settings.STAFF_NOTIFICATION_EMAILS = ["booth@bp2mi.example.id"]
    # Hosts, staff and lead notes otherwise read Indonesian; the tests read English.
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"


def _nothing_saved():
    assert Meeting.objects.count() == 0
    assert Buyer.objects.count() == 0
    assert ExpressionOfInterest.objects.count() == 0
    assert Email.objects.count() == 0


def test_book_page_lists_free_times_of_the_business(client):
    place = stand()
    free = place.slot("10:00")
    taken = place.slot("10:30")
    book(place, taken, email="first@example.com")

    response = client.get(f"/en/meetings/book/{place.exhibitor.slug}/")

    assert response.status_code == 200
    days = response.context["days"]
    assert [slot.pk for day in days for slot in day.slots] == [free.pk]
    assert "Book a meeting at the booth" in response.text


def test_book_trade_meeting_joins_new_lead_and_queues_mail(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(username="sari")
    place = stand(owners=[owner])
    slot = place.slot("11:00")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/meetings/book/{place.exhibitor.slug}/", booking_post(slot))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response["Location"].startswith("/en/meetings/m/")
    assert meeting.status == MeetingStatus.REQUESTED
    assert meeting.awaiting == Side.HOST
    assert meeting.reference.startswith("MTG-")
    assert (meeting.starts_at, meeting.ends_at) == (slot.starts_at, slot.ends_at)
    assert meeting.buyer.email == "aiko@example.jp"
    assert meeting.share_contact is True
    lead = meeting.lead
    assert (lead.kind, lead.buyer, lead.exhibitor, lead.expo) == (
        "trade",
        meeting.buyer,
        place.exhibitor,
        place.expo,
    )
    assert lead.message == "Prices for 500 kg of green beans"
    assert "requested" in lead.history.last().note
    recipients = sorted(address for email in Email.objects.all() for address in email.to)
    assert recipients == ["aiko@example.jp", "sari@example.com"]
    assert MeetingEvent.objects.get().to_status == MeetingStatus.REQUESTED


@pytest.mark.parametrize("of_this_expo", [True, False], ids=["expo", "web-form-without-expo"])
def test_book_trade_meeting_reuses_the_buyers_open_lead(of_this_expo):
    place = stand()
    product = ProductFactory(exhibitor=place.exhibitor)
    buyer_lead = TradeLeadFactory(
        product=product,
        exhibitor=place.exhibitor,
        expo=place.expo if of_this_expo else None,
        buyer__email="aiko@example.jp",
    )
    events_before = LeadEvent.objects.filter(lead=buyer_lead).count()

    meeting = book(place, place.slot("11:00"))

    assert meeting.lead == buyer_lead
    assert ExpressionOfInterest.objects.count() == 1
    assert LeadEvent.objects.filter(lead=buyer_lead).count() == events_before + 1


def test_book_agency_meeting_for_a_delegate(client):
    place = stand()
    slot = place.slot("13:00", table=place.agency_table)

    response = client.post("/en/meetings/book/agency/", agency_post(slot))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.exhibitor is None
    assert meeting.delegate.institution == "Embassy of the Republic of Korea"
    assert meeting.lead.kind == "placement"
    assert meeting.host_name == "BP2MI (the agency)"


def test_book_same_form_twice_one_meeting(client):
    place = stand()
    payload = booking_post(place.slot("11:00"))

    first = client.post(f"/en/meetings/book/{place.exhibitor.slug}/", payload)
    second = client.post(f"/en/meetings/book/{place.exhibitor.slug}/", payload)

    assert first.status_code == second.status_code == 302
    # The same meeting's page; the link's signature carries the second it was made in.
    assert first["Location"].split(":")[0] == second["Location"].split(":")[0]
    assert Meeting.objects.count() == 1


# --- bad input: a clear message and nothing saved ---------------------------------------


def _post_refused(client, place, slot, status=400, **changes):
    response = client.post(
        f"/en/meetings/book/{place.exhibitor.slug}/", booking_post(slot, **changes)
    )
    assert response.status_code == status
    return response.context["form"].errors


def test_book_slot_in_the_past_refused(client):
    """A slot that has already begun (only the demo may book those)."""
    place = stand(days_ahead=-1)
    slot = place.slot("10:00")

    errors = _post_refused(client, place, slot)

    assert errors["slot"] == ["This time has already passed. Please choose a later time."]
    _nothing_saved()


def test_book_slot_in_the_past_allowed_in_demo_mode(settings):
    settings.DEMO_MODE = True
    place = stand(days_ahead=-1)
    slot = place.slot("10:00")

    meeting = book(place, slot)

    assert meeting.starts_at < timezone.now()


def test_book_slot_outside_opening_hours_refused(client):
    """A slot staff made at 19:00 before the booth's hours were cut to 18:00."""
    place = stand()
    slot = MeetingSlotFactory(
        table=place.table, starts_at=at(place.day, "17:45"), ends_at=at(place.day, "18:15")
    )

    errors = _post_refused(client, place, slot)

    assert errors["slot"] == [
        "This time is outside the booth's opening hours (10:00 to 18:00). "
        "Please choose one of the times shown."
    ]
    _nothing_saved()


def test_book_slot_already_taken_refused(client):
    place = stand()
    slot = place.slot("11:00")
    book(place, slot, email="first@example.com")

    errors = _post_refused(client, place, slot, status=409)

    assert errors["slot"] == ["Someone has just booked this time. Please choose another free time."]
    assert Meeting.objects.count() == 1
    assert not Buyer.objects.filter(email="aiko@example.jp").exists()


def test_book_slot_on_another_expos_day_refused(client):
    """The slot id of last year's expo, posted to this year's booking page."""
    place = stand()
    old_booth = BoothFactory(
        expo=ExpoFactory(
            start_date=datetime.date(2023, 10, 18), end_date=datetime.date(2023, 10, 22)
        )
    )
    old_slot = MeetingSlotFactory(table=MeetingTableFactory(booth=old_booth))

    errors = _post_refused(client, place, old_slot)

    assert errors["slot"] == [
        f"This time is not on a day of {place.expo}. Please choose one of the times shown."
    ]
    _nothing_saved()


def test_book_day_the_business_is_not_at_the_booth_refused(client):
    place = stand()
    place.exhibitor.presences.filter(day=place.expo.days[1]).delete()
    slot = place.slot("11:00", day=1)

    errors = _post_refused(client, place, slot)

    assert errors["slot"][0].startswith(f"{place.exhibitor.name} is not at the booth on ")
    _nothing_saved()


def test_book_business_at_an_agency_table_refused(client):
    place = stand()
    slot = place.slot("11:00", table=place.agency_table)

    errors = _post_refused(client, place, slot)

    assert errors["slot"] == [
        "This table is not for this kind of meeting. Please choose one of the times shown."
    ]
    _nothing_saved()


def test_book_unknown_slot_id_refused(client):
    place = stand()
    response = client.post(
        f"/en/meetings/book/{place.exhibitor.slug}/", booking_post(place.slot(), slot="999999")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["slot"] == [
        "This time is no longer offered. Please choose one of the times shown."
    ]
    _nothing_saved()


def test_book_without_consent_or_topic_refused(client):
    place = stand()
    errors = _post_refused(client, place, place.slot(), consent=None, topic="")

    assert set(errors) == {"consent", "topic"}
    _nothing_saved()


@pytest.mark.parametrize("trait", ["draft", "pending", "rejected"])
def test_book_unpublished_business_page_is_404(client, trait):
    place = stand(exhibitor=ExhibitorFactory(**{trait: True}))

    get = client.get(f"/en/meetings/book/{place.exhibitor.slug}/")
    post = client.post(f"/en/meetings/book/{place.exhibitor.slug}/", booking_post(place.slot()))

    assert get.status_code == post.status_code == 404
    _nothing_saved()


def test_book_business_unpublished_meanwhile_refused_by_service():
    """The page was open while staff took the business off show."""
    place = stand()
    slot = place.slot()
    place.exhibitor.review_status = "pending"
    place.exhibitor.save()

    with pytest.raises(ValidationError) as caught:
        book(place, slot)

    assert caught.value.message_dict == {
        "__all__": ["This business is not on show, so it cannot take meetings."]
    }
    _nothing_saved()


def test_book_guest_already_in_a_meeting_at_that_time_refused():
    place = stand()
    other = stand_other_business(place)
    book(place, place.slot("11:00"), email="aiko@example.jp")

    with pytest.raises(ValidationError) as caught:
        book(place, place.slot("11:00", table=place.table2), exhibitor=other)

    assert caught.value.error_dict["slot"][0].code == "guest_busy"
    assert Meeting.objects.count() == 1


def stand_other_business(place):
    from .factories import BoothPresenceFactory

    other = ExhibitorFactory()
    for day in place.expo.days:
        BoothPresenceFactory(booth=place.booth, exhibitor=other, day=day)
    return other


def test_business_in_two_places_at_once_refused():
    """One MSME, two tables, overlapping times (10:00-10:30 and 10:15-10:45)."""
    place = stand()
    book(place, place.slot("10:00"), email="first@example.com")
    overlapping = place.slot("10:15", table=place.table2)

    with pytest.raises(ValidationError) as caught:
        book(place, overlapping, email="second@example.com")

    assert caught.value.message_dict["slot"] == [
        f"{place.exhibitor.name} already has a meeting at this time. Please choose another time."
    ]
    assert Meeting.objects.count() == 1


# --- answering and changing ----------------------------------------------------------------


def test_confirm_by_first_staff_makes_them_the_owner(django_capture_on_commit_callbacks):
    place = stand()
    meeting = book(place, place.slot())
    staff = UserFactory(username="staff", staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_confirm(meeting=meeting, side=Side.STAFF, actor=staff)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    assert meeting.assigned_to == staff
    assert meeting.sequence == 1
    # Both sides get the invitation with its calendar file.
    invitations = Email.objects.filter(subject__startswith="Confirmed")
    assert invitations.count() == 2
    assert all(email.attachments.get().name == "meeting.ics" for email in invitations)


def test_confirm_cancelled_meeting_refused():
    place = stand()
    meeting = book(place, place.slot())
    services.meeting_cancel(meeting=meeting, side=Side.GUEST)

    with pytest.raises(ValidationError) as caught:
        services.meeting_confirm(meeting=meeting, side=Side.HOST)

    assert caught.value.messages == [
        "This meeting was cancelled, so it cannot be confirmed. A new time can be booked instead."
    ]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_confirm_cancelled_meeting_from_owner_page_shows_message(client):
    owner = UserFactory(username="sari")
    place = stand(owners=[owner])
    meeting = book(place, place.slot())
    services.meeting_cancel(meeting=meeting, side=Side.GUEST)
    client.force_login(owner)

    response = client.post(f"/en/meetings/{meeting.pk}/confirm/", follow=True)

    assert response.status_code == 200
    assert "This meeting was cancelled, so it cannot be confirmed." in response.text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_guest_cannot_confirm_own_request():
    place = stand()
    meeting = book(place, place.slot())

    with pytest.raises(ValidationError) as caught:
        services.meeting_confirm(meeting=meeting, side=Side.GUEST)

    assert caught.value.code == "waiting_for_host"


def test_cancel_frees_the_slot_for_someone_else():
    place = stand()
    slot = place.slot()
    first = book(place, slot, email="first@example.com")

    services.meeting_cancel(meeting=first, side=Side.GUEST)
    second = book(place, slot, email="second@example.com")

    assert second.slot == slot
    assert Meeting.objects.active().get() == second


def test_host_proposes_another_time_guest_accepts(django_capture_on_commit_callbacks):
    place = stand()
    meeting = book(place, place.slot("10:00"))
    later = place.slot("15:00")

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_move(meeting=meeting, slot=later, side=Side.HOST)
    meeting.refresh_from_db()

    assert (meeting.status, meeting.awaiting, meeting.slot) == (
        MeetingStatus.REQUESTED,
        Side.GUEST,
        later,
    )
    assert meeting.previous_starts_at == at(place.day, "10:00")
    proposal = Email.objects.get(subject__startswith="New time proposed")
    assert proposal.to == ["aiko@example.jp"]

    services.meeting_confirm(meeting=meeting, side=Side.GUEST)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_move_to_a_taken_slot_refused_and_meeting_unchanged():
    place = stand()
    meeting = book(place, place.slot("10:00"), email="first@example.com")
    other_slot = place.slot("11:00", table=place.table2)
    book(place, other_slot, email="second@example.com", exhibitor=stand_other_business(place))

    with pytest.raises(ValidationError) as caught:
        services.meeting_move(meeting=meeting, slot=other_slot, side=Side.GUEST)

    assert caught.value.error_dict["slot"][0].code == "slot_taken"
    meeting.refresh_from_db()
    assert meeting.starts_at == at(place.day, "10:00")


def test_decline_tells_the_guest_with_reason(django_capture_on_commit_callbacks):
    place = stand()
    meeting = book(place, place.slot())

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_decline(meeting=meeting, side=Side.HOST, reason="We are sold out.")

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DECLINED
    assert meeting.history.last().note == "We are sold out."
    notice = Email.objects.get(subject__contains="cannot take")
    assert notice.to == ["aiko@example.jp"]
    assert "Their message: We are sold out." in notice.message


def test_mark_attendance_before_start_refused_after_start_counted(settings):
    staff = UserFactory(username="staff", staff=True)
    place = stand()
    meeting = book(place, place.slot())
    services.meeting_confirm(meeting=meeting, side=Side.HOST)

    with pytest.raises(ValidationError) as caught:
        services.meeting_mark_attendance(
            meeting=meeting, status=MeetingStatus.ATTENDED, actor=staff
        )
    assert caught.value.code == "not_started"

    services.meeting_mark_attendance(
        meeting=meeting,
        status=MeetingStatus.NO_SHOW,
        actor=staff,
        now=meeting.starts_at + datetime.timedelta(minutes=10),
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.assigned_to) == (MeetingStatus.NO_SHOW, staff)


def test_mark_cancelled_meeting_as_held_refused():
    staff = UserFactory(username="staff", staff=True)
    place = stand()
    meeting = book(place, place.slot())
    services.meeting_cancel(meeting=meeting, side=Side.HOST)

    with pytest.raises(ValidationError) as caught:
        services.meeting_mark_attendance(
            meeting=meeting,
            status=MeetingStatus.ATTENDED,
            actor=staff,
            now=meeting.ends_at,
        )

    assert caught.value.code == "closed_cancelled"


def test_request_with_staff_lead_owner_is_owned_from_the_start():
    staff = UserFactory(username="staff", staff=True)
    place = stand()
    lead = TradeLeadFactory(
        product=ProductFactory(exhibitor=place.exhibitor),
        exhibitor=place.exhibitor,
        expo=place.expo,
        buyer__email="aiko@example.jp",
        assigned_to=staff,
    )

    meeting = book(place, place.slot())

    assert meeting.lead == lead
    assert meeting.assigned_to == staff


def test_idempotency_key_gives_the_first_meeting_back():
    place = stand()
    key = uuid.uuid4()

    first = book(place, place.slot("10:00"), idempotency_key=key)
    second = book(place, place.slot("11:00"), idempotency_key=key)

    assert first == second
    assert Meeting.objects.count() == 1
