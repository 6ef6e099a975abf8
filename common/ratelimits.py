"""Rate limits of the public forms (leads and meeting requests) and of password resets.

Everyone at the venue shares one public address, so the address alone cannot tell one
buyer from another: hundreds of buyers at the booth must never reach its limit. A flood
is stopped by the person (their email, counted with their address) and by the browser
(its session, or else the CSRF cookie every form post carries); the per-address limit
is only an abuse cap far above what a busy venue sends. Every post counts, valid or not.

The counters live in the cache. When it cannot count (Redis down or full), lead forms
and meeting requests are let through (fail open: a buyer at the stand is never turned
away, and a double submit still makes one lead), while password-reset links are refused
(fail closed: no inbox can be flooded while nothing counts).
"""

import hashlib

from django.conf import settings
from django_ratelimit.core import get_usage

from .http import client_ip


class RateLimited(Exception):
    """Too many posts from this visitor: nothing was made. Views answer HTTP 429."""


class CannotCount(Exception):
    """The cache could not count this request, and its limit fails closed (password
    resets): nothing was sent. Views answer HTTP 503."""


def _browser(request) -> str:
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    key = key or request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


def form_rate_limited(request, *, scope: str) -> bool:
    """Count this post of a ``scope`` form; True when any of its limits is exceeded.

    Limits (settings, per hour by default): ``EXPO_LEAD_RATE_PER_EMAIL`` per address and
    email (so nobody elsewhere can use up a buyer's limit), ``EXPO_LEAD_RATE_PER_SESSION``
    per browser, ``EXPO_LEAD_RATE_PER_ADDRESS`` per address (the abuse cap).
    """
    address = client_ip(request)
    email = request.POST.get("email", "")[:254].strip().lower()
    counted = [
        ("email", f"{address}|{email}", settings.EXPO_LEAD_RATE_PER_EMAIL),
        ("address", address, settings.EXPO_LEAD_RATE_PER_ADDRESS),
    ]
    browser = _browser(request)
    if browser:
        counted.append(("session", browser, settings.EXPO_LEAD_RATE_PER_SESSION))
    return _count(request, scope=scope, counted=counted, fail_open=True)


def password_reset_rate_limited(request, *, email: str) -> bool:
    """Count this request for a password-reset link; True when a limit is exceeded.

    The link goes to the account's inbox, so the limit is per email, wherever the
    requests come from (``EXPO_PASSWORD_RESET_RATE_PER_EMAIL``): nobody can flood an
    owner's inbox. ``EXPO_PASSWORD_RESET_RATE_PER_ADDRESS`` caps one address. Known and
    unknown emails count alike, so the answer tells nobody which accounts exist.
    Raises ``CannotCount`` when the cache cannot count: no link is sent then.
    """
    email = email[:254].strip().lower()
    counted = [
        ("email", email, settings.EXPO_PASSWORD_RESET_RATE_PER_EMAIL),
        ("address", client_ip(request), settings.EXPO_PASSWORD_RESET_RATE_PER_ADDRESS),
    ]
    return _count(request, scope="password-reset", counted=counted, fail_open=False)


def _count(request, *, scope: str, counted: list[tuple[str, str, str]], fail_open: bool) -> bool:
    limited = False
    for name, value, rate in counted:
        # Every counter counts every post: no short cut once one of them says no.
        usage = get_usage(
            request,
            group=f"{scope}:{name}",
            key=lambda _group, _request, value=value: value,
            rate=rate,
            method="POST",
            increment=True,
        )
        if usage is not None:
            limited |= usage["should_limit"]
        elif (
            not fail_open
            and request.method == "POST"
            and getattr(settings, "RATELIMIT_ENABLE", True)
        ):
            # The cache could not count (RATELIMIT_FAIL_OPEN hands the choice to us).
            raise CannotCount
    return limited


def admit_form_post(request, *, scope: str):
    """A gate for ``common.idempotency.create_once``: counts the post, raises ``RateLimited``."""

    def admit() -> None:
        if form_rate_limited(request, scope=scope):
            raise RateLimited

    return admit
