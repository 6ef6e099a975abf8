"""The owner's reads. Ownership is part of every query: what is not theirs is never loaded.

Each function costs a fixed number of queries, however many products or leads there are.
"""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from booths.models import Exhibitor, ExhibitorChangeRequest
from buyers.choices import LeadStatus
from buyers.models import (
    OPEN_STATUSES,
    ExpressionOfInterest,
    LeadEvent,
    LeadItem,
    needs_follow_up_q,
)
from common.choices import ReviewStatus
from deals.models import Deal
from products.models import Product, ProductChangeRequest, ProductImage

from .status import (
    exhibitor_hints,
    exhibitor_status,
    pending_profile_rows,
    product_hints,
    product_status,
)

RECENT_LEADS = 5


def _latest_change_request(requests) -> dict:
    """Annotations with the status, reason, review time and changes of the latest of
    ``requests`` (change requests of the annotated row, by ``OuterRef("pk")``)."""
    latest = requests.order_by("-submitted_at", "-pk")
    return {
        f"request_{name}": Subquery(latest.values(name)[:1])
        for name in ("status", "reason", "reviewed_at", "changes")
    }


def owner_exhibitors(user):
    """The owner's businesses with their latest change request."""
    return (
        Exhibitor.objects.owned_by(user)
        .annotate(
            **_latest_change_request(
                ExhibitorChangeRequest.objects.filter(exhibitor=OuterRef("pk"))
            )
        )
        .order_by("name", "pk")
    )


def owner_products(user):
    """The owner's products with photos, certifications and their latest change request."""
    return (
        Product.objects.owned_by(user)
        .select_related("exhibitor", "category", "category__parent")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")),
            "certifications",
        )
        .annotate(
            **_latest_change_request(ProductChangeRequest.objects.filter(product=OuterRef("pk")))
        )
        .order_by("is_archived", "-updated_at", "-pk")
    )


def with_status(products) -> list:
    """Products with ``owner_status`` and ``hints`` for the templates (no queries)."""
    products = list(products)
    for product in products:
        product.owner_status = product_status(product)
        product.hints = product_hints(product)
    return products


def owner_leads(user):
    """The owner's trade leads, newest first, each with ``overdue`` (untouched 3 days)."""
    return (
        ExpressionOfInterest.objects.for_owner(user)
        .with_follow_up()
        .select_related("buyer", "exhibitor", "product")
        .prefetch_related(
            Prefetch("items", queryset=LeadItem.objects.select_related("product")),
        )
        .order_by("-created_at", "-pk")
    )


def owner_lead_detail(user, pk):
    return (
        owner_leads(user)
        .prefetch_related(
            Prefetch(
                "history", queryset=LeadEvent.objects.select_related("actor").order_by("at", "pk")
            ),
            Prefetch("deals", queryset=Deal.objects.select_related("verified_by")),
        )
        .get(pk=pk)
    )


def lead_counts(user) -> dict:
    """How many of the owner's leads are new, need a follow-up, and are open, in one query."""
    return ExpressionOfInterest.objects.for_owner(user).aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(status=LeadStatus.NEW)),
        overdue=Count("pk", filter=needs_follow_up_q()),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
    )


def dashboard(user) -> dict:
    """Everything the dashboard shows, in a fixed number of queries."""
    exhibitors = list(owner_exhibitors(user).prefetch_related("support_programmes"))
    products = with_status(owner_products(user))
    by_exhibitor = {exhibitor.pk: [] for exhibitor in exhibitors}
    for product in products:
        by_exhibitor.setdefault(product.exhibitor_id, []).append(product)
    businesses = []
    for exhibitor in exhibitors:
        own = by_exhibitor.get(exhibitor.pk, [])
        counts = {"total": len(own), "on_show": 0, "waiting": 0, "needs_changes": 0}
        for product in own:
            code = product.owner_status.code
            if code in ("approved", "changes_pending", "changes_rejected") and (
                exhibitor.review_status == ReviewStatus.APPROVED
            ):
                counts["on_show"] += 1
            if code in ("pending", "changes_pending"):
                counts["waiting"] += 1
            if code in ("rejected", "changes_rejected"):
                counts["needs_changes"] += 1
        businesses.append(
            {
                "exhibitor": exhibitor,
                "status": exhibitor_status(exhibitor),
                "hints": exhibitor_hints(exhibitor),
                "pending_rows": pending_profile_rows(exhibitor),
                "products": own,
                "attention": [
                    product
                    for product in own
                    if product.hints
                    or product.owner_status.code
                    in ("draft", "rejected", "changes_rejected", "pending", "changes_pending")
                ],
                "counts": counts,
            }
        )
    leads = owner_leads(user).filter(status__in=OPEN_STATUSES)[:RECENT_LEADS]
    return {
        "businesses": businesses,
        "lead_counts": lead_counts(user),
        "recent_leads": list(leads),
    }
