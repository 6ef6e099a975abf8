"""Where the QR codes printed on the stand cards point."""

import ipaddress
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import translation

from common.qr import public_base_url

BOOTH_SOURCE = "booth"


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
