"""The unsubscribe link: a signed account id, no login needed, no expiry (an old digest's
link must still work). Opening it changes nothing; the page has one button."""

from django.core import signing

SALT = "digest.unsubscribe"


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def user_id_from(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None
