"""Named reads of meetings: the times a guest may pick, a host's schedule, the day at the
booth, and the counts the results report."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from booths.models import BoothPresence

from .choices import MeetingStatus, TablePurpose
from .models import Meeting, MeetingSlot, local


def past_slots_allowed() -> bool:
    """Only the demo books times that have passed: its expo was in October 2024."""
    return bool(settings.DEMO_MODE)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight of ``day`` in the venue's time."""
    start = datetime.datetime.combine(
        day, datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    return start, start + datetime.timedelta(days=1)


def presence_days(*, expo, exhibitor) -> list[datetime.date]:
    """The days the business stands at a booth of the expo."""
    return sorted(
        set(
            BoothPresence.objects.filter(booth__expo=expo, exhibitor=exhibitor).values_list(
                "day", flat=True
            )
        )
    )


def _busy(exclude_meeting=None, **who):
    """Active meetings of ``who`` that overlap the outer slot."""
    busy = Meeting.objects.active().filter(
        starts_at__lt=OuterRef("ends_at"), ends_at__gt=OuterRef("starts_at"), **who
    )
    if exclude_meeting is not None:
        busy = busy.exclude(pk=exclude_meeting.pk)
    return busy


def offered_slots(*, expo, exhibitor=None, guest=None, exclude_meeting=None, now=None):
    """The slots a guest may pick for a meeting with ``exhibitor`` (or with the agency):
    free, at a table that takes such meetings, ahead of us (any time in the demo), on a
    day the business is at the booth, and when neither the business nor ``guest`` (a
    Buyer or Delegate, when known) has another meeting.

    ``exclude_meeting``: the meeting being moved, which must not count as its own clash.
    Costs two queries with a business, one without, whatever the number of slots.
    """
    slots = MeetingSlot.objects.with_place().filter(table__booth__expo=expo).free()
    if not past_slots_allowed():
        slots = slots.filter(starts_at__gt=now or timezone.now())
    if exhibitor is not None:
        slots = slots.filter(table__purpose__in=[TablePurpose.ANY, TablePurpose.TRADE])
        days = presence_days(expo=expo, exhibitor=exhibitor)
        on_days = Q(pk__in=[])
        for day in days:
            start, end = day_bounds(day)
            on_days |= Q(starts_at__gte=start, starts_at__lt=end)
        slots = slots.filter(on_days)
        slots = slots.exclude(Exists(_busy(exclude_meeting, exhibitor=exhibitor)))
    else:
        slots = slots.filter(table__purpose__in=[TablePurpose.ANY, TablePurpose.AGENCY])
    if guest is not None:
        key = "buyer" if guest._meta.model_name == "buyer" else "delegate"
        slots = slots.exclude(Exists(_busy(exclude_meeting, **{key: guest})))
    return slots.order_by("starts_at", "table__position", "table__name")


@dataclass
class Day:
    day: datetime.date
    slots: list = field(default_factory=list)


def times_by_day(slots) -> list[Day]:
    """One slot per time (the first free table), grouped by day in the venue's time.

    A guest picks a time; which table it is at matters only once it is booked.
    """
    days: dict[datetime.date, Day] = {}
    seen = set()
    for slot in slots:
        key = (slot.starts_at, slot.ends_at)
        if key in seen:
            continue
        seen.add(key)
        day = local(slot.starts_at).date()
        days.setdefault(day, Day(day=day)).slots.append(slot)
    return list(days.values())


def meetings_of_day(*, expo, day: datetime.date):
    start, end = day_bounds(day)
    return (
        Meeting.objects.for_expo(expo)
        .with_parties()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "slot__table__position", "slot__table__name")
    )


def waiting_requests(*, expo):
    """Requests of the expo not answered yet, the longest waiting first."""
    return Meeting.objects.for_expo(expo).with_parties().waiting().order_by("requested_at")


def meeting_counts(*, expo, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """How many meetings of ``expo`` took place between ``start`` and ``end`` (both
    included, by the meeting's day in the venue's time), by outcome, in one query.

    ``held`` are the meetings staff marked as attended, ``no_show`` those where the
    guest did not come; ``booked`` is every meeting that was ever requested;
    ``requested`` the requests still waiting for an answer, ``lapsed`` those nobody
    answered before their time.
    """
    now = timezone.now()
    first, _ = day_bounds(start)
    _, last = day_bounds(end)
    counts = Meeting.objects.for_expo(expo).filter(starts_at__gte=first, starts_at__lt=last)
    result = counts.aggregate(
        booked=Count("pk"),
        requested=Count("pk", filter=Q(status=MeetingStatus.REQUESTED, starts_at__gt=now)),
        lapsed=Count("pk", filter=Q(status=MeetingStatus.REQUESTED, starts_at__lte=now)),
        confirmed=Count("pk", filter=Q(status=MeetingStatus.CONFIRMED)),
        held=Count("pk", filter=Q(status=MeetingStatus.ATTENDED)),
        no_show=Count("pk", filter=Q(status=MeetingStatus.NO_SHOW)),
        declined=Count("pk", filter=Q(status=MeetingStatus.DECLINED)),
        cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED)),
    )
    return result
