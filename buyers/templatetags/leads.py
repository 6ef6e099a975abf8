"""Template tags other pages use to offer the lead forms.

``{% load leads %}{% interest_panel product=product %}`` on a product page,
``{% interest_panel exhibitor=exhibitor %}`` on an exhibitor page, and
``{% inquiry_list_count %}`` for the header.
"""

import uuid

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse

from common.cache import cached_fragment

from ..forms import TradeInquiryForm
from ..inquiry_list import InquiryList

register = template.Library()


@register.simple_tag(takes_context=True)
def interest_panel(context, product=None, exhibitor=None):
    """The "I'm interested" form (posting to the buyers views) and, for a product,
    the "Add to inquiry list" button.

    The panel's top is the same for every visitor: a cached fragment (``common.cache``).
    The form's fields are long (every country twice) and depend only on the language and
    on the product's unit and currency (their first choices): each app process renders
    them once for each, whatever the product. The form element with its CSRF token and
    idempotency key, and the list button, are rendered around them for each request.
    """
    if product is None and exhibitor is None:
        raise template.TemplateSyntaxError("interest_panel needs product= or exhibitor=")
    request = context["request"]
    if product is not None:
        exhibitor = product.exhibitor
    basket = InquiryList(request.session)

    def build():
        return {
            "intro": render_to_string(
                "buyers/partials/interest_intro.html", {"product": product, "exhibitor": exhibitor}
            ),
            "action": reverse("buyers:product-interest", args=[product.slug])
            if product
            else reverse("buyers:exhibitor-interest", args=[exhibitor.slug]),
            "add_url": reverse("buyers:inquiry-list-add", args=[product.slug]) if product else "",
            "list_url": reverse("buyers:inquiry-list"),
        }

    # Named after the page (see common.cache.prefetch_fragments).
    name = f"product:{product.slug}:interest" if product else f"exhibitor:{exhibitor.slug}:interest"
    fields = f"interest-fields:{product.unit}:{product.currency}" if product else "interest-fields"
    return render_to_string(
        "buyers/partials/interest_panel.html",
        {
            "cached": cached_fragment(request, name, build),
            "fields": cached_fragment(
                request,
                fields,
                lambda: render_to_string(
                    "buyers/partials/trade_form_fields.html",
                    {"form": TradeInquiryForm(product=product)},
                ),
                depends=(),
                in_process=True,
            ),
            "idempotency_key": uuid.uuid4(),
            "product": product,
            "exhibitor": exhibitor,
            "in_list": product is not None and product in basket,
            "list_count": len(basket),
            "request": request,
            "csrf_token": context.get("csrf_token") or get_token(request),
        },
    )


@register.simple_tag(takes_context=True)
def inquiry_list_count(context) -> int:
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return len(InquiryList(request.session))
