"""The guest's key to their meeting: a signed token in the links of every email.

Guests (buyers, delegates) have no account. The link opens a page about that one
meeting, where they can say they will be there, accept another time, move or cancel.
Opening a link never changes anything (mail scanners open links too): each change is
one button on that page.
"""

from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "meetings.guest"
# Long enough for any expo; a meeting that is over accepts no change anyway.
MAX_AGE = 180 * 24 * 3600


def guest_token(meeting) -> str:
    return signing.dumps({"m": meeting.pk}, salt=SALT, compress=True)


def meeting_id_from(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    meeting_id = data.get("m") if isinstance(data, dict) else None
    return meeting_id if isinstance(meeting_id, int) else None


def guest_path(meeting, *, language: str, action: str = "") -> str:
    with translation.override(language):
        path = reverse("meetings:guest", args=[guest_token(meeting)])
    return f"{path}?do={action}" if action else path


def absolute(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}{path}" if base_url else path
