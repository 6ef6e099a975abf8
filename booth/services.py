"""Writes of the booth floor: a capture becomes leads through the public forms' lead services."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from buyers.choices import LeadSource
from buyers.emails import notify_sent
from buyers.services import Sent, inquiry_list_send, placement_inquiry_send

from .models import CaptureMail, Device

# Captures whose mail one pass of ``capture_mail_write`` writes in one transaction.
MAIL_BATCH = 100


def capture_send(*, capture: dict, user, received_at=None) -> Sent:
    """Store one visitor captured at the stand: a buyer's interest (one lead per business,
    under one reference) or a delegate's placement inquiry.

    ``capture`` is what ``CaptureForm.capture()`` returns. The visitor consented on the
    device when it captured them; a device clock ahead of ours counts as now. The
    capture's UUID makes a resend (a retry, a second tab) return what the first made.
    """
    received_at = received_at or timezone.now()
    captured_at = min(capture["captured_at"] or received_at, received_at)
    common = {
        "idempotency_key": capture["idempotency_key"],
        "language": capture["language"],
        "source": LeadSource.BOOTH_STAFF,
        "consent_version": capture["consent_version"],
        "consented_at": captured_at,
        "actor": user,
        "captured_by": user,
        "captured_at": captured_at,
        "received_at": received_at,
        "rating": capture["rating"],
        "assigned_to": capture["assigned_to"],
        "message": capture["notes"],
        # Two captures of one visitor are the staff's call (and a device's queue cannot
        # stop to ask): only the public forms ask before sending the same inquiry again.
        "send_again": True,
        "mail_later": None if _mail_at_once() else _owe_mail,
    }
    if capture["delegate_type"]:
        contact = {
            **capture["contact"],
            "institution": capture["company"],
            "delegate_type": capture["delegate_type"],
        }
        return placement_inquiry_send(contact=contact, **common)
    contact = {
        **capture["contact"],
        "company": capture["company"],
        "buyer_type": capture["buyer_type"],
    }
    return inquiry_list_send(
        contact=contact,
        items=capture["items"],
        exhibitors=capture["exhibitors"],
        share_contact=capture["share_contact"],
        target_price=capture["target_price"],
        currency=capture["currency"],
        **common,
    )


def _mail_at_once() -> bool:
    # Where mail is sent at once (the demo: EXPO_MAIL_PRIORITY=now), it is written at once.
    return settings.POST_OFFICE.get("DEFAULT_PRIORITY") == "now"


def _owe_mail(sent: Sent) -> None:
    CaptureMail.objects.create(lead_ids=[lead.pk for lead in sent.leads], inquiry=sent.inquiry)


def capture_mail_write() -> int:
    """Write the mail stored captures owe into the mail queue; how many captures'.

    Two runs at once share the work (rows taken by one are skipped by the other).
    """
    written = 0
    while True:
        with transaction.atomic():
            owed = list(CaptureMail.objects.select_for_update(skip_locked=True)[:MAIL_BATCH])
            if not owed:
                return written
            for mail in owed:
                notify_sent(lead_ids=mail.lead_ids, inquiry_id=mail.inquiry_id)
            CaptureMail.objects.filter(pk__in=[mail.pk for mail in owed]).delete()
        written += len(owed)


@transaction.atomic
def device_report(*, device_id, user, waiting: int) -> Device:
    """Record how many captures a device still holds, as it reports when online."""
    device, _created = Device.objects.update_or_create(
        id=device_id,
        defaults={"user": user, "waiting": waiting, "last_synced_at": timezone.now()},
    )
    return device
