"""Security headers Django has no setting for, on every response (pages, redirects,
errors, static and media files: the middleware sits outermost, see settings.MIDDLEWARE),
and the guard that refuses query strings no view could read."""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest
from django.template import loader

# Browser features no page of the portal uses are refused outright, for the site and for
# anything it might embed.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "bluetooth": "()",
    "browsing-topics": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "hid": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "serial": "()",
    "usb": "()",
}
# The booth capture screen photographs business cards with the phone's camera (a file
# input with ``capture``): only its pages may use the camera, and only the site itself.
CAMERA_APPS = {"booth"}


def permissions_policy(*, camera: bool) -> str:
    policy = {**PERMISSIONS_POLICY, "camera": "(self)" if camera else "()"}
    return ", ".join(f"{feature}={allowed}" for feature, allowed in policy.items())


DEFAULT_POLICY = permissions_policy(camera=False)
CAMERA_POLICY = permissions_policy(camera=True)


class SecurityHeadersMiddleware:
    """Permissions-Policy, and Cross-Origin-Resource-Policy so other sites cannot embed
    our pages, images or files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        camera = match is not None and match.app_name in CAMERA_APPS
        policy = CAMERA_POLICY if camera else DEFAULT_POLICY
        response.headers.setdefault("Permissions-Policy", policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# Far beyond any link the portal makes (200 QR cards chosen in the admin: about 3,000).
MAX_QUERY_STRING = 8192


def readable_query_string(query_string: str) -> bool:
    """Whether every name and value of the query string is UTF-8 without a NUL byte, and
    the whole is of a sane length."""
    if len(query_string) > MAX_QUERY_STRING:
        return False
    try:
        # WSGI hands the raw bytes over as latin-1 text.
        data = query_string.encode("latin-1")
    except UnicodeEncodeError:
        data = query_string.encode("utf-8")
    for part in data.replace(b";", b"&").split(b"&"):
        raw = unquote_to_bytes(part)
        if b"\x00" in raw:
            return False
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


class QueryStringGuardMiddleware:
    """Answer 400 with a plain, translated page when the query string holds a NUL byte,
    bytes that are not UTF-8, or is absurdly long.

    Django would hand such values to the views (NUL included, undecodable bytes as
    U+FFFD), and PostgreSQL refuses a NUL in a query parameter: a 500. Placed after
    LocaleMiddleware, so the page speaks the language of the URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not readable_query_string(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(loader.render_to_string("400.html"))
        return self.get_response(request)
