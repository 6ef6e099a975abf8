"""What the catalogue contributes to pages served by other apps (exhibitor pages)."""

from django import template
from django.db.models import Count

from products.models import Product

register = template.Library()


@register.simple_tag
def products_of(exhibitor, limit=48):
    """An exhibitor's published products, ready for product cards."""
    return list(
        Product.objects.published()
        .filter(exhibitor=exhibitor)
        .with_card_data()
        .order_by("-featured", "-published_at")[:limit]
    )


@register.simple_tag
def with_product_counts(exhibitors):
    """The exhibitors, each with ``product_count`` of its published products (one query)."""
    exhibitors = list(exhibitors)
    counts = dict(
        Product.objects.published()
        .filter(exhibitor__in=exhibitors)
        .values_list("exhibitor")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for exhibitor in exhibitors:
        exhibitor.product_count = counts.get(exhibitor.pk, 0)
    return exhibitors
