"""The calendar file (.ics, RFC 5545) sent with meeting mail, written with ``icalendar``.

Times are given in the venue's zone (Asia/Jakarta) with its VTIMEZONE, so every
calendar shows the meeting at the right hour wherever the guest lives. One meeting
keeps one UID; every change raises SEQUENCE, so calendars replace the entry (or drop
it, for a cancellation) instead of adding another.
"""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .choices import MeetingStatus
from .models import Meeting, local


def _uid(meeting: Meeting) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].partition("@")[2] or "expo-portal"
    return f"meeting-{meeting.pk}@{domain}"


def summary(meeting: Meeting, *, for_host: bool) -> str:
    if for_host:
        return _("Meeting with %(guest)s at the BP2MI booth") % {"guest": meeting.guest.name}
    return _("Meeting with %(host)s at the BP2MI booth") % {"host": meeting.host_name}


def location(meeting: Meeting) -> str:
    table = meeting.slot.table
    booth, expo = table.booth, table.booth.expo
    return _("%(table)s, %(booth)s, %(hall)s stand %(stand)s, %(venue)s, %(city)s") % {
        "table": table.name,
        "booth": booth.host,
        "hall": booth.hall,
        "stand": booth.stand_number,
        "venue": expo.venue,
        "city": expo.city,
    }


def meeting_ics(meeting: Meeting, *, language: str, for_host: bool = False, url: str = "") -> bytes:
    """The meeting as an invitation (or, once cancelled or declined, its cancellation)."""
    cancelled = meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.DECLINED)
    # The host sees the guest's address only when the guest agreed to share it; without
    # an attendee the entry is published rather than sent as an invitation.
    with_attendee = not for_host or meeting.share_contact
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//BP2MI//Expo Portal meetings//EN")
        calendar.add("version", "2.0")
        calendar.add(
            "method", "CANCEL" if cancelled else ("REQUEST" if with_attendee else "PUBLISH")
        )

        event = Event()
        event.add("uid", _uid(meeting))
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", local(meeting.starts_at))
        event.add("dtend", local(meeting.ends_at))
        event.add("summary", summary(meeting, for_host=for_host))
        event.add("location", location(meeting))
        lines = [
            _("Topic: %(topic)s") % {"topic": meeting.topic},
            _("Reference: %(reference)s") % {"reference": meeting.reference},
        ]
        if url:
            lines.append(url)
        event.add("description", "\n".join(lines))
        if cancelled:
            event.add("status", "CANCELLED")
        elif meeting.status == MeetingStatus.REQUESTED:
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        if url:
            event.add("url", url)

        name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        organizer = vCalAddress(f"mailto:{address}")
        organizer.params["cn"] = vText(name or "BP2MI")
        event["organizer"] = organizer
        if with_attendee:
            attendee = vCalAddress(f"mailto:{meeting.guest.email}")
            attendee.params["cn"] = vText(meeting.guest.name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            attendee.params["rsvp"] = vText("FALSE")
            event.add("attendee", attendee, encode=0)
        calendar.add_component(event)
        calendar.add_missing_timezones()
    return calendar.to_ical()
