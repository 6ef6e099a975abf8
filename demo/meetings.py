"""Demo tables, slots and meetings for the demo booth, added when ``load_demo`` runs.

Idempotent like the rest of the demo: tables are found by name, slots are only made
where missing, and each demo meeting has a fixed idempotency key. Nothing is mailed.

The demo expo (October 2024) is over, so its meetings are held, missed, confirmed or
waiting in the past; in DEMO_MODE such times can still be booked (see
``meetings.selectors.past_slots_allowed``), so the booking pages stay usable.
"""

import datetime
import uuid

from django.utils import timezone

from meetings.choices import MeetingStatus, Side, TablePurpose
from meetings.models import Meeting, MeetingEvent, MeetingSlot, MeetingTable
from meetings.services import _open_lead, meeting_reference, slots_generate

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "demo-meetings.expo-portal.example")

# English name (the key below), Indonesian name, purpose.
TABLES = [
    ("Table 1", "Meja 1", TablePurpose.TRADE),
    ("Table 2", "Meja 2", TablePurpose.ANY),
    ("BP2MI desk", "Meja BP2MI", TablePurpose.AGENCY),
]
SLOT_MINUTES = 30
LUNCH = (datetime.time(12, 0), datetime.time(13, 0))

# key, day index, start, table, business slug (None: the agency), guest email, status, topic
MEETINGS = [
    (
        "batik-kaori",
        0,
        "10:00",
        "Table 1",
        "batik-tulis-sekar-jagad",
        "kaori.tanaka@example.com",
        MeetingStatus.ATTENDED,
        "Hand-drawn batik scarves for a Tokyo boutique, about 200 pieces",
    ),
    (
        "batik-pieter",
        0,
        "14:00",
        "Table 1",
        "batik-tulis-sekar-jagad",
        "pieter.devries@example.com",
        MeetingStatus.NO_SHOW,
        "Batik fabric by the metre for a Dutch interior brand",
    ),
    (
        "batik-emily",
        1,
        "11:00",
        "Table 1",
        "batik-tulis-sekar-jagad",
        "emily.carter@example.com",
        MeetingStatus.CONFIRMED,
        "Private-label batik shirts for a department store",
    ),
    (
        "batik-omar",
        2,
        "10:30",
        "Table 2",
        "batik-tulis-sekar-jagad",
        "omar.alhashimi@example.com",
        MeetingStatus.REQUESTED,
        "Batik prayer mats: samples and prices",
    ),
    (
        "rotan-liam",
        1,
        "10:00",
        "Table 2",
        "rotan-anyam-cirebon",
        "liam.obrien@example.com",
        MeetingStatus.CONFIRMED,
        "Rattan garden furniture for an Irish retailer, first container",
    ),
    (
        "rotan-jiwon",
        3,
        "15:00",
        "Table 1",
        "rotan-anyam-cirebon",
        "jiwon.kim@example.com",
        MeetingStatus.REQUESTED,
        "Woven rattan lamp shades for cafés in Seoul",
    ),
    (
        "rotan-weiling",
        0,
        "16:00",
        "Table 2",
        "rotan-anyam-cirebon",
        "weiling.lim@example.com",
        MeetingStatus.CANCELLED,
        "Rattan baskets for an online shop",
    ),
    (
        "agency-meihua",
        0,
        "13:00",
        "BP2MI desk",
        None,
        "meihua.chen@example.com",
        MeetingStatus.ATTENDED,
        "Caregivers for elderly homes in Taiwan: requirements and timeline",
    ),
    (
        "agency-hiroshi",
        2,
        "10:00",
        "BP2MI desk",
        None,
        "hiroshi.yamamoto@example.com",
        MeetingStatus.REQUESTED,
        "Welders for shipyards: the specified skilled worker route",
    ),
]


def _at(expo, day_index: int, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(
        expo.days[day_index], datetime.time(hour, minute), tzinfo=timezone.get_default_timezone()
    )


def load_tables(booth) -> dict[str, MeetingTable]:
    tables = {}
    for position, (name, name_ind, purpose) in enumerate(TABLES):
        table, _created = MeetingTable.objects.get_or_create(
            booth=booth,
            name_en=name,
            defaults={"name": name, "name_ind": name_ind, "purpose": purpose, "position": position},
        )
        if not table.name_ind:
            # A demo loaded before the tables had Indonesian names.
            table.name_ind = name_ind
            table.save(update_fields=["name_ind"])
        tables[name] = table
    slots_generate(tables=tables.values(), length_minutes=SLOT_MINUTES, breaks=[LUNCH])
    return tables


def load_meetings(expo, tables, *, exhibitors, buyers, delegates, staff) -> int:
    created = 0
    for key, day, clock, table, business, email, status, topic in MEETINGS:
        idempotency_key = uuid.uuid5(NAMESPACE, key)
        if Meeting.objects.filter(idempotency_key=idempotency_key).exists():
            continue
        exhibitor = exhibitors.get(business) if business else None
        guest = (buyers if business else delegates).get(email)
        if guest is None or (business and exhibitor is None):
            continue
        start = _at(expo, day, clock)
        slot = MeetingSlot.objects.get(table=tables[table], starts_at=start)
        requested_at = start - datetime.timedelta(days=2, hours=day + 3)
        common = {
            "topic": topic,
            "language": guest.language,
            "source": "web",
            "consent_version": guest.consent_version,
        }
        if business:
            parties = {"buyer": guest, "exhibitor": exhibitor}
            lead = _open_lead(parties=parties, expo=expo, share_contact=True, **common)
        else:
            parties = {"delegate": guest}
            lead = _open_lead(parties=parties, expo=expo, **common)
        proposed = key == "rotan-jiwon"
        meeting = Meeting(
            slot=slot,
            lead=lead,
            topic=topic,
            language=guest.language,
            share_contact=True,
            status=status,
            awaiting=(Side.GUEST if proposed else Side.HOST)
            if status == MeetingStatus.REQUESTED
            else "",
            requested_at=requested_at,
            previous_starts_at=start - datetime.timedelta(hours=1) if proposed else None,
            confirmed_at=requested_at + datetime.timedelta(hours=3)
            if status in (MeetingStatus.CONFIRMED, MeetingStatus.ATTENDED, MeetingStatus.NO_SHOW)
            else None,
            cancelled_by=Side.GUEST if status == MeetingStatus.CANCELLED else "",
            guest_will_attend_at=start - datetime.timedelta(hours=3)
            if key in ("rotan-liam", "batik-kaori")
            else None,
            # Staff handled every answered demo meeting; open requests wait for an owner.
            assigned_to=staff if status != MeetingStatus.REQUESTED else None,
            idempotency_key=idempotency_key,
            sequence=1,
            **parties,
        )
        meeting.full_clean(exclude=["reference"])
        meeting.save()
        meeting.reference = meeting_reference(meeting)
        meeting.save(update_fields=["reference"])
        MeetingEvent.objects.create(
            meeting=meeting, side=Side.GUEST, to_status=MeetingStatus.REQUESTED, starts_at=start
        )
        if status != MeetingStatus.REQUESTED:
            MeetingEvent.objects.create(
                meeting=meeting,
                side=Side.STAFF if staff else Side.HOST,
                actor=staff,
                from_status=MeetingStatus.REQUESTED,
                to_status=status,
                starts_at=start,
            )
        created += 1
    return created


def load(booth, *, exhibitors, buyers, delegates, staff) -> str:
    """Add the demo tables, slots and meetings to ``booth``; returns the line to print."""
    tables = load_tables(booth)
    created = load_meetings(
        booth.expo, tables, exhibitors=exhibitors, buyers=buyers, delegates=delegates, staff=staff
    )
    return (
        f"Meeting tables: {len(tables)}; slots: "
        f"{MeetingSlot.objects.filter(table__booth=booth).count()}; new meetings: {created}."
    )
