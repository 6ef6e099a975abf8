"""The reminder on the meeting's day, sent once to each side (``send_meeting_reminders``)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import MeetingStatus
from .emails import send_reminder
from .models import Meeting
from .selectors import day_bounds


def due_reminders(now: datetime.datetime):
    """Confirmed meetings later today (venue time) whose reminder has not gone out,
    from EXPO_MEETING_REMINDER_HOUR on."""
    local_now = timezone.localtime(now, timezone.get_default_timezone())
    if local_now.hour < settings.EXPO_MEETING_REMINDER_HOUR:
        return Meeting.objects.none()
    _start, end_of_day = day_bounds(local_now.date())
    return Meeting.objects.filter(
        status=MeetingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lt=end_of_day,
    )


def send_due_reminders(*, base_url: str, now: datetime.datetime | None = None) -> int:
    """Queue the due reminders and mark them sent, in one transaction; returns how many.

    Runs that overlap (a slow cron run and the next one) never send one twice: each
    locks the meetings it sends, and skips those another run has locked.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(due_reminders(now).select_for_update(skip_locked=True).order_by("starts_at"))
        for meeting in due:
            send_reminder(meeting, base_url=base_url)
            meeting.reminder_sent_at = now
            meeting.save(update_fields=["reminder_sent_at", "updated_at"])
    return len(due)
