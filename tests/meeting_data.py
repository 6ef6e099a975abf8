"""A booth with meeting tables at an expo that lies ahead, and valid booking posts."""

import datetime
import uuid
from dataclasses import dataclass

from django.utils import timezone

from .factories import (
    BoothFactory,
    BoothPresenceFactory,
    ExhibitorFactory,
    ExpoFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
)

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


@dataclass
class Stand:
    expo: object
    booth: object
    table: object
    table2: object
    agency_table: object
    exhibitor: object

    @property
    def day(self) -> datetime.date:
        return self.expo.start_date

    def slot(self, clock="10:00", *, table=None, day=0, minutes=30):
        day_date = self.expo.days[day]
        start = at(day_date, clock)
        return MeetingSlotFactory(
            table=table or self.table,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=minutes),
        )


def stand(*, days_ahead: int = 10, exhibitor=None, owners=()) -> Stand:
    """The current expo, starting ``days_ahead`` days from today, three days long; a booth
    open 10:00-18:00 with two tables for businesses and one for the agency; an approved
    MSME standing there every day."""
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    expo = ExpoFactory(current=True, start_date=start, end_date=start + datetime.timedelta(days=2))
    booth = BoothFactory(
        expo=expo, opening_time=datetime.time(10, 0), closing_time=datetime.time(18, 0)
    )
    exhibitor = exhibitor or ExhibitorFactory(owners=list(owners))
    for day in expo.days:
        BoothPresenceFactory(booth=booth, exhibitor=exhibitor, day=day)
    return Stand(
        expo=expo,
        booth=booth,
        table=MeetingTableFactory(booth=booth, name="Table 1", purpose="trade", position=1),
        table2=MeetingTableFactory(booth=booth, name="Table 2", purpose="any", position=2),
        agency_table=MeetingTableFactory(
            booth=booth, name="BP2MI desk", purpose="agency", position=3
        ),
        exhibitor=exhibitor,
    )


def booking_post(slot, /, **changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "slot": str(slot.pk),
        "topic": "Prices for 500 kg of green beans",
        "name": "Aiko Tanaka",
        "email": "aiko@example.jp",
        "company": "Tanaka Trading K.K.",
        "country": "JP",
        "buyer_type": "importer",
        "phone": "+81 90 1234 5678",
        "share_contact": "on",
        "consent": "on",
        "leave_empty": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def agency_post(slot, /, **changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "slot": str(slot.pk),
        "topic": "Placing 20 welders in 2025",
        "name": "Min-jun Park",
        "position": "Labour attaché",
        "institution": "Embassy of the Republic of Korea",
        "delegate_type": "embassy",
        "email": "labour@embassy.example.org",
        "phone": "+82 2 1234 5678",
        "country": "KR",
        "consent": "on",
        "leave_empty": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def trade_contact(email="aiko@example.jp", name="Aiko Tanaka") -> dict:
    return {
        "name": name,
        "email": email,
        "company": "Tanaka Trading K.K.",
        "country": "JP",
        "buyer_type": "importer",
        "phone": "",
    }


def book(stand_: Stand, slot, *, email="aiko@example.jp", exhibitor=None, **kwargs):
    """Book through the service the booking page uses."""
    from meetings import services

    return services.meeting_request(
        idempotency_key=kwargs.pop("idempotency_key", uuid.uuid4()),
        contact=trade_contact(email=email),
        exhibitor=exhibitor or stand_.exhibitor,
        slot=slot,
        topic=kwargs.pop("topic", "Prices for 500 kg of green beans"),
        language=kwargs.pop("language", "en"),
        source="web",
        consent_version="2024-10",
        share_contact=kwargs.pop("share_contact", True),
        base_url="https://expo.example.id",
        **kwargs,
    )
