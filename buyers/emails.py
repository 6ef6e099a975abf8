"""Mail about new leads: the buyer's confirmation and the new-lead notices.

Every message is rendered from templates (plain text and simple HTML, the HTML
autoescaped) and queued by ``common.mail``. Nothing here runs before the leads are
committed (see ``services._send_once``).
"""

import logging

from django.conf import settings
from django.db.models import Prefetch

from booths.emails import owner_addresses
from common.mail import queue_mail

from .choices import LeadKind, LeadSource
from .models import ExpressionOfInterest, Inquiry, LeadItem

logger = logging.getLogger(__name__)


def _queue_safely(**kwargs) -> None:
    # One bad address must not stop the other messages of the same lead.
    try:
        queue_mail(**kwargs)
    except Exception:
        logger.exception(
            "Could not queue %s mail to %s recipients",
            kwargs.get("template"),
            len(kwargs.get("to") or []),
        )


def notify_sent(*, lead_ids: list[int], inquiry_id: int | None = None) -> None:
    """Queue the mail for what one form sent: a confirmation to the buyer or delegate,
    a notice per lead to the business's owners (trade leads only), and one to the staff.
    """
    leads = list(
        ExpressionOfInterest.objects.filter(pk__in=lead_ids)
        .select_related("buyer", "delegate", "exhibitor", "product")
        .prefetch_related(
            "exhibitor__owners",
            Prefetch("items", queryset=LeadItem.objects.select_related("product")),
        )
        .order_by("pk")
    )
    if not leads:
        return
    inquiry = Inquiry.objects.filter(pk=inquiry_id).first() if inquiry_id else None
    first = leads[0]
    contact = first.contact
    context = {
        "leads": leads,
        "lead": first,
        "inquiry": inquiry,
        "reference": inquiry.reference if inquiry else first.reference,
        "contact": contact,
        "placement": first.kind == LeadKind.PLACEMENT,
        "privacy_version": first.consent_version,
        "booth_visit": first.source == LeadSource.BOOTH_STAFF,
    }
    # A visitor met at the booth may have left only a phone number.
    if contact.email:
        from .status import status_url

        context["status_url"] = status_url(contact, language=first.language)
        _queue_safely(
            to=[contact.email],
            template="buyers/emails/confirmation",
            context=context,
            language=first.language,
        )

    notice_language = getattr(settings, "EXPO_NOTIFICATION_LANGUAGE", settings.LANGUAGE_CODE)
    if first.kind == LeadKind.TRADE:
        for lead in leads:
            _queue_safely(
                to=owner_addresses(lead.exhibitor),
                template="buyers/emails/owner_new_lead",
                context={**context, "lead": lead},
                language=notice_language,
                # Replying goes straight to the buyer only when they agreed to it.
                reply_to=lead.buyer.email if lead.share_contact else "",
            )
    _queue_safely(
        to=list(settings.STAFF_NOTIFICATION_EMAILS),
        template="buyers/emails/staff_new_lead",
        context=context,
        language=notice_language,
    )
