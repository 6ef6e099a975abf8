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
from django.utils.html import escape
from django.utils.safestring import mark_safe

from common.cache import cached_fragment

from ..forms import TradeInquiryForm
from ..inquiry_list import InquiryList

register = template.Library()


# Stand-ins for what differs between visitors, swapped in after the cached render.
_CSRF = "csrf-stand-in-5d1f0c2b"
_KEY = "5d1f0c2b-0000-4000-8000-00000000cafe"
_NEXT = "/next-stand-in-5d1f0c2b/"


@register.simple_tag(takes_context=True)
def interest_panel(context, product=None, exhibitor=None):
    """The "I'm interested" form (posting to the buyers views) and, for a product,
    the "Add to inquiry list" button.

    The form is long (every country twice), so its HTML is cached per page, language,
    list state and content version, with stand-ins for the CSRF token, the form's
    idempotency key and the return address, which are filled in for each visitor.
    """
    if product is None and exhibitor is None:
        raise template.TemplateSyntaxError("interest_panel needs product= or exhibitor=")
    request = context["request"]
    if product is not None:
        exhibitor = product.exhibitor
        action = reverse("buyers:product-interest", args=[product.slug])
    else:
        action = reverse("buyers:exhibitor-interest", args=[exhibitor.slug])
    basket = InquiryList(request.session)
    in_list = product is not None and product in basket

    def build():
        return render_to_string(
            "buyers/partials/interest_panel.html",
            {
                "request": {"get_full_path": _NEXT},
                "csrf_token": _CSRF,
                "form": TradeInquiryForm(product=product, initial={"idempotency_key": _KEY}),
                "product": product,
                "exhibitor": exhibitor,
                "action": action,
                "in_list": in_list,
                "list_count": len(basket),
            },
        )

    target = f"product:{product.pk}" if product else f"exhibitor:{exhibitor.pk}"
    html = cached_fragment(request, f"interest:{target}:{in_list}:{len(basket)}", build)
    html = (
        html.replace(_CSRF, escape(str(context.get("csrf_token") or get_token(request))))
        .replace(_KEY, str(uuid.uuid4()))
        .replace(_NEXT, escape(request.get_full_path()))
    )
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped values swapped in


@register.simple_tag(takes_context=True)
def inquiry_list_count(context) -> int:
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return len(InquiryList(request.session))
