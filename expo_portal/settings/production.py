"""Production: debug off, and refuse to start without a secret key, hosts and a mail server."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, EMAIL_CONFIG, SECRET_KEY, env

if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production settings.")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names the portal serves.")
# Mail that is never delivered would put password-reset and invitation links, which are as
# good as passwords, in the server log (console) or on disk (file) instead of in an inbox.
UNDELIVERED_MAIL = {"console", "dummy", "filebased", "locmem"}
if EMAIL_CONFIG["EMAIL_BACKEND"].rsplit(".", 2)[-2] in UNDELIVERED_MAIL:
    raise ImproperlyConfigured(
        "EMAIL_URL must name the mail server that delivers the portal's mail, "
        "e.g. smtp+tls://user:password@smtp.example.com:587."
    )

DEMO_MODE = False

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
