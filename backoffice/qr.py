"""QR codes printed on the stand cards: where they point and how they are drawn."""

import ipaddress
from urllib.parse import urlencode, urlsplit

import segno
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

BOOTH_SOURCE = "booth"


def public_base_url(request=None) -> str:
    """``EXPO_PUBLIC_BASE_URL``, else the scheme and host the staff page was opened on."""
    if settings.EXPO_PUBLIC_BASE_URL:
        return settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    if request is None:
        raise ValueError("Set EXPO_PUBLIC_BASE_URL to build public URLs without a request.")
    return request.build_absolute_uri("/").rstrip("/")


def _is_local_host(host: str) -> bool:
    """Loopback, private or link-local: an address a buyer's phone cannot open."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def local_base_url(request) -> str | None:
    """The address the cards would point at when phones cannot open it, else None.

    Only without ``EXPO_PUBLIC_BASE_URL``: then the codes take the address of the
    staff page, and a page opened on ``http://127.0.0.1:8000`` or a private network
    address would print codes that lead nowhere for visitors.
    """
    if settings.EXPO_PUBLIC_BASE_URL:
        return None
    base = public_base_url(request)
    return base if _is_local_host(urlsplit(base).hostname or "") else None


def public_url(obj, request=None) -> str:
    """The absolute address of ``obj``'s public page, marked as scanned at the booth.

    The language prefix is left out: the portal sends the visitor on to their own
    language (Django's LocaleMiddleware keeps the query string), so one printed card
    serves English and Indonesian readers, and a shorter address makes a smaller code.
    """
    with translation.override(settings.LANGUAGE_CODE):
        path = obj.get_absolute_url()
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return f"{public_base_url(request)}{path}?{urlencode({'src': BOOTH_SOURCE})}"


def qr_svg(data: str, *, title: str = "") -> str:
    """An inline, scalable SVG of ``data`` (error correction M, quiet zone of 4 modules).

    segno writes only ``viewBox``, ``class`` and path attributes: no style attribute,
    so the card sheet stays within the Content-Security-Policy.
    """
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
        title=title or None,
    )
    # segno escapes the title it writes; the rest is its own markup.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
