"""Template tags other pages use to offer the lead forms.

``{% load leads %}{% interest_panel product=product %}`` on a product page,
``{% interest_panel exhibitor=exhibitor %}`` on an exhibitor page, and
``{% inquiry_list_count %}`` for the header.
"""

from django import template
from django.urls import reverse

from ..forms import TradeInquiryForm
from ..inquiry_list import InquiryList

register = template.Library()


@register.inclusion_tag("buyers/partials/interest_panel.html", takes_context=True)
def interest_panel(context, product=None, exhibitor=None):
    """The "I'm interested" form (posting to the buyers views) and, for a product,
    the "Add to inquiry list" button."""
    if product is None and exhibitor is None:
        raise template.TemplateSyntaxError("interest_panel needs product= or exhibitor=")
    request = context["request"]
    if product is not None:
        exhibitor = product.exhibitor
        action = reverse("buyers:product-interest", args=[product.slug])
    else:
        action = reverse("buyers:exhibitor-interest", args=[exhibitor.slug])
    basket = InquiryList(request.session)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "form": TradeInquiryForm(product=product),
        "product": product,
        "exhibitor": exhibitor,
        "action": action,
        "in_list": product is not None and product in basket,
        "list_count": len(basket),
    }


@register.simple_tag(takes_context=True)
def inquiry_list_count(context) -> int:
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return len(InquiryList(request.session))
