"""``{% load meetings %}{% meeting_panel exhibitor=exhibitor %}`` (or ``product=product``,
or ``agency=True``): the "Book a meeting at the booth" button for other apps' pages."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from booths.models import Expo
from common.cache import CONTENT, MEETINGS, cached_fragment

from ..selectors import offered_slots, presence_days

# Times that simply pass (a slot that has begun) drop off the panel within this time;
# every booking, move or cancellation bumps the meetings version at once.
PANEL_SECONDS = 300

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_panel(context, exhibitor=None, product=None, agency=False):
    """Links to the booking page when the business (or the agency) has a free time at
    the current expo; otherwise says when it stands at the booth.

    Its HTML is a fragment of the content and meetings versions (``common.cache``): on a
    warm page it costs no query, cold at most three.
    """
    if product is not None:
        exhibitor = product.exhibitor
    if exhibitor is None and not agency:
        raise template.TemplateSyntaxError(
            "meeting_panel needs exhibitor=, product= or agency=True"
        )
    return cached_fragment(
        context.get("request"),
        _fragment_name(product=product, exhibitor=exhibitor),
        lambda: render_to_string(
            "meetings/partials/meeting_panel.html",
            {**_panel(exhibitor, product), "exhibitor": exhibitor, "agency": exhibitor is None},
        ),
        depends=(CONTENT, MEETINGS),
        seconds=PANEL_SECONDS,
    )


def _fragment_name(*, product, exhibitor) -> str:
    # Named after the page it is on (see common.cache.prefetch_fragments).
    if product is not None:
        return f"product:{product.slug}:meetings"
    if exhibitor is not None:
        return f"exhibitor:{exhibitor.slug}:meetings"
    return "agency:meetings"


def _panel(exhibitor, product) -> dict:
    expo = Expo.objects.current()
    if expo is None:
        return {"show": False}
    if exhibitor is not None:
        url = reverse("meetings:book", args=[exhibitor.slug])
        if product is not None:
            url += "?" + urlencode({"product": product.slug})
        days = presence_days(expo=expo, exhibitor=exhibitor)
    else:
        url, days = reverse("meetings:book-agency"), expo.days
    available = bool(days) and offered_slots(expo=expo, exhibitor=exhibitor).exists()
    return {"show": bool(days), "available": available, "url": url, "days": days}
