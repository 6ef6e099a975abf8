"""Security headers Django has no setting for, on every response (pages, redirects,
errors, static and media files: the middleware sits outermost, see settings.MIDDLEWARE)."""

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
