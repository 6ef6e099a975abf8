"""Writes of meetings: set up slots, book, confirm, decline, move, cancel, mark attendance.

Every write is atomic and validated. The rules a person can break (a time that has
passed, a business that is not there that day, a time already taken) are checked here
first, for a clear message. Double booking is also refused by the database itself
(``meeting_one_per_slot`` everywhere, the exclusion constraints on PostgreSQL): when two
requests race past the checks, the second insert fails and gets the same clear message.
Mail is queued only after the commit (``transaction.on_commit``), as for leads.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from booths.models import BoothPresence, Exhibitor, Expo
from buyers.choices import LeadKind, LeadStatus
from buyers.models import Buyer, Delegate, ExpressionOfInterest
from buyers.services import contact_upsert, lead_add_note, lead_create
from common.cache import meetings_changed
from common.idempotency import create_once, retryable
from products.models import Product

from . import emails
from .choices import OPEN_STATUSES, MeetingStatus, Side
from .models import Meeting, MeetingEvent, MeetingSlot, MeetingTable, local
from .selectors import past_slots_allowed

# Refusals that mean "someone else got there first": the views answer them with 409.
CONFLICT_CODES = {"slot_taken", "host_busy", "guest_busy"}

# Which message a database refusal stands for, by constraint name.
_CONSTRAINT_CODES = {
    "meeting_one_per_slot": "slot_taken",
    "meeting_exhibitor_not_twice": "host_busy",
    "meeting_buyer_not_twice": "guest_busy",
    "meeting_delegate_not_twice": "guest_busy",
}


def _message(code: str, **params) -> str:
    messages = {
        "slot_taken": _("Someone has just booked this time. Please choose another free time."),
        "host_busy": _("%(host)s already has a meeting at this time. Please choose another time."),
        "guest_busy": _(
            "You already have a meeting at this time. Please choose another time, or "
            "cancel the other meeting first."
        ),
        "slot_past": _("This time has already passed. Please choose a later time."),
        "slot_other_expo": _(
            "This time is not on a day of %(expo)s. Please choose one of the times shown."
        ),
        "slot_outside_hours": _(
            "This time is outside the booth's opening hours (%(open)s to %(close)s). "
            "Please choose one of the times shown."
        ),
        "slot_wrong_table": _(
            "This table is not for this kind of meeting. Please choose one of the times shown."
        ),
        "host_absent": _("%(host)s is not at the booth on %(day)s. Please choose another day."),
        "not_on_show": _("This business is not on show, so it cannot take meetings."),
        "no_expo": _("There is no expo to book a meeting at."),
    }
    return messages[code] % params if params else messages[code]


def _refuse(code: str, field: str = "slot", **params):
    raise ValidationError({field: ValidationError(_message(code, **params), code=code)})


def _code_of(error: IntegrityError) -> str | None:
    """The refusal an IntegrityError stands for, if it is one of our double-booking rules."""
    diag = getattr(getattr(error, "__cause__", None), "diag", None)
    name = getattr(diag, "constraint_name", None) or ""
    text = f"{name} {error}"
    for constraint, code in _CONSTRAINT_CODES.items():
        if constraint in text:
            return code
    return None


def _staff_language():
    return translation.override(settings.EXPO_NOTIFICATION_LANGUAGE)


def _when(moment: datetime.datetime) -> str:
    """The time in the venue's zone, e.g. 9 October 2024 10:00, in the active language."""
    start = local(moment)
    return f"{date_format(start.date(), 'DATE_FORMAT')} {time_format(start.time(), 'H:i')}"


# --- setting up tables and slots -------------------------------------------------------


def _parse_breaks(breaks: Iterable[tuple[datetime.time, datetime.time]]):
    result = []
    for start, end in breaks:
        if end <= start:
            raise ValidationError(
                {
                    "breaks": _("A break must end after it starts: %(start)s to %(end)s.")
                    % {"start": time_format(start, "H:i"), "end": time_format(end, "H:i")}
                }
            )
        result.append((start, end))
    return sorted(result)


@transaction.atomic
def slots_generate(
    *,
    tables: Iterable[MeetingTable],
    days: Iterable[datetime.date] | None = None,
    length_minutes: int = 30,
    gap_minutes: int = 0,
    breaks: Iterable[tuple[datetime.time, datetime.time]] = (),
) -> int:
    """Make the slots of ``tables`` for the expo's days (or ``days``): from the booth's
    opening to its closing time, ``length_minutes`` long with ``gap_minutes`` between
    them, none overlapping a break (venue time). Slots that exist already are kept, so
    running it twice adds nothing. Returns how many slots were made.
    """
    if not 5 <= length_minutes <= 240:
        raise ValidationError({"length_minutes": _("A slot lasts from 5 to 240 minutes.")})
    if not 0 <= gap_minutes <= 120:
        raise ValidationError({"gap_minutes": _("The gap between slots is 0 to 120 minutes.")})
    breaks = _parse_breaks(breaks)
    days = list(days) if days is not None else None
    zone = timezone.get_default_timezone()
    length = datetime.timedelta(minutes=length_minutes)
    step = length + datetime.timedelta(minutes=gap_minutes)
    created = 0
    for table in tables:
        booth = table.booth
        expo = booth.expo
        wanted = days if days is not None else expo.days
        for day in wanted:
            if not expo.start_date <= day <= expo.end_date:
                raise ValidationError(
                    {
                        "days": _("%(day)s is not one of the days of %(expo)s.")
                        % {"day": day, "expo": expo}
                    }
                )
            existing = set(
                MeetingSlot.objects.filter(table=table)
                .on_day(day)
                .values_list("starts_at", "ends_at")
            )
            moment = datetime.datetime.combine(day, booth.opening_time, tzinfo=zone)
            closing = datetime.datetime.combine(day, booth.closing_time, tzinfo=zone)
            while moment + length <= closing:
                end = moment + length
                clash = next(
                    (b for b in breaks if moment.time() < b[1] and end.time() > b[0]),
                    None,
                )
                if clash is not None:
                    moment = datetime.datetime.combine(day, clash[1], tzinfo=zone)
                    continue
                if (moment, end) not in existing:
                    if any(s < end and e > moment for s, e in existing):
                        raise ValidationError(
                            {
                                "tables": _(
                                    "%(table)s already has slots of another length on %(day)s. "
                                    "Delete them first, or keep the same length."
                                )
                                % {"table": table.name, "day": day}
                            }
                        )
                    slot = MeetingSlot(table=table, starts_at=moment, ends_at=end)
                    slot.full_clean()
                    slot.save()
                    created += 1
                moment += step
    if created:
        meetings_changed()
    return created


# --- booking -----------------------------------------------------------------------------


def check_slot(
    *,
    slot: MeetingSlot,
    expo: Expo,
    exhibitor: Exhibitor | None,
    guest=None,
    meeting: Meeting | None = None,
    now: datetime.datetime | None = None,
) -> None:
    """Refuse, with a clear message, a slot that cannot hold this meeting."""
    now = now or timezone.now()
    booth = slot.table.booth
    day = slot.day
    if booth.expo_id != expo.pk or not (expo.start_date <= day <= expo.end_date):
        _refuse("slot_other_expo", expo=expo)
    if slot.place_errors():
        _refuse(
            "slot_outside_hours",
            open=time_format(booth.opening_time, "H:i"),
            close=time_format(booth.closing_time, "H:i"),
        )
    if slot.starts_at <= now and not past_slots_allowed():
        _refuse("slot_past")
    if exhibitor is not None:
        if not slot.table.takes_trade:
            _refuse("slot_wrong_table")
        if not BoothPresence.objects.filter(booth=booth, exhibitor=exhibitor, day=day).exists():
            _refuse("host_absent", host=exhibitor.name, day=date_format(day, "DATE_FORMAT"))
    elif not slot.table.takes_agency:
        _refuse("slot_wrong_table")

    others = Meeting.objects.active()
    if meeting is not None:
        others = others.exclude(pk=meeting.pk)
    if others.filter(slot=slot).exists():
        _refuse("slot_taken")
    clashing = others.overlapping(slot.starts_at, slot.ends_at)
    if exhibitor is not None and clashing.filter(exhibitor=exhibitor).exists():
        _refuse("host_busy", host=exhibitor.name)
    if guest is not None:
        key = "buyer" if isinstance(guest, Buyer) else "delegate"
        if clashing.filter(**{key: guest}).exists():
            _refuse("guest_busy")


def _record(meeting, *, side, actor=None, from_status="", note=""):
    """Every write to a meeting goes through here: its history, and the free times
    shown on the public pages (``common.cache``)."""
    meetings_changed()
    MeetingEvent.objects.create(
        meeting=meeting,
        side=side,
        actor=actor,
        from_status=from_status,
        to_status=meeting.status if meeting.status != from_status else "",
        starts_at=meeting.starts_at,
        note=note,
    )


def _lead_note(meeting, note: str, actor=None):
    lead_add_note(lead=meeting.lead, note=note, actor=actor)


def meeting_reference(meeting: Meeting) -> str:
    """E.g. MTG-24-00042, from the primary key, so concurrent bookings never share one."""
    year = local(meeting.created_at).strftime("%y")
    return f"MTG-{year}-{meeting.pk:05d}"


def _open_lead(*, parties: dict, expo, topic: str, **fields):
    """The guest's open lead (a buyer's with this business, a delegate's with the agency)
    at this expo, or not tied to an expo as the web forms send them; else a new one: a
    meeting is part of the guest's lead, never a lead of its own beside it."""
    kind = LeadKind.TRADE if "buyer" in parties else LeadKind.PLACEMENT
    lead = (
        ExpressionOfInterest.objects.filter(Q(expo=expo) | Q(expo__isnull=True), kind=kind)
        .filter(**parties)
        .exclude(status__in=[LeadStatus.LOST, LeadStatus.SPAM])
        .order_by("-created_at")
        .first()
    )
    if lead is not None:
        return lead
    return lead_create(kind=kind, expo=expo, message=topic, **parties, **fields)


def _lock_place(*, slot: MeetingSlot, exhibitor: Exhibitor | None) -> None:
    """Take the business's row, then the slot's, for the rest of the transaction.

    Requests for the same business or the same slot then run one after the other, so
    that the second sees the first and gets a clear refusal from ``check_slot``. The
    constraints do not rely on this: it only spares the database's refusals (and its
    deadlock detector) most of the work. The order is always business, then slot.
    """
    if exhibitor is not None:
        list(Exhibitor.objects.select_for_update().filter(pk=exhibitor.pk).values("pk"))
    list(MeetingSlot.objects.select_for_update().filter(pk=slot.pk).values("pk"))


def _book(*, idempotency_key, create, admit, base_url: str, exhibitor=None) -> Meeting:
    """Run ``create`` once for this form (``common.idempotency.create_once``); turn a
    database refusal into the same clear message the checks give; queue the mail."""

    def find():
        return Meeting.objects.filter(idempotency_key=idempotency_key).first()

    def notify(meeting):
        emails.notify(meeting_id=meeting.pk, event="requested", base_url=base_url)

    try:
        meeting, _created = create_once(find=find, create=create, admit=admit, notify=notify)
    except IntegrityError as error:
        code = _code_of(error)
        if code is None:
            raise
        # Everything the request wrote (guest, lead, meeting) is rolled back.
        _refuse(code, host=exhibitor.name if exhibitor else "")
    except OperationalError as error:
        if not retryable(error):
            raise
        raise ValidationError(
            _("Many people are booking right now. Please send the form again."), code="busy"
        ) from error
    return meeting


def _create_meeting(
    *, slot, lead, topic, language, share_contact, idempotency_key, now, **parties
) -> Meeting:
    meeting = Meeting(
        slot=slot,
        lead=lead,
        topic=topic,
        language=language,
        share_contact=share_contact,
        status=MeetingStatus.REQUESTED,
        awaiting=Side.HOST,
        requested_at=now,
        idempotency_key=idempotency_key,
        # The lead's staff member owns its meetings too, when it has one.
        assigned_to=lead.assigned_to if lead.assigned_to and lead.assigned_to.is_staff else None,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        **parties,
    )
    # The double-booking constraints are checked above (under the locks) and enforced by
    # the database on save; validating them here again would only race the same way.
    meeting.full_clean(exclude=["reference", "lead"], validate_constraints=False)
    meeting.save()
    meeting.reference = meeting_reference(meeting)
    meeting.save(update_fields=["reference"])
    _record(meeting, side=Side.GUEST)
    with _staff_language():
        _lead_note(
            meeting,
            _("Meeting %(reference)s requested for %(when)s at %(table)s: %(topic)s")
            % {
                "reference": meeting.reference,
                "when": _when(meeting.starts_at),
                "table": slot.table.name,
                "topic": topic,
            },
        )
    return meeting


def meeting_request(
    *,
    idempotency_key: uuid.UUID,
    contact: dict,
    slot: MeetingSlot,
    topic: str,
    language: str,
    source: str,
    consent_version: str,
    exhibitor: Exhibitor | None = None,
    product: Product | None = None,
    share_contact: bool = False,
    expo: Expo | None = None,
    now: datetime.datetime | None = None,
    base_url: str = "",
    admit=None,
) -> Meeting:
    """Ask for a meeting at the booth, in ``slot``, about ``topic``: a buyer with the MSME
    ``exhibitor``, or (no ``exhibitor``) a delegate or employer with the agency.

    ``contact`` holds the buyer's fields (name, email, company, phone, country,
    buyer_type) or the delegate's (name, email, phone, country, institution,
    delegate_type, position). The meeting joins the guest's open lead (or starts one)
    and waits for the host (or staff) to confirm it. A delegate's details always go to
    the agency. Sending the same form twice (same ``idempotency_key``) gives the first
    meeting back; ``admit`` is called before a new one is made.
    """
    now = now or timezone.now()
    guest_model = Buyer if exhibitor is not None else Delegate

    def create():
        nonlocal expo, product
        expo = expo or Expo.objects.current()
        if expo is None:
            _refuse("no_expo", field="__all__")
        if exhibitor is not None:
            if not Exhibitor.objects.approved().filter(pk=exhibitor.pk).exists():
                _refuse("not_on_show", field="__all__")
            if (
                product is not None
                and not Product.objects.published()
                .filter(pk=product.pk, exhibitor=exhibitor)
                .exists()
            ):
                product = None
        # A first look before any lock: a clear answer at once for a time that cannot work.
        check_slot(slot=slot, expo=expo, exhibitor=exhibitor, now=now)
        _lock_place(slot=slot, exhibitor=exhibitor)
        email = contact.get("email", "").strip()
        known = guest_model.objects.filter(email__iexact=email).first()
        # Again under the locks: what another request booked meanwhile is seen now.
        check_slot(slot=slot, expo=expo, exhibitor=exhibitor, guest=known, now=now)
        guest = contact_upsert(
            model=guest_model,
            language=language,
            consent_version=consent_version,
            consented_at=now,
            **contact,
        )
        # Only a buyer chooses whether the business may see their details, on this lead
        # and this meeting: what the buyer chose for other leads stays as it was.
        if exhibitor is not None:
            parties = {"buyer": guest, "exhibitor": exhibitor}
            about = {"product": product, "share_contact": share_contact}
        else:
            parties, about = {"delegate": guest}, {}
        lead = _open_lead(
            parties=parties,
            expo=expo,
            topic=topic,
            language=language,
            source=source,
            consent_version=consent_version,
            **about,
        )
        return _create_meeting(
            slot=slot,
            lead=lead,
            topic=topic,
            language=language,
            share_contact=share_contact if exhibitor is not None else True,
            idempotency_key=idempotency_key,
            now=now,
            **parties,
        )

    return _book(
        idempotency_key=idempotency_key,
        create=create,
        admit=admit,
        base_url=base_url,
        exhibitor=exhibitor,
    )


# --- answering, moving, cancelling ------------------------------------------------------


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _closed_error(meeting: Meeting, doing: str):
    """The message for acting on a meeting that is no longer open."""
    if meeting.status == MeetingStatus.CANCELLED:
        text = _(
            "This meeting was cancelled, so it cannot be %(doing)s. A new time can be booked "
            "instead."
        )
    elif meeting.status == MeetingStatus.DECLINED:
        text = _(
            "This meeting was declined, so it cannot be %(doing)s. A new time can be booked "
            "instead."
        )
    else:
        text = _("This meeting has already taken place, so it cannot be %(doing)s.")
    raise ValidationError(text % {"doing": doing}, code=f"closed_{meeting.status}")


def _notify(meeting: Meeting, event: str, *, side: str, base_url: str):
    meeting_id = meeting.pk
    transaction.on_commit(
        lambda: emails.notify(meeting_id=meeting_id, event=event, side=side, base_url=base_url),
        robust=True,
    )


@transaction.atomic
def meeting_confirm(
    *,
    meeting: Meeting,
    side: str,
    actor=None,
    now: datetime.datetime | None = None,
    base_url: str = "",
) -> Meeting:
    """Confirm a requested meeting: the host (or staff) answers a guest's request, or the
    guest accepts the time the host proposed. Both sides get an invitation (.ics).

    The first staff member who confirms becomes the meeting's owner at the agency when
    it has none yet. Confirming a confirmed meeting again changes nothing.
    """
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CONFIRMED:
        return meeting
    if meeting.status != MeetingStatus.REQUESTED:
        _closed_error(meeting, _("confirmed"))
    if side == Side.GUEST and meeting.awaiting != Side.GUEST:
        raise ValidationError(
            _("The host has not answered your request yet. You will get an email when they do."),
            code="waiting_for_host",
        )
    if side == Side.HOST and meeting.awaiting != Side.HOST:
        raise ValidationError(
            _("This time was proposed to the guest: it is theirs to accept."),
            code="waiting_for_guest",
        )
    if meeting.starts_at <= now and not past_slots_allowed():
        raise ValidationError(
            _("The time of this meeting has passed, so it can no longer be confirmed."),
            code="slot_past",
        )
    previous = meeting.status
    meeting.status = MeetingStatus.CONFIRMED
    meeting.awaiting = ""
    meeting.confirmed_at = now
    meeting.sequence += 1
    if side == Side.STAFF and meeting.assigned_to_id is None and actor is not None:
        meeting.assigned_to = actor
    meeting.full_clean(exclude=["lead"], validate_constraints=False)
    meeting.save()
    _record(meeting, side=side, actor=actor, from_status=previous)
    with _staff_language():
        _lead_note(
            meeting,
            _("Meeting %(reference)s confirmed for %(when)s.")
            % {"reference": meeting.reference, "when": _when(meeting.starts_at)},
            actor=actor,
        )
    _notify(meeting, "confirmed", side=side, base_url=base_url)
    return meeting


@transaction.atomic
def meeting_decline(
    *, meeting: Meeting, side: str, actor=None, reason: str = "", base_url: str = ""
) -> Meeting:
    """The host (or staff) turns a request down; the guest is told, with the reason."""
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.DECLINED:
        return meeting
    if meeting.status != MeetingStatus.REQUESTED:
        _closed_error(meeting, _("declined"))
    if side == Side.GUEST:
        raise ValidationError(_("Only the host can decline a meeting."), code="not_host")
    if side == Side.HOST and meeting.awaiting != Side.HOST:
        raise ValidationError(
            _("This time was proposed to the guest. Cancel the meeting instead, if need be."),
            code="waiting_for_guest",
        )
    previous = meeting.status
    meeting.status = MeetingStatus.DECLINED
    meeting.awaiting = ""
    meeting.sequence += 1
    meeting.save()
    _record(meeting, side=side, actor=actor, from_status=previous, note=reason[:500])
    with _staff_language():
        _lead_note(
            meeting,
            _("Meeting %(reference)s declined.") % {"reference": meeting.reference}
            + (f" {reason}" if reason else ""),
            actor=actor,
        )
    _notify(meeting, "declined", side=side, base_url=base_url)
    return meeting


@transaction.atomic
def meeting_cancel(
    *,
    meeting: Meeting,
    side: str,
    actor=None,
    reason: str = "",
    now: datetime.datetime | None = None,
    base_url: str = "",
) -> Meeting:
    """Either side (or staff) calls a meeting off; its slot is free for others at once and
    the other side is told (with a calendar cancellation)."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    if meeting.status not in OPEN_STATUSES:
        _closed_error(meeting, _("cancelled"))
    if meeting.ends_at <= now and not past_slots_allowed():
        raise ValidationError(
            _("This meeting is over, so it cannot be cancelled any more."), code="slot_past"
        )
    previous = meeting.status
    meeting.status = MeetingStatus.CANCELLED
    meeting.awaiting = ""
    meeting.cancelled_by = side
    meeting.sequence += 1
    meeting.save()
    _record(meeting, side=side, actor=actor, from_status=previous, note=reason[:500])
    with _staff_language():
        texts = {
            Side.GUEST: _("Meeting %(reference)s for %(when)s cancelled by the guest."),
            Side.HOST: _("Meeting %(reference)s for %(when)s cancelled by the host."),
        }
        text = texts.get(side, _("Meeting %(reference)s for %(when)s cancelled by BP2MI staff."))
        _lead_note(
            meeting,
            text % {"reference": meeting.reference, "when": _when(meeting.starts_at)}
            + (f" {reason}" if reason else ""),
            actor=actor,
        )
    _notify(meeting, "cancelled", side=side, base_url=base_url)
    return meeting


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    slot: MeetingSlot,
    side: str,
    actor=None,
    now: datetime.datetime | None = None,
    base_url: str = "",
) -> Meeting:
    """Move a meeting to another slot, or (from the host) propose another time.

    The new slot is held at once and the old one freed; the meeting then waits for the
    other side to accept the new time (a guest's move waits for the host, a host's or
    staff member's move for the guest).
    """
    now = now or timezone.now()
    # The same lock order as a booking (business, slot), then the meeting itself.
    _lock_place(slot=slot, exhibitor=meeting.exhibitor)
    meeting = _locked(meeting)
    if meeting.status not in OPEN_STATUSES:
        _closed_error(meeting, _("moved"))
    if slot.pk == meeting.slot_id:
        _refuse("slot_taken")
    expo = meeting.slot.table.booth.expo
    exhibitor = meeting.exhibitor
    check_slot(
        slot=slot, expo=expo, exhibitor=exhibitor, guest=meeting.guest, meeting=meeting, now=now
    )
    previous_status = meeting.status
    meeting.previous_starts_at = meeting.starts_at
    meeting.slot = slot
    meeting.status = MeetingStatus.REQUESTED
    meeting.awaiting = Side.HOST if side == Side.GUEST else Side.GUEST
    meeting.requested_at = now
    meeting.confirmed_at = None
    meeting.guest_will_attend_at = None
    meeting.reminder_sent_at = None
    meeting.sequence += 1
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:
        code = _code_of(error)
        if code is None:
            raise
        host = exhibitor.name if exhibitor else ""
        raise ValidationError(
            {"slot": ValidationError(_message(code, host=host), code=code)}
        ) from None
    _record(
        meeting,
        side=side,
        actor=actor,
        from_status=previous_status,
        note=_("Moved from %(when)s.") % {"when": _when(meeting.previous_starts_at)},
    )
    with _staff_language():
        _lead_note(
            meeting,
            _("Meeting %(reference)s moved to %(when)s at %(table)s.")
            % {
                "reference": meeting.reference,
                "when": _when(meeting.starts_at),
                "table": slot.table.name,
            },
            actor=actor,
        )
    _notify(meeting, "moved", side=side, base_url=base_url)
    return meeting


@transaction.atomic
def meeting_guest_will_attend(*, meeting: Meeting, now: datetime.datetime | None = None):
    """The guest's "I'll be there" from the reminder."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.CONFIRMED:
        if meeting.status == MeetingStatus.REQUESTED:
            raise ValidationError(
                _("This meeting is not confirmed yet, so there is nothing to attend yet."),
                code="not_confirmed",
            )
        _closed_error(meeting, _("attended"))
    if meeting.guest_will_attend_at is None:
        meeting.guest_will_attend_at = now
        meeting.save(update_fields=["guest_will_attend_at", "updated_at"])
        _record(meeting, side=Side.GUEST, note=_("The guest will be there."))
    return meeting


@transaction.atomic
def meeting_mark_attendance(
    *, meeting: Meeting, status: str, actor, now: datetime.datetime | None = None
) -> Meeting:
    """Staff record whether a meeting took place (held) or the guest did not come.

    Only once the meeting has started (any time in the demo); a wrong mark can be
    corrected. The staff member who marks it owns it when nobody did.
    """
    now = now or timezone.now()
    if status not in (MeetingStatus.ATTENDED, MeetingStatus.NO_SHOW):
        raise ValidationError(_("Mark a meeting as held or as a no-show."), code="bad_status")
    meeting = _locked(meeting)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.DECLINED):
        raise ValidationError(
            _(
                "This meeting was cancelled or declined, so it cannot be marked as held or "
                "as a no-show."
            ),
            code=f"closed_{meeting.status}",
        )
    if meeting.starts_at > now and not past_slots_allowed():
        raise ValidationError(
            _("This meeting has not started yet. Mark it once it has begun."), code="not_started"
        )
    if meeting.status == status:
        return meeting
    previous = meeting.status
    meeting.status = status
    meeting.awaiting = ""
    if meeting.assigned_to_id is None and actor is not None and actor.is_staff:
        meeting.assigned_to = actor
    meeting.save()
    _record(meeting, side=Side.STAFF, actor=actor, from_status=previous)
    with _staff_language():
        text = (
            _("Meeting %(reference)s was held.")
            if status == MeetingStatus.ATTENDED
            else _("The guest did not come to meeting %(reference)s.")
        )
        _lead_note(meeting, text % {"reference": meeting.reference}, actor=actor)
    return meeting


@transaction.atomic
def meeting_assign(*, meeting: Meeting, assignee, actor=None) -> Meeting:
    """Give a meeting to a staff member of the agency (or take it back with None)."""
    meeting = _locked(meeting)
    if assignee is not None and not assignee.is_staff:
        raise ValidationError(
            _("Only BP2MI staff can be in charge of a meeting."), code="not_staff"
        )
    if meeting.assigned_to_id == (assignee.pk if assignee else None):
        return meeting
    meeting.assigned_to = assignee
    meeting.save(update_fields=["assigned_to", "updated_at"])
    with _staff_language():
        note = (
            _("In charge: %(name)s.")
            % {"name": assignee.get_full_name() or assignee.get_username()}
            if assignee
            else _("Nobody in charge any more.")
        )
    _record(meeting, side=Side.STAFF, actor=actor, note=note)
    return meeting
