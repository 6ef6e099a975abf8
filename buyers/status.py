"""The buyer's status page: a signed link in every confirmation mail, no account.

The token carries only which contact it is (a buyer or a delegate) and is signed with a
salt of its own and checked with ``EXPO_STATUS_LINK_MAX_AGE_DAYS``. The page lists the
contact's leads of the last ``EXPO_STATUS_PAGE_MONTHS`` months in plain words, takes a
message, a sample request or a call request (each a note in the lead's history, the
business told through the mail queue), and withdraws consent
(``backoffice.personal_data.consent_withdraw``).
"""

import datetime
import functools

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from booths.emails import owner_addresses
from common.mail import queue_mail
from common.whatsapp import business_whatsapp_url

from .choices import LeadKind, LeadStatus
from .models import Buyer, Delegate, ExpressionOfInterest
from .services import lead_add_note

SALT = "buyers.status"
KINDS = {"b": Buyer, "d": Delegate}

# What a buyer reads for each step of the pipeline: closed leads (lost, spam) alike.
BUYER_WORDS = {
    LeadStatus.NEW: gettext_lazy("Received, waiting for a reply"),
    LeadStatus.CONTACTED: gettext_lazy("In contact with you"),
    LeadStatus.SAMPLE_SENT: gettext_lazy("Sample sent"),
    LeadStatus.QUOTED: gettext_lazy("Quotation sent"),
    LeadStatus.AGREED: gettext_lazy("Agreed"),
    LeadStatus.SHIPPED: gettext_lazy("Shipped"),
    LeadStatus.LOST: gettext_lazy("Closed"),
    LeadStatus.SPAM: gettext_lazy("Closed"),
}


class Request:
    MESSAGE = "message"
    SAMPLE = "sample"
    CALL = "call"

    CHOICES = [
        (MESSAGE, gettext_lazy("Send a message")),
        (SAMPLE, gettext_lazy("Ask for a sample")),
        (CALL, gettext_lazy("Ask for a follow-up call")),
    ]
    # The line that opens the note in the lead's history (in the owners' language).
    HEADINGS = {
        MESSAGE: gettext_lazy("Message from the buyer (status page)"),
        SAMPLE: gettext_lazy("The buyer asks for a sample (status page)"),
        CALL: gettext_lazy("The buyer asks for a follow-up call (status page)"),
    }


def status_token(contact) -> str:
    kind = "d" if isinstance(contact, Delegate) else "b"
    return signing.dumps({kind: contact.pk}, salt=SALT, compress=True)


def contact_from(token: str):
    """The buyer or delegate of a valid, unexpired token; None otherwise (tampered,
    expired, or the contact is gone)."""
    max_age = datetime.timedelta(days=settings.EXPO_STATUS_LINK_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or len(data) != 1:
        return None
    ((kind, pk),) = data.items()
    if kind not in KINDS or not isinstance(pk, int):
        return None
    contact = KINDS[kind].objects.filter(pk=pk).first()
    # An anonymised contact has no address left to prove it is the same person.
    if contact is None or not contact.email:
        return None
    return contact


def status_url(contact, *, language: str) -> str:
    """The absolute link for a mail (a path when no public address is set)."""
    with translation.override(language):
        path = reverse("buyers:status", kwargs={"token": status_token(contact)})
    base = settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{path}"


def status_leads(contact):
    """The contact's leads of the last EXPO_STATUS_PAGE_MONTHS months, newest first."""
    since = timezone.now() - datetime.timedelta(days=30 * settings.EXPO_STATUS_PAGE_MONTHS)
    field = "delegate" if isinstance(contact, Delegate) else "buyer"
    return (
        ExpressionOfInterest.objects.filter(**{field: contact}, created_at__gte=since)
        .exclude(status=LeadStatus.SPAM)
        .select_related("exhibitor", "product")
        .prefetch_related("items__product")
        .order_by("-created_at", "-pk")
    )


def whatsapp_url(lead, contact) -> str:
    """The buyer's "Chat on WhatsApp" link to the business of ``lead``: only where its
    owners opted in and staff approved it (``Exhibitor.buyer_whatsapp``), else ""."""
    if lead.exhibitor is None:
        return ""
    return business_whatsapp_url(
        phone=lead.exhibitor.buyer_whatsapp,
        business=lead.exhibitor.name,
        buyer=contact.name,
        reference=lead.reference,
    )


def buyer_words(status: str) -> str:
    return str(BUYER_WORDS.get(status, BUYER_WORDS[LeadStatus.NEW]))


@transaction.atomic
def status_request_send(*, lead: ExpressionOfInterest, request: str, message: str = ""):
    """A message, a sample request or a call request from the buyer's status page: a note
    in the lead's history (no actor: the buyer wrote it), and the business's owners (or,
    for a placement lead, the staff) told through the mail queue once it is committed."""
    with translation.override(settings.EXPO_NOTIFICATION_LANGUAGE):
        heading = str(Request.HEADINGS[request])
    note = f"{heading}\n{message}".strip()
    event = lead_add_note(lead=lead, note=note[:4000])
    transaction.on_commit(
        functools.partial(_notify_request, lead_id=lead.pk, request=request, message=message),
        robust=True,
    )
    return event


def _notify_request(*, lead_id: int, request: str, message: str) -> None:
    lead = (
        ExpressionOfInterest.objects.select_related("buyer", "delegate", "exhibitor", "product")
        .prefetch_related("exhibitor__owners")
        .get(pk=lead_id)
    )
    if lead.kind == LeadKind.TRADE:
        to = owner_addresses(lead.exhibitor)
    else:
        to = list(settings.STAFF_NOTIFICATION_EMAILS)
    if lead.assigned_to_id and lead.assigned_to.email:
        to.append(lead.assigned_to.email)
    language = settings.EXPO_NOTIFICATION_LANGUAGE
    with translation.override(language):
        heading = str(Request.HEADINGS[request])
        if lead.kind == LeadKind.TRADE:
            path = reverse("portal:lead-detail", kwargs={"pk": lead.pk})
        else:
            path = ""
    base = settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    queue_mail(
        to=to,
        template="buyers/emails/buyer_request",
        context={
            "lead": lead,
            "heading": heading,
            "message": message,
            "url": f"{base}{path}" if base and path else "",
        },
        language=language,
        reply_to=lead.buyer.email if lead.kind == LeadKind.TRADE and lead.share_contact else "",
    )
