"""No double booking, ever: against real PostgreSQL, from real threads, and with the
service's checks out of the way, the database itself refuses the second booking."""

import threading

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from buyers.models import Buyer, ExpressionOfInterest
from meetings.choices import MeetingStatus, Side
from meetings.models import Meeting, MeetingSlot

from .concurrency import post_all_at_once
from .factories import (
    BuyerFactory,
    DelegateFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    PlacementLeadFactory,
    ProductFactory,
    TradeLeadFactory,
)
from .meeting_data import at, booking_post, stand

TAKEN = "Someone has just booked this time. Please choose another free time."


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_requests_for_one_slot_one_meeting(generous_limits):
    place = stand()
    slot = place.slot("11:00")
    payloads = [booking_post(slot, email=f"buyer{n}@example.com") for n in range(20)]

    results, errors = post_all_at_once(f"/en/meetings/book/{place.exhibitor.slug}/", payloads)

    assert errors == []
    statuses = sorted(status for status, _body in results)
    assert statuses == [302] + [409] * 19
    assert all(TAKEN in body for status, body in results if status == 409)
    meeting = Meeting.objects.get()
    assert meeting.slot == slot
    # The 19 refused requests left nothing behind: no buyer, no lead.
    assert Buyer.objects.get() == meeting.buyer
    assert ExpressionOfInterest.objects.get() == meeting.lead


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_same_business_two_tables_one_meeting(generous_limits):
    """Ten buyers each for two tables at 11:00: the business can be at only one."""
    place = stand()
    slots = [place.slot("11:00"), place.slot("11:00", table=place.table2)]
    payloads = [booking_post(slots[n % 2], email=f"buyer{n}@example.com") for n in range(20)]

    results, errors = post_all_at_once(f"/en/meetings/book/{place.exhibitor.slug}/", payloads)

    assert errors == []
    assert sorted(status for status, _body in results) == [302] + [409] * 19
    assert Meeting.objects.count() == 1
    refusals = {body for status, body in results if status == 409}
    busy = f"{place.exhibitor.name} already has a meeting at this time."
    assert all(TAKEN in body or busy in body for body in refusals)


# --- the constraints themselves, without the service's checks --------------------------


def insert_all_at_once(rows: list[dict]):
    """Insert meetings straight into the table from 20 threads at once: no service, no
    lock, no check; only the database stands between them."""
    barrier = threading.Barrier(len(rows))
    outcomes: list[str] = []
    lock = threading.Lock()

    def insert(row):
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                Meeting.objects.create(**row)
            outcome = "saved"
        except IntegrityError as error:
            outcome = str(error).split("\n")[0]
        except OperationalError as error:
            # Two inserts that wait for each other: PostgreSQL rolls one back.
            outcome = "deadlock" if "deadlock" in str(error) else str(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=insert, args=(row,)) for row in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _rows(place, slots):
    rows = []
    for n, slot in enumerate(slots):
        buyer = BuyerFactory()
        lead = TradeLeadFactory(
            buyer=buyer,
            product=ProductFactory(exhibitor=place.exhibitor),
            exhibitor=place.exhibitor,
        )
        rows.append(
            {
                "slot": slot,
                "lead": lead,
                "buyer": buyer,
                "exhibitor": place.exhibitor,
                "topic": f"Topic {n}",
                "awaiting": Side.HOST,
                "requested_at": timezone.now(),
            }
        )
    return rows


@pytest.mark.django_db(transaction=True)
def test_database_alone_keeps_one_meeting_per_slot_under_concurrency():
    place = stand()
    slot = place.slot("11:00")

    outcomes = insert_all_at_once(_rows(place, [slot] * 20))

    assert len(outcomes) == 20
    assert outcomes.count("saved") == 1
    assert all(
        outcome == "saved" or outcome == "deadlock" or "meeting_" in outcome for outcome in outcomes
    ), outcomes
    assert Meeting.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_database_alone_keeps_a_business_in_one_place_under_concurrency():
    """Twenty tables' slots at 11:00, one business: one meeting can exist."""
    place = stand()
    tables = [place.table, place.table2] + [
        MeetingTableFactory(booth=place.booth, name=f"Extra {n}") for n in range(18)
    ]
    slots = [place.slot("11:00", table=table) for table in tables]

    outcomes = insert_all_at_once(_rows(place, slots))

    assert outcomes.count("saved") == 1, outcomes
    assert Meeting.objects.count() == 1


def _meeting(slot, *, buyer=None, exhibitor=None, delegate=None, status=MeetingStatus.REQUESTED):
    if delegate is not None:
        lead = PlacementLeadFactory(delegate=delegate)
    else:
        lead = TradeLeadFactory(
            buyer=buyer or BuyerFactory(),
            product=ProductFactory(exhibitor=exhibitor),
            exhibitor=exhibitor,
        )
    return Meeting.objects.create(
        slot=slot,
        lead=lead,
        buyer=buyer,
        delegate=delegate,
        exhibitor=exhibitor,
        topic="Prices",
        status=status,
        awaiting=Side.HOST if status == MeetingStatus.REQUESTED else "",
        requested_at=timezone.now(),
    )


def _refused(constraint: str, create):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        create()
    assert constraint in str(caught.value)


@pytest.mark.django_db
def test_database_refuses_second_active_meeting_in_one_slot():
    place = stand()
    slot = place.slot("10:00")
    _meeting(slot, buyer=BuyerFactory(), exhibitor=place.exhibitor)

    _refused(
        "meeting_one_per_slot",
        lambda: _meeting(slot, buyer=BuyerFactory(), exhibitor=place.exhibitor),
    )


@pytest.mark.django_db
def test_database_lets_a_cancelled_slot_be_booked_again():
    place = stand()
    slot = place.slot("10:00")
    _meeting(slot, buyer=BuyerFactory(), exhibitor=place.exhibitor, status="cancelled")
    _meeting(slot, buyer=BuyerFactory(), exhibitor=place.exhibitor, status="declined")

    _meeting(slot, buyer=BuyerFactory(), exhibitor=place.exhibitor)

    assert Meeting.objects.filter(slot=slot).count() == 3


@pytest.mark.django_db
def test_database_refuses_business_in_two_places_at_once():
    """10:00-10:30 at table 1 and 10:15-10:45 at table 2 overlap by 15 minutes."""
    place = stand()
    _meeting(place.slot("10:00"), buyer=BuyerFactory(), exhibitor=place.exhibitor)
    other_table = place.slot("10:15", table=place.table2)

    _refused(
        "meeting_exhibitor_not_twice",
        lambda: _meeting(other_table, buyer=BuyerFactory(), exhibitor=place.exhibitor),
    )


@pytest.mark.django_db
def test_database_allows_back_to_back_meetings():
    """[10:00, 10:30) and [10:30, 11:00) touch but do not overlap."""
    place = stand()
    buyer = BuyerFactory()
    _meeting(place.slot("10:00"), buyer=buyer, exhibitor=place.exhibitor)

    _meeting(place.slot("10:30", table=place.table2), buyer=buyer, exhibitor=place.exhibitor)

    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_database_refuses_buyer_in_two_places_at_once():
    place = stand()
    other = stand_second_business(place)
    buyer = BuyerFactory()
    _meeting(place.slot("10:00"), buyer=buyer, exhibitor=place.exhibitor)

    _refused(
        "meeting_buyer_not_twice",
        lambda: _meeting(place.slot("10:00", table=place.table2), buyer=buyer, exhibitor=other),
    )


@pytest.mark.django_db
def test_database_refuses_delegate_in_two_places_at_once():
    place = stand()
    delegate = DelegateFactory()
    _meeting(place.slot("13:00", table=place.agency_table), delegate=delegate)

    _refused(
        "meeting_delegate_not_twice",
        lambda: _meeting(place.slot("13:00", table=place.table2), delegate=delegate),
    )


@pytest.mark.django_db
def test_database_refuses_overlapping_slots_at_one_table():
    place = stand()
    place.slot("10:00")

    _refused(
        "meeting_slot_no_overlap",
        lambda: MeetingSlot.objects.create(
            table=place.table,
            starts_at=at(place.day, "10:15"),
            ends_at=at(place.day, "10:45"),
        ),
    )


@pytest.mark.django_db
def test_database_refuses_meeting_without_a_guest():
    place = stand()
    slot = MeetingSlotFactory(
        table=place.table, starts_at=at(place.day, "12:00"), ends_at=at(place.day, "12:30")
    )

    _refused(
        "meeting_guest_matches_host",
        lambda: _meeting(slot, buyer=None, exhibitor=place.exhibitor),
    )


def stand_second_business(place):
    from .factories import BoothPresenceFactory, ExhibitorFactory

    other = ExhibitorFactory()
    BoothPresenceFactory(booth=place.booth, exhibitor=other, day=place.day)
    return other
