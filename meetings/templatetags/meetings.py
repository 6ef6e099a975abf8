"""``{% load meetings %}{% meeting_panel exhibitor=exhibitor %}`` (or ``product=product``,
or ``agency=True``): the "Book a meeting at the booth" button for other apps' pages."""

import hashlib

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from booths.models import Expo
from common.cache import content_version

from ..cache import PANEL_SECONDS, meetings_version
from ..selectors import offered_slots, presence_days

register = template.Library()


@register.inclusion_tag("meetings/partials/meeting_panel.html")
def meeting_panel(exhibitor=None, product=None, agency=False):
    """Links to the booking page when the business (or the agency) has a free time at
    the current expo; otherwise says when it stands at the booth.

    Kept in the cache (see ``meetings.cache``): on a warm page it costs no query, cold
    at most three.
    """
    if product is not None:
        exhibitor = product.exhibitor
    if exhibitor is None and not agency:
        raise template.TemplateSyntaxError(
            "meeting_panel needs exhibitor=, product= or agency=True"
        )
    who = exhibitor.pk if exhibitor is not None else "agency"
    raw = (
        f"{content_version()}|{meetings_version()}|{get_language()}|{who}|"
        f"{product.slug if product is not None else ''}"
    )
    key = f"meetings:panel:{hashlib.sha256(raw.encode()).hexdigest()}"
    data = cache.get(key)
    if data is None:
        data = _panel(exhibitor, product)
        cache.set(key, data, PANEL_SECONDS)
    return {**data, "exhibitor": exhibitor, "agency": exhibitor is None}


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
