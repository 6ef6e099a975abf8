"""Mail about meetings, to the guest and to the host, with the calendar file attached.

Sent the way the lead mail is (``buyers.emails``): rendered here from templates (plain
text and simple HTML), stored in django-post-office's queue and delivered by
``manage.py send_queued_mail``. It only runs after the meeting is committed. The guest
reads it in their own language, hosts and staff in EXPO_NOTIFICATION_LANGUAGE.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from booths.emails import owner_addresses
from buyers.models import follow_up_mail_allowed
from common.mail import queue_mail

from .choices import Side
from .ics import meeting_ics
from .models import Meeting, local
from .tokens import absolute, guest_path

logger = logging.getLogger(__name__)


def _safely(**kwargs) -> None:
    # One bad address must not stop the other side's message.
    try:
        # In a savepoint: a failure must not break the transaction of a reminder run.
        with transaction.atomic():
            queue_mail(**kwargs)
    except Exception:
        logger.exception(
            "Could not queue %s mail to %s recipients",
            kwargs.get("template"),
            len(kwargs.get("to") or []),
        )


def host_addresses(meeting: Meeting) -> list[str]:
    """Who answers for the host: the business's owners, or the agency's staff; and the
    staff member in charge of the meeting, if any."""
    if meeting.exhibitor_id:
        addresses = owner_addresses(meeting.exhibitor)
    else:
        addresses = list(settings.STAFF_NOTIFICATION_EMAILS)
    if meeting.assigned_to_id and meeting.assigned_to.email:
        addresses.append(meeting.assigned_to.email)
    return addresses


def host_path(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        if meeting.exhibitor_id:
            return reverse("meetings:owner-schedule")
        return f"{reverse('meetings:staff-day')}?day={local(meeting.starts_at).date():%Y-%m-%d}"


def _context(meeting: Meeting, *, role: str, language: str, base_url: str) -> dict:
    guest = role == "guest"
    if guest:
        url = absolute(base_url, guest_path(meeting, language=language))
    else:
        url = absolute(base_url, host_path(meeting, language))
    return {
        "meeting": meeting,
        "role": role,
        "for_guest": guest,
        "guest": meeting.guest,
        "host_name": meeting.host_name,
        "table": meeting.slot.table,
        "booth": meeting.slot.table.booth,
        "expo": meeting.slot.table.booth.expo,
        "starts": local(meeting.starts_at),
        "ends": local(meeting.ends_at),
        "previous": local(meeting.previous_starts_at) if meeting.previous_starts_at else None,
        "url": url,
        "attend_url": absolute(base_url, guest_path(meeting, language=language, action="attend"))
        if guest
        else "",
        "cancel_url": absolute(base_url, guest_path(meeting, language=language, action="cancel"))
        if guest
        else "",
    }


def _send(meeting, *, role: str, template: str, base_url: str, ics: bool) -> None:
    if role == "guest":
        language, to, reply_to = meeting.language, [meeting.guest.email], ""
    else:
        language = settings.EXPO_NOTIFICATION_LANGUAGE
        to = host_addresses(meeting)
        reply_to = meeting.guest.email if meeting.share_contact else ""
    context = _context(meeting, role=role, language=language, base_url=base_url)
    calendar = (
        meeting_ics(meeting, language=language, for_host=role == "host", url=context["url"])
        if ics
        else None
    )
    _safely(
        to=to,
        template=f"meetings/emails/{template}",
        context=context,
        language=language,
        reply_to=reply_to,
        attachments={"meeting.ics": (calendar, "text/calendar")} if calendar else None,
    )


def _other_sides(side: str) -> tuple[str, ...]:
    """Who is told of a change: the other side; both when staff made it."""
    if side == Side.GUEST:
        return ("host",)
    if side == Side.HOST:
        return ("guest",)
    return ("guest", "host")


def notify(*, meeting_id: int, event: str, side: str = Side.GUEST, base_url: str = "") -> None:
    """Queue the mail for one step of a meeting.

    requested: the guest (acknowledged, no invitation yet) and the host (please answer).
    confirmed: both, with the invitation. declined: the guest. moved: whoever must now
    accept the new time, with a tentative entry. cancelled: the other side, with the
    calendar cancellation.
    """
    meeting = (
        Meeting.objects.with_parties()
        .prefetch_related("exhibitor__owners")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return
    if event == "requested":
        _send(meeting, role="guest", template="requested", base_url=base_url, ics=False)
        _send(meeting, role="host", template="requested", base_url=base_url, ics=False)
    elif event == "confirmed":
        for role in ("guest", "host"):
            _send(meeting, role=role, template="confirmed", base_url=base_url, ics=True)
    elif event == "declined":
        _send(meeting, role="guest", template="declined", base_url=base_url, ics=False)
    elif event == "moved":
        for role in _other_sides(side):
            _send(meeting, role=role, template="moved", base_url=base_url, ics=True)
    elif event == "cancelled":
        for role in _other_sides(side):
            _send(meeting, role=role, template="cancelled", base_url=base_url, ics=True)
    else:
        raise ValueError(f"Unknown meeting event {event!r}")


def send_reminder(meeting: Meeting, *, base_url: str) -> None:
    """The reminder on the day, to both sides; the guest's has the one-click
    "I'll be there" and "cancel" links."""
    roles = ["host"]
    # A guest who withdrew consent gets no follow-up mail (UU PDP); the host still needs it.
    if follow_up_mail_allowed(meeting.guest.email):
        roles.insert(0, "guest")
    for role in roles:
        _send(meeting, role=role, template="reminder", base_url=base_url, ics=False)
