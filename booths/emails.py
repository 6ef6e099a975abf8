"""Mail to a business's owners: who they are, and staff's review of their profile or products.

Queued by ``common.mail`` after the review is committed, one mail per decision, in
EXPO_NOTIFICATION_LANGUAGE (Indonesian unless the deployment says otherwise: owners'
accounts carry no language of their own).
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from common.mail import queue_mail

from .models import Exhibitor

logger = logging.getLogger(__name__)


def owner_addresses(exhibitor) -> list[str]:
    """The MSME's owner accounts; the business's own address when no owner has one."""
    owners = [user.email for user in exhibitor.owners.all() if user.email]
    return owners or ([exhibitor.email] if exhibitor.email else [])


def notify_review(
    *,
    exhibitor_id: int,
    approved: bool,
    reason: str = "",
    product_id: int | None = None,
    changes: bool = False,
) -> None:
    """After the commit, queue one mail to the owners of the business about staff's
    decision on its profile, or on one of its products (on its proposed ``changes`` when
    the product is already public), with the reason of a rejection and the page to fix it.
    """
    transaction.on_commit(
        partial(
            _send_review,
            exhibitor_id=exhibitor_id,
            product_id=product_id,
            approved=approved,
            reason=reason,
            changes=changes,
        ),
        robust=True,
    )


def _send_review(*, exhibitor_id, product_id, approved, reason, changes) -> None:
    exhibitor = Exhibitor.objects.prefetch_related("owners").get(pk=exhibitor_id)
    product = exhibitor.products.get(pk=product_id) if product_id else None
    language = settings.EXPO_NOTIFICATION_LANGUAGE
    with translation.override(language):
        if product is not None:
            path = reverse("portal:product-edit", kwargs={"pk": product.pk})
        else:
            path = reverse("portal:business-edit", kwargs={"slug": exhibitor.slug})
    base = settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    queue_mail(
        to=owner_addresses(exhibitor),
        template="booths/emails/review_decision",
        context={
            "business": exhibitor,
            "product": product,
            "approved": approved,
            "reason": reason,
            "changes": changes,
            # Without the public address, a path in a mail leads nowhere: the mail says
            # to log in instead.
            "url": f"{base}{path}" if base else "",
        },
        language=language,
    )
