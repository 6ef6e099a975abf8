"""The daily digest: per owner, what waits for them; per staff member, the leads assigned
to them that nobody has touched for a week.

``collect`` reads everything in a fixed number of queries, whatever the number of
owners, leads, meetings and deals; ``send_digests`` then queues at most one mail of each
kind per account and day (``DigestSent``), and none when there is nothing to say.

What the owner's digest lists:

- leads: open trade leads of their businesses untouched (no status change, no note) for
  3 days (``buyers.models.FOLLOW_UP_AFTER``);
- meetings to confirm: requests to their businesses that wait for the host's answer and
  have not started;
- deals waiting for an update: agreed (agreement or MoU, purchase order or shipped) but
  not yet paid, and unchanged for DEAL_UPDATE_AFTER (14 days).

Staff escalation: an open lead untouched for ESCALATE_AFTER (7 days) is listed in one
mail to the staff member it is assigned to.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from buyers.models import ExpressionOfInterest
from common.mail import queue_mail
from deals.models import Deal, agreed_q
from meetings.choices import Side
from meetings.models import Meeting

from .models import DigestKind, DigestPreference, DigestSent
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

ESCALATE_AFTER = datetime.timedelta(days=7)
DEAL_UPDATE_AFTER = datetime.timedelta(days=14)


@dataclass
class OwnerDigest:
    user: object
    leads: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    deals: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.leads or self.meetings or self.deals)


@dataclass
class StaffDigest:
    user: object
    leads: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.leads)


def _untouched_since(lead):
    return lead.last_activity_at or lead.created_at


def _mailable(user) -> bool:
    return bool(user is not None and user.is_active and user.email)


def _owners_prefetch(prefix: str) -> Prefetch:
    # Only the accounts that can receive mail: the rest would be dropped anyway.
    from django.contrib.auth import get_user_model

    return Prefetch(
        f"{prefix}owners",
        queryset=get_user_model().objects.filter(is_active=True).exclude(email=""),
    )


def collect(now=None) -> tuple[dict, dict]:
    """The owners' digests and the staff escalations of ``now``, by account id; empty
    digests are left out. At most seven queries, whatever the size of the booth."""
    now = now or timezone.now()
    owners: dict[int, OwnerDigest] = {}
    staff: dict[int, StaffDigest] = {}

    def owner_digest(user):
        return owners.setdefault(user.pk, OwnerDigest(user=user))

    leads = (
        ExpressionOfInterest.objects.trade()
        .needs_follow_up(now)
        .select_related("exhibitor", "buyer", "product", "assigned_to")
        .prefetch_related(_owners_prefetch("exhibitor__"))
        .order_by("last_activity_at", "created_at", "pk")
    )
    escalate_before = now - ESCALATE_AFTER
    for lead in leads:
        lead.untouched_days = (now - _untouched_since(lead)).days
        if lead.exhibitor is not None:
            for user in lead.exhibitor.owners.all():
                owner_digest(user).leads.append(lead)
        assignee = lead.assigned_to
        if _untouched_since(lead) < escalate_before and _mailable(assignee) and assignee.is_staff:
            staff.setdefault(assignee.pk, StaffDigest(user=assignee)).leads.append(lead)

    meetings = (
        Meeting.objects.waiting(now)
        .filter(awaiting=Side.HOST, exhibitor__isnull=False)
        .select_related("exhibitor", "buyer", "delegate")
        .prefetch_related(_owners_prefetch("exhibitor__"))
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        for user in meeting.exhibitor.owners.all():
            owner_digest(user).meetings.append(meeting)

    deals = (
        Deal.objects.filter(agreed_q(), paid_on__isnull=True)
        .filter(updated_at__lt=now - DEAL_UPDATE_AFTER)
        .select_related("lead__exhibitor", "lead__buyer")
        .prefetch_related(_owners_prefetch("lead__exhibitor__"))
        .order_by("updated_at", "pk")
    )
    for deal in deals:
        deal.untouched_days = (now - deal.updated_at).days
        if deal.lead.exhibitor is None:
            continue
        for user in deal.lead.exhibitor.owners.all():
            owner_digest(user).deals.append(deal)

    unsubscribed = set(
        DigestPreference.objects.filter(subscribed=False).values_list("user_id", flat=True)
    )
    owners = {pk: digest for pk, digest in owners.items() if pk not in unsubscribed and digest}
    return owners, staff


def _absolute(path: str) -> str:
    base = settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{path}" if base else path


def _claim(user, kind: str, day, leads: int) -> bool:
    """Record today's mail of ``kind`` for ``user``; False when it was already sent."""
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, kind=kind, day=day, leads=leads)
    except IntegrityError:
        return False
    return True


def send_digests(now=None) -> dict:
    """Queue today's digests and escalations; returns how many of each were queued."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    owners, staff = collect(now)
    already = set(DigestSent.objects.filter(day=day).values_list("user_id", "kind"))
    language = settings.EXPO_NOTIFICATION_LANGUAGE
    # Links in the mail are the template's {% url %} after this (empty: paths only).
    base = settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    counts = {"owners": 0, "staff": 0}
    for digest in owners.values():
        if (digest.user.pk, DigestKind.OWNER) in already:
            continue
        with translation.override(language):
            unsubscribe = _absolute(
                reverse("digest:unsubscribe", args=[unsubscribe_token(digest.user)])
            )
        with transaction.atomic():
            if not _claim(digest.user, DigestKind.OWNER, day, len(digest.leads)):
                continue
            queue_mail(
                to=[digest.user.email],
                template="digest/emails/owner_digest",
                context={
                    "digest": digest,
                    "day": day,
                    "base": base,
                    "unsubscribe_url": unsubscribe,
                },
                language=language,
            )
        counts["owners"] += 1
    for digest in staff.values():
        if (digest.user.pk, DigestKind.STAFF) in already:
            continue
        with transaction.atomic():
            if not _claim(digest.user, DigestKind.STAFF, day, len(digest.leads)):
                continue
            queue_mail(
                to=[digest.user.email],
                template="digest/emails/staff_escalation",
                context={"digest": digest, "day": day, "base": base},
                language=language,
            )
        counts["staff"] += 1
    return counts


def set_subscribed(*, user, subscribed: bool, via: str) -> DigestPreference:
    """Record the owner's choice about the digest, with when and where it was made."""
    preference, _created = DigestPreference.objects.update_or_create(
        user=user,
        defaults={"subscribed": subscribed, "changed_at": timezone.now(), "changed_via": via},
    )
    return preference
