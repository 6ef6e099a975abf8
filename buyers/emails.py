"""Mail about new leads: the buyer's confirmation and the new-lead notices.

Every message is rendered here (plain text and simple HTML, both from templates, the
HTML autoescaped) and stored in django-post-office's queue. `manage.py send_queued_mail`
(cron, every minute) delivers the queue and retries what failed. Nothing here runs
before the leads are committed (see ``services._send_once``).
"""

import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from post_office.models import PRIORITY, STATUS, Email
from post_office.utils import parse_priority

from .choices import LeadKind
from .models import ExpressionOfInterest, Inquiry, LeadItem

logger = logging.getLogger(__name__)


def queue_mail(
    *, to: list[str], template: str, context: dict, language: str, reply_to: str = ""
) -> Email | None:
    """Render ``buyers/emails/<template>_subject.txt``, ``.txt`` and ``.html`` and queue them.

    The rendered text goes straight into the queue: post-office's ``mail.send`` would
    read it as a template once more, and a buyer's "{% ... %}" must stay text.
    """
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return None
    with translation.override(language):
        subject = render_to_string(f"buyers/emails/{template}_subject.txt", context)
        text = render_to_string(f"buyers/emails/{template}.txt", context)
        html = render_to_string(f"buyers/emails/{template}.html", context)
    priority = parse_priority(None)
    email = Email(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        # A subject is one line, whatever a product name contains.
        subject=" ".join(subject.split())[:200],
        message=text,
        html_message=html,
        headers={"Reply-To": reply_to} if reply_to else None,
        message_id=make_msgid(domain=DNS_NAME),
        priority=priority,
        status=STATUS.queued,
    )
    email.save()
    if priority == PRIORITY.now and email.dispatch() == STATUS.failed:
        # Sending at once is a courtesy of the demo; a failure goes back to the queue.
        email.status = STATUS.requeued
        email.scheduled_time = timezone.now()
        email.save(update_fields=["status", "scheduled_time", "last_updated"])
    return email


def _queue_safely(**kwargs) -> None:
    # One bad address must not stop the other messages of the same lead.
    try:
        queue_mail(**kwargs)
    except Exception:
        logger.exception("Could not queue %s mail to %s", kwargs.get("template"), kwargs.get("to"))


def owner_addresses(exhibitor) -> list[str]:
    """The MSME's owner accounts; the business's own address when no owner has one."""
    owners = [user.email for user in exhibitor.owners.all() if user.email]
    return owners or ([exhibitor.email] if exhibitor.email else [])


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
    }
    _queue_safely(
        to=[contact.email], template="confirmation", context=context, language=first.language
    )

    notice_language = getattr(settings, "EXPO_NOTIFICATION_LANGUAGE", settings.LANGUAGE_CODE)
    if first.kind == LeadKind.TRADE:
        for lead in leads:
            _queue_safely(
                to=owner_addresses(lead.exhibitor),
                template="owner_new_lead",
                context={**context, "lead": lead},
                language=notice_language,
                # Replying goes straight to the buyer only when they agreed to it.
                reply_to=lead.buyer.email if lead.share_contact else "",
            )
    _queue_safely(
        to=list(settings.STAFF_NOTIFICATION_EMAILS),
        template="staff_new_lead",
        context=context,
        language=notice_language,
    )
