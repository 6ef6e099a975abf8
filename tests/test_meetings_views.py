"""What the owner's and staff's meeting pages show and change (who may open them is in
tests/test_permission_matrix.py), what they cost in queries, the booking button for
other pages, slots set-up and the results counts."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.choices import MeetingStatus, Side
from meetings.models import Meeting, MeetingSlot, MeetingTable
from meetings.selectors import meeting_counts
from meetings.tokens import guest_token

from .factories import BoothFactory, ExpoFactory, MeetingTableFactory, UserFactory
from .meeting_data import at, book, stand
from .test_backoffice_admin import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_notifications(settings):
    """Hosts otherwise read their mail in Indonesian; the tests read English."""
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"


@pytest.fixture
def place(user):
    """The user fixture (sari) owns the business of the stand."""
    return stand(owners=[user])


@pytest.fixture
def meeting(place):
    return book(place, place.slot("11:00"))


# --- permissions -------------------------------------------------------------------------


def test_other_owner_cannot_confirm_or_cancel(client, other_user, meeting):
    client.force_login(other_user)

    for action in ("confirm", "decline", "cancel"):
        assert client.post(f"/en/meetings/{meeting.pk}/{action}/").status_code == 404

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.REQUESTED


def test_guest_page_needs_a_valid_token(client, meeting):
    good = client.get(f"/en/meetings/m/{guest_token(meeting)}/")
    forged = client.get(f"/en/meetings/m/{guest_token(meeting)[:-2]}xx/")
    other = client.get("/en/meetings/m/eyJtIjoxfQ:1xXdS1:not-a-signature/")

    assert good.status_code == 200
    assert forged.status_code == other.status_code == 404


def test_table_print_of_a_day_outside_the_expo_is_404(client, booth_staff, place):
    client.force_login(booth_staff)

    outside = client.get(f"/en/meetings/staff/tables/{place.table.pk}/2001-01-01/")
    impossible = client.get(f"/en/meetings/staff/tables/{place.table.pk}/2024-02-31/")

    assert outside.status_code == impossible.status_code == 404


# --- the owner's schedule ---------------------------------------------------------------


def test_owner_schedule_shows_only_own_meetings(client, user, other_user, place, meeting):
    other_place_business = stand_business_of(other_user, place)
    book(
        place,
        place.slot("11:00", table=place.table2),
        exhibitor=other_place_business,
        email="someone@example.com",
    )
    client.force_login(user)

    response = client.get("/en/meetings/mine/")

    assert [m.pk for m in response.context["waiting"]] == [meeting.pk]
    assert response.context["upcoming"] == []
    assert "someone@example.com" not in response.text
    assert meeting.reference in response.text


def stand_business_of(owner, place):
    from .factories import BoothPresenceFactory, ExhibitorFactory

    business = ExhibitorFactory(owners=[owner])
    BoothPresenceFactory(booth=place.booth, exhibitor=business, day=place.day)
    return business


def test_owner_confirms_from_schedule_and_staff_owner_stays_empty(client, user, meeting):
    client.force_login(user)

    response = client.post(f"/en/meetings/{meeting.pk}/confirm/", follow=True)

    assert f"Meeting {meeting.reference} is confirmed" in response.text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    assert meeting.history.last().side == Side.HOST
    # An owner is not agency staff: the meeting still waits for a staff member in charge.
    assert meeting.assigned_to is None


def test_owner_proposes_another_time(client, user, place, meeting):
    later = place.slot("16:00")
    client.force_login(user)

    page = client.get(f"/en/meetings/{meeting.pk}/move/")
    assert later.pk in [slot.pk for day in page.context["days"] for slot in day.slots]
    response = client.post(f"/en/meetings/{meeting.pk}/move/", {"slot": later.pk})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.awaiting) == (later, Side.GUEST)


def test_owner_move_to_taken_slot_shows_message(client, user, place, meeting):
    taken = place.slot("16:00")
    book(place, taken, email="first@example.com")
    client.force_login(user)

    response = client.post(f"/en/meetings/{meeting.pk}/move/", {"slot": taken.pk})

    assert response.status_code == 409
    assert response.context["form"].errors["slot"] == [
        "Someone has just booked this time. Please choose another free time."
    ]


# --- staff ---------------------------------------------------------------------------------


def test_staff_day_flags_stale_requests_and_nobody_in_charge(client, booth_staff, settings, place):
    settings.EXPO_MEETING_STALE_HOURS = 4
    fresh = book(place, place.slot("11:00"), email="fresh@example.com")
    stale = book(place, place.slot("12:00"), email="stale@example.com")
    Meeting.objects.filter(pk=stale.pk).update(
        requested_at=stale.requested_at - datetime.timedelta(hours=5)
    )
    client.force_login(booth_staff)

    response = client.get(f"/en/meetings/staff/?day={place.day.isoformat()}")

    assert [m.pk for m in response.context["waiting"]] == [stale.pk, fresh.pk]
    assert response.context["stale_count"] == 1
    assert "1 waiting too long" in response.text
    assert response.text.count("nobody in charge") == 4  # twice in the waiting list, twice by table


def test_staff_take_and_mark_attendance(client, booth_staff, settings, place, meeting):
    settings.DEMO_MODE = True  # the meeting lies ahead; the demo lets staff mark it now
    client.force_login(booth_staff)
    day = f"/en/meetings/staff/?day={place.day.isoformat()}"

    client.post(f"/en/meetings/staff/{meeting.pk}/take/", {"next": day})
    client.post(f"/en/meetings/{meeting.pk}/confirm/", {"next": day})
    response = client.post(
        f"/en/meetings/staff/{meeting.pk}/attendance/",
        {"status": "attended", "next": day},
        follow=True,
    )

    assert f"Meeting {meeting.reference}: Held." in response.text
    meeting.refresh_from_db()
    assert (meeting.status, meeting.assigned_to) == (MeetingStatus.ATTENDED, booth_staff)


def test_staff_mark_attendance_with_a_bad_status_changes_nothing(client, booth_staff, meeting):
    client.force_login(booth_staff)

    response = client.post(
        f"/en/meetings/staff/{meeting.pk}/attendance/", {"status": "cancelled"}, follow=True
    )

    assert "Mark a meeting as held or as a no-show." in response.text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.REQUESTED


def test_staff_day_with_a_bad_day_shows_the_first_day(client, booth_staff, place):
    client.force_login(booth_staff)

    response = client.get("/en/meetings/staff/?day=31-12-2024")

    assert response.status_code == 200
    assert response.context["day"] == place.day
    assert "31-12-2024 is not a day of" in response.text


def test_table_print_lists_every_slot_with_its_meeting(client, booth_staff, place, meeting):
    place.slot("10:00")
    client.force_login(booth_staff)

    response = client.get(f"/en/meetings/staff/tables/{place.table.pk}/{place.day.isoformat()}/")

    rows = response.context["rows"]
    assert [(slot.starts_at, m) for slot, m in rows] == [
        (at(place.day, "10:00"), None),
        (at(place.day, "11:00"), meeting),
    ]
    assert "css/meetings-print.css" in response.text
    assert " style=" not in response.text


# --- query counts: the same at two sizes ---------------------------------------------------

OWNER_QUERIES = {"book": 5, "mine": 2}
STAFF_QUERIES = {"staff day": 8, "table print": 6, "agency": 3}


def _grow(place, count, start_index=0):
    """Slots at table 1, sixteen a day; two of every three booked."""
    for n in range(start_index, start_index + count):
        hour, half = divmod(n % 16, 2)
        slot = place.slot(f"{10 + hour}:{'30' if half else '00'}", day=n // 16)
        if n % 3 != 2:
            book(place, slot, email=f"buyer{n}@example.com")


def test_meeting_list_pages_cost_the_same_at_two_sizes(
    client, user, booth_staff, place, assert_page_queries
):
    day = place.day.isoformat()
    owner_pages = {
        "book": f"/en/meetings/book/{place.exhibitor.slug}/",
        "mine": "/en/meetings/mine/",
    }
    staff_pages = {
        "staff day": f"/en/meetings/staff/?day={day}",
        "table print": f"/en/meetings/staff/tables/{place.table.pk}/{day}/",
        "agency": "/en/meetings/book/agency/",
    }
    _grow(place, 4)
    client.force_login(user)
    assert_page_queries(client, owner_pages, OWNER_QUERIES)
    client.force_login(booth_staff)
    assert_page_queries(client, staff_pages, STAFF_QUERIES)

    _grow(place, 40, start_index=4)

    assert Meeting.objects.count() > 25
    client.force_login(user)
    assert_page_queries(client, owner_pages, OWNER_QUERIES)
    client.force_login(booth_staff)
    assert_page_queries(client, staff_pages, STAFF_QUERIES)


# --- the booking button for product and exhibitor pages --------------------------------


def _panel(**context):
    request = RequestFactory().get("/en/")
    template = Template(
        "{% load meetings %}{% if agency %}{% meeting_panel agency=True %}"
        "{% elif product %}{% meeting_panel product=product %}"
        "{% else %}{% meeting_panel exhibitor=exhibitor %}{% endif %}"
    )
    return template.render(Context({"request": request, **context}))


def test_meeting_panel_links_to_the_booking_page(place):
    place.slot("11:00")

    html = _panel(exhibitor=place.exhibitor)

    assert f'href="/en/meetings/book/{place.exhibitor.slug}/"' in html
    assert "Book a meeting at the booth" in html


def test_meeting_panel_for_a_product_keeps_the_product(place):
    from .factories import ProductFactory

    product = ProductFactory(exhibitor=place.exhibitor, slug="gayo-beans")
    place.slot("11:00")

    html = _panel(product=product)

    assert f'href="/en/meetings/book/{place.exhibitor.slug}/?product=gayo-beans"' in html


def test_meeting_panel_says_when_every_time_is_taken(place):
    book(place, place.slot("11:00"))

    html = _panel(exhibitor=place.exhibitor)

    assert "All meeting times are taken." in html
    assert "/en/meetings/book/" not in html


def test_meeting_panel_is_cached_until_a_booking_changes_it(place):
    slot = place.slot("11:00")
    assert "Book a meeting at the booth" in _panel(exhibitor=place.exhibitor)

    with CaptureQueriesContext(connection) as warm:
        _panel(exhibitor=place.exhibitor)
    book(place, slot)
    after = _panel(exhibitor=place.exhibitor)

    assert len(warm) == 0
    assert "All meeting times are taken." in after


def test_meeting_panel_shows_nothing_for_a_business_not_at_the_booth():
    from .factories import ExhibitorFactory

    stand()

    assert _panel(exhibitor=ExhibitorFactory()).strip() == ""


def test_meeting_panel_for_the_agency(place):
    place.slot("13:00", table=place.agency_table)

    assert 'href="/en/meetings/book/agency/"' in _panel(agency=True)


# --- slots set-up --------------------------------------------------------------------------


def test_slots_generate_opening_hours_with_lunch_break():
    expo = ExpoFactory(start_date=datetime.date(2030, 10, 9), end_date=datetime.date(2030, 10, 10))
    booth = BoothFactory(expo=expo, opening_time=datetime.time(10), closing_time=datetime.time(13))
    table = MeetingTableFactory(booth=booth)

    created = services.slots_generate(
        tables=[table],
        length_minutes=30,
        gap_minutes=15,
        breaks=[(datetime.time(11, 30), datetime.time(12, 0))],
    )
    again = services.slots_generate(
        tables=[table],
        length_minutes=30,
        gap_minutes=15,
        breaks=[(datetime.time(11, 30), datetime.time(12, 0))],
    )

    starts = [
        f"{slot.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))):%d %H:%M}"
        for slot in MeetingSlot.objects.order_by("starts_at")
    ]
    assert starts == [
        "09 10:00",
        "09 10:45",
        "09 12:00",
        "10 10:00",
        "10 10:45",
        "10 12:00",
    ]
    assert (created, again) == (6, 0)


def test_slots_generate_refuses_a_day_outside_the_expo_and_a_bad_break():
    table = MeetingTableFactory()

    with pytest.raises(ValidationError) as outside:
        services.slots_generate(tables=[table], days=[datetime.date(2001, 1, 1)])
    with pytest.raises(ValidationError) as backwards:
        services.slots_generate(tables=[table], breaks=[(datetime.time(13), datetime.time(12))])

    assert "is not one of the days of" in outside.value.messages[0]
    assert backwards.value.messages == ["A break must end after it starts: 13:00 to 12:00."]
    assert MeetingSlot.objects.count() == 0


def test_admin_generates_slots_for_selected_tables(client, booth_staff, place):
    client.force_login(booth_staff)
    url = "/en/admin/meetings/meetingtable/generate-slots/"

    page = client.get(f"{url}?tables={place.table.pk}")
    response = client.post(
        url,
        {
            "tables": [place.table.pk],
            "length_minutes": "60",
            "gap_minutes": "0",
            "breaks": "12:00-13:00",
            "days": "",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert MeetingSlot.objects.filter(table=place.table).count() == 7 * 3


def test_admin_generate_slots_bad_break_shows_message(client, booth_staff, place):
    client.force_login(booth_staff)

    response = client.post(
        "/en/admin/meetings/meetingtable/generate-slots/",
        {
            "tables": [place.table.pk],
            "length_minutes": "30",
            "gap_minutes": "0",
            "breaks": "noon",
            "days": "",
        },
    )

    assert response.status_code == 200
    assert "Write each break as start-end, e.g. 12:00-13:00: noon is not." in response.text
    assert MeetingSlot.objects.count() == 0


def test_admin_meeting_pages_and_actions(client, booth_staff, settings, meeting):
    settings.DEMO_MODE = True
    services.meeting_confirm(meeting=meeting, side=Side.HOST)
    client.force_login(booth_staff)

    listing = client.get("/en/admin/meetings/meeting/")
    change = client.get(f"/en/admin/meetings/meeting/{meeting.pk}/change/")
    client.post(
        "/en/admin/meetings/meeting/",
        {"action": "mark_no_show", "_selected_action": [meeting.pk]},
    )

    assert listing.status_code == change.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NO_SHOW


def _meeting_change(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def _meeting_assign(meeting):
    return reverse("admin:meetings_meeting_assign", args=[meeting.pk])


def test_admin_meeting_form_leaves_the_person_in_charge_alone(client, booth_staff, meeting):
    client.force_login(booth_staff)
    data = change_form_data(client, _meeting_change(meeting))
    data.update({"assigned_to": booth_staff.pk, "status": MeetingStatus.CANCELLED, "topic": "Tea"})

    response = client.post(_meeting_change(meeting), data)
    meeting.refresh_from_db()

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (meeting.topic, meeting.assigned_to, meeting.status) == (
        "Tea",
        None,
        MeetingStatus.REQUESTED,
    )
    assert meeting.history.count() == 1


def test_admin_meeting_in_charge_form_records_the_assignee_in_the_history(
    client, booth_staff, meeting
):
    colleague = UserFactory(username="dewi", first_name="Dewi", last_name="Lestari", staff=True)
    client.force_login(booth_staff)

    page = client.get(_meeting_change(meeting)).content.decode()
    response = client.post(_meeting_assign(meeting), {"assignee": colleague.pk}, follow=True)
    again = client.post(_meeting_assign(meeting), {"assignee": colleague.pk}, follow=True)
    meeting.refresh_from_db()
    event = meeting.history.last()

    assert f'action="{_meeting_assign(meeting)}"' in page
    assert response.redirect_chain == [(_meeting_change(meeting), 302)]
    assert "Recorded in the meeting&#x27;s history." in response.content.decode()
    assert meeting.assigned_to == colleague
    assert (event.side, event.actor, event.note) == (
        Side.STAFF,
        booth_staff,
        "In charge: Dewi Lestari.",
    )
    assert "Nothing changed, nothing recorded." in again.content.decode()
    assert meeting.history.count() == 2


@pytest.mark.parametrize("assignee", ["owner", "nobody-such"])
def test_admin_meeting_in_charge_form_refuses_anyone_but_staff(
    client, booth_staff, user, meeting, assignee
):
    client.force_login(booth_staff)

    response = client.post(
        _meeting_assign(meeting),
        {"assignee": user.pk if assignee == "owner" else "nobody-such"},
        follow=True,
    )
    meeting.refresh_from_db()

    assert "Staff member: Choose a staff member from the list." in response.content.decode()
    assert (meeting.assigned_to, meeting.history.count()) == (None, 1)


def test_admin_meeting_in_charge_form_refuses_accounts_without_change_permission(client, meeting):
    viewer = UserFactory(username="viewer", staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)

    page = client.get(_meeting_change(meeting))
    response = client.post(_meeting_assign(meeting), {"assignee": viewer.pk})
    meeting.refresh_from_db()

    assert page.status_code == 200
    assert "assign_form" not in page.context
    assert response.status_code == 403
    assert (meeting.assigned_to, meeting.history.count()) == (None, 1)


# --- the results' counts -------------------------------------------------------------------


def test_meeting_counts_for_the_results(place):
    staff = UserFactory(username="staff", staff=True)
    held = book(place, place.slot("10:00"), email="held@example.com")
    missed = book(place, place.slot("11:00"), email="missed@example.com")
    cancelled = book(place, place.slot("12:00"), email="cancelled@example.com")
    book(place, place.slot("13:00"), email="waiting@example.com")
    next_day = book(place, place.slot("10:00", day=1), email="later@example.com")
    for meeting in (held, missed, next_day):
        services.meeting_confirm(meeting=meeting, side=Side.HOST)
    services.meeting_cancel(meeting=cancelled, side=Side.GUEST)
    after = held.ends_at + datetime.timedelta(hours=4)
    services.meeting_mark_attendance(meeting=held, status="attended", actor=staff, now=after)
    services.meeting_mark_attendance(meeting=missed, status="no_show", actor=staff, now=after)

    first_day = meeting_counts(expo=place.expo, start=place.day, end=place.day)
    whole = meeting_counts(expo=place.expo, start=place.expo.start_date, end=place.expo.end_date)

    assert first_day == {
        "booked": 4,
        "requested": 1,
        "lapsed": 0,
        "confirmed": 0,
        "held": 1,
        "no_show": 1,
        "declined": 0,
        "cancelled": 1,
    }
    assert (whole["booked"], whole["confirmed"]) == (5, 1)
    other = ExpoFactory()
    assert meeting_counts(expo=other, start=other.start_date, end=other.end_date)["booked"] == 0


# --- the demo ------------------------------------------------------------------------------


def test_load_demo_adds_tables_slots_and_meetings_once(settings):
    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = [{"role": "staff", "username": "staff", "password": "Booth-staff-2024"}]
    out = StringIO()

    call_command("load_demo", "--no-images", stdout=out)
    counts = (MeetingTable.objects.count(), MeetingSlot.objects.count(), Meeting.objects.count())
    call_command("load_demo", "--no-images", stdout=StringIO())

    assert counts == (3, 168, 9)
    assert (
        MeetingTable.objects.count(),
        MeetingSlot.objects.count(),
        Meeting.objects.count(),
    ) == counts
    assert "Meeting tables: 3; slots: 168; new meetings: 9." in out.getvalue()
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert statuses == {"requested", "confirmed", "attended", "no_show", "cancelled"}
    assert Meeting.objects.filter(exhibitor__isnull=True).count() == 2
