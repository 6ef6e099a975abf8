"""Settings shared by every environment, read from ``DJANGO_*`` and friends.

The layers beside this file (``local``, ``test``, ``production``) only change
defaults; everything a deployment needs to set is an environment variable
listed in ``.env.example`` and the README.
"""

import hashlib
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from common.countries import COUNTRY_NAMES

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is a convenience for developers (`make run` asks for it); deployments and
# the tests take the environment alone, whatever file lies in the checkout.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "phonenumber_field",
    "axes",
    "csp",
    "import_export",
    "django_filters",
    "sorl.thumbnail",
    "post_office",
    # Installed for its system checks on the cache that holds the form rate limits.
    "django_ratelimit",
    "common",
    "booths",
    "products",
    # Occupations, training programmes and readiness figures for employers and delegates.
    "workforce",
    "buyers",
    # Deals that leads became, their documents and verification (imports buyers).
    "deals",
    # Staff pages that gather the three apps: results, QR cards, personal-data tools.
    "backoffice",
    # Meetings at the booth: tables, slots, bookings (imports the three apps).
    "meetings",
    # The MSME owners' pages: their business, products and leads (imports the three apps).
    "portal",
    # The booth floor: staff and owners capture walk-in visitors (imports buyers).
    "booth",
    # The owners' daily follow-up digest and the staff escalation (imports buyers, deals, meetings).
    "digest",
    # The thank-you mail after an expo to the buyers and delegates (imports buyers).
    "thankyou",
    # Demo booth and synthetic catalogues (load_demo, generate_catalogue); imports every app.
    "demo",
]

MIDDLEWARE = [
    # Outermost, so that every response gets their headers: static files (WhiteNoise answers
    # before the rest), redirects to HTTPS or to a language, and the 400 of a bad Host.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Remembers ?src=booth (the stand's QR codes) for the rest of the visit.
    "buyers.middleware.LeadSourceMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A query string with NUL bytes, bytes that are not UTF-8, or of absurd length: 400.
    "common.middleware.QueryStringGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # django-axes wants to be last so it sees the outcome of every login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "expo_portal.urls"
# Forms shown again after a refusal echo at most what each field accepts.
FORM_RENDERER = "common.widgets.EchoLimitedRenderer"
WSGI_APPLICATION = "expo_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def tune_postgresql(database: dict) -> dict:
    """Plan queries for SSD storage: PostgreSQL's default random_page_cost (4, for
    spinning disks) makes it scan the whole product table for a common search word
    where the full-text index is three times faster. No JIT compiling: it costs tens
    of milliseconds on the catalogue's counting statement and never pays back on a
    web request's short queries."""
    if "postgresql" in database["ENGINE"]:
        options = database.setdefault("OPTIONS", {})
        options.setdefault("options", "-c random_page_cost=1.1 -c jit=off")
    return database


tune_postgresql(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
# The release in every cached fragment's key (common/release.py): unset, a digest of the code.
RELEASE = env("DJANGO_RELEASE", default="")
# Cached pages belong to one database: a cache shared by two portals (or a developer
# switching DATABASE_URL) must never serve one's pages for the other.
CACHE_KEY_PREFIX = (
    "expo-"
    + hashlib.sha256(
        f"{DATABASES['default'].get('HOST')}/{DATABASES['default'].get('NAME')}".encode()
    ).hexdigest()[:12]
)
# django-ratelimit names only memcached and django-redis as supported (W001); Django's own
# RedisCache increments atomically as well.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if REDIS_URL:
    # Redis full, evicting or down never stops the portal: the backend answers as a miss
    # (common.cache_backend), and a dead server costs at most these timeouts (seconds).
    CACHES = {
        "default": {
            "BACKEND": "common.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # A file cache is shared by every process on one machine, unlike locmem.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    # django-ratelimit (E003) objects that the file cache increments without a lock: in a
    # burst of simultaneous posts a few may pass a form rate limit. That is acceptable on
    # one machine (the demo); several app servers set REDIS_URL, where the check runs in full.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id (argon2-cffi) for new passwords, at OWASP's minimum parameters (common/hashers.py):
# one check takes about 30 ms of CPU on the 2-core machine, where Django's own Argon2 takes
# 270 ms and PBKDF2's 1,000,000 rounds (Django 5.2's default) 420 ms. The others stay so
# that existing hashes still log in; each is stored again with the first one then.
PASSWORD_HASHERS = [
    "common.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Owners log in to the portal; staff pages use the admin's own login.
LOGIN_URL = "portal:login"
# Where a login goes without a safe "next" address: the admin's login lands on its index
# (the portal's login chooses for itself between the admin and the owner's dashboard).
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling. The whole venue shares one public address, so lock the
# username *at* an address, never the address alone.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client address: REMOTE_ADDR, unless the portal sits behind DJANGO_PROXY_COUNT
# proxies of our own. Each appends the address it saw to X-Forwarded-For, so the
# client is the entry the outermost proxy wrote: PROXY_COUNT - 1 places from the
# right (the nearest proxy is REMOTE_ADDR itself). Entries further left were written
# by the client and are never trusted.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # Accept longer chains (a client may send its own header); the position above
    # still picks the entry our proxy wrote.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("id", _("Bahasa Indonesia")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "id")
# An empty translation falls back to the other language, English first.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "id"), "en": ("id",)}

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# The apps' static files, without those of other apps that the portal never serves
# (common.staticfiles).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "common.staticfiles.AppFilesFinder",
]
MEDIA_URL = env("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Documents (signed deal agreements) live outside MEDIA_ROOT: no URL serves this folder,
# only views that check who asks (deals:document).
EXPO_PRIVATE_MEDIA_ROOT = env.path("EXPO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": EXPO_PRIVATE_MEDIA_ROOT, "base_url": "/no-public-url/"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}


def object_storage(bucket: str, *, private: bool, endpoint_url=None, public_domain=None) -> dict:
    """A STORAGES entry for a bucket of S3-compatible object storage (django-storages).

    Public media (photos, their derived sizes, logos) are served by the bucket itself,
    readable by anyone through its bucket policy, with a year's cache lifetime: their
    names are never reused. Private files (deal documents, mail attachments) sit in a
    bucket nobody may read anonymously; the portal reads them itself for the views that
    check who asks. New names never replace an existing object.
    """
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "region_name": env("EXPO_S3_REGION", default=None),
        "access_key": env("EXPO_S3_ACCESS_KEY_ID", default=None),
        "secret_key": env("EXPO_S3_SECRET_ACCESS_KEY", default=None),
        "file_overwrite": False,
        "default_acl": None,
    }
    if endpoint_url:
        # MinIO, Garage, Ceph and the test server address buckets by path.
        options["addressing_style"] = "path"
    if private:
        options["querystring_auth"] = True
        options["querystring_expire"] = 300
        options["object_parameters"] = {"CacheControl": "private, no-store"}
    else:
        options["querystring_auth"] = False
        options["custom_domain"] = public_domain
        options["object_parameters"] = {"CacheControl": "public, max-age=31536000, immutable"}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def public_media_origins(bucket: str, *, endpoint_url=None, public_domain=None) -> list[str]:
    """Where browsers load public media from, for the pages' Content-Security-Policy."""
    if public_domain:
        return [f"https://{public_domain}"]
    if endpoint_url:
        address = urlsplit(endpoint_url)
        return [f"{address.scheme}://{address.netloc}"]
    region = env("EXPO_S3_REGION", default="")
    regional = [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{bucket}.s3.amazonaws.com", *regional]


# Several app servers share media through object storage; one server keeps it on disk.
EXPO_S3_BUCKET = env("EXPO_S3_BUCKET", default="")
MEDIA_ORIGINS = []
if EXPO_S3_BUCKET:
    _endpoint = env("EXPO_S3_ENDPOINT_URL", default=None)
    _public_domain = env("EXPO_S3_PUBLIC_DOMAIN", default=None)
    STORAGES["default"] = object_storage(
        EXPO_S3_BUCKET, private=False, endpoint_url=_endpoint, public_domain=_public_domain
    )
    MEDIA_ORIGINS = public_media_origins(
        EXPO_S3_BUCKET, endpoint_url=_endpoint, public_domain=_public_domain
    )
    STORAGES["private"] = object_storage(
        env("EXPO_S3_PRIVATE_BUCKET", default=f"{EXPO_S3_BUCKET}-private"),
        private=True,
        endpoint_url=_endpoint,
    )
# Refuse oversized uploads before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Expo Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env.list("EXPO_STAFF_EMAILS", default=[])
# A slow or dead SMTP server must not hold a mail worker for long.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=20)

# Mail is queued in the database (django-post-office) after the lead is committed, and
# sent by the `mail` job (`manage.py run_job mail`, every minute). A failed attempt is
# retried MAX_RETRIES times, RETRY_INTERVAL apart (96 times 15 minutes: a day); after that
# the mail stays in the queue as "failed", where staff can requeue it from the admin.
# Nothing is dropped. While the mail server takes no connection at all the job tries no
# message (common/management/commands/deliver_mail.py), so an outage spends no retries.
POST_OFFICE = {
    "DEFAULT_PRIORITY": env("EXPO_MAIL_PRIORITY", default="medium"),
    "MAX_RETRIES": env.int("EXPO_MAIL_MAX_RETRIES", default=96),
    "RETRY_INTERVAL": timedelta(minutes=env.int("EXPO_MAIL_RETRY_MINUTES", default=15)),
    "LOG_LEVEL": 1,
    # Calendar files name the people who meet: kept with the private files, never public.
    "FILE_STORAGE": "private",
}

# The privacy notice buyers and delegates agree to; a lead records the version it was given under.
EXPO_PRIVACY_NOTICE_VERSION = "2024-10"
# New-lead notices to MSME owners and staff; a buyer's own confirmation is in the buyer's language.
EXPO_NOTIFICATION_LANGUAGE = env("EXPO_NOTIFICATION_LANGUAGE", default="id")

# Days after an expo's last day that its deals are followed up: the staff results page
# opens on the expo's first day to today, and stops at the end of this period.
EXPO_FOLLOW_UP_DAYS = env.int("EXPO_FOLLOW_UP_DAYS", default=365)

# Public form rate limits (django-ratelimit, see common/ratelimits.py). The whole venue
# shares one public address, so a flood is stopped per email (with the address) and per
# browser session; the per-address limit is only an abuse cap that hundreds of buyers at
# the booth never reach (2,000 leads an hour from one address must get through).
RATELIMIT_USE_CACHE = "default"
# A count the cache could not make comes back as "unknown"; common.ratelimits decides per
# form whether that lets the post through.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "common.http.client_ip"
EXPO_LEAD_RATE_PER_EMAIL = env("EXPO_LEAD_RATE_PER_EMAIL", default="20/h")
EXPO_LEAD_RATE_PER_SESSION = env("EXPO_LEAD_RATE_PER_SESSION", default="30/h")
EXPO_LEAD_RATE_PER_ADDRESS = env("EXPO_LEAD_RATE_PER_ADDRESS", default="5000/h")
# Password-reset links, per email (whoever asks) and per address (see common/ratelimits.py).
EXPO_PASSWORD_RESET_RATE_PER_EMAIL = env("EXPO_PASSWORD_RESET_RATE_PER_EMAIL", default="5/h")
EXPO_PASSWORD_RESET_RATE_PER_ADDRESS = env("EXPO_PASSWORD_RESET_RATE_PER_ADDRESS", default="50/h")

# Derived image sizes are made once, when a photo is saved (see common/images.py).
THUMBNAIL_PREFIX = "derived/"
THUMBNAIL_ENGINE = "common.images.ThumbnailEngine"
THUMBNAIL_PRESERVE_FORMAT = False
THUMBNAIL_QUALITY = 82
EXPO_IMAGE_WIDTHS = (400, 800, 1600)
# Photos owners upload (common/uploads.py): checked, re-encoded, and limited per owner.
EXPO_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# 25 megapixels: a phone's camera in its normal mode takes 12; the bound keeps the time
# one upload holds a web worker under 2 s (make bench-uploads). Originals are kept at most
# as wide as the widest derived size.
EXPO_UPLOAD_MAX_PIXELS = 25_000_000
EXPO_UPLOAD_MAX_SIDE = max(EXPO_IMAGE_WIDTHS)
# A deal's signed agreement as a PDF (a photo of it has the photo limits above).
EXPO_DOCUMENT_MAX_BYTES = 8 * 1024 * 1024
EXPO_OWNER_PHOTO_QUOTA = env.int("EXPO_OWNER_PHOTO_QUOTA", default=60)

# Spreadsheet import and export in the admin (django-import-export). Uploads wait for
# the confirm step in the cache, so any app server can finish an import.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Control characters would make openpyxl fail; formulae are neutralised by
# common.spreadsheets (the library's own escaping only knows a leading "=").
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# The address printed QR codes point at, e.g. https://expo.example.go.id; when empty,
# the address of the staff page that prints them is used.
EXPO_PUBLIC_BASE_URL = env("EXPO_PUBLIC_BASE_URL", default="")
# The buyer's status page: how long the signed link in a confirmation mail works (days),
# and how many months of a buyer's inquiries it lists.
EXPO_STATUS_LINK_MAX_AGE_DAYS = env.int("EXPO_STATUS_LINK_MAX_AGE_DAYS", default=90)
EXPO_STATUS_PAGE_MONTHS = env.int("EXPO_STATUS_PAGE_MONTHS", default=12)
# Buyer and delegate contacts with no activity for this many days are anonymised
# by `manage.py anonymise_contacts` (UU PDP 27/2022: keep personal data no longer than needed).
EXPO_CONTACT_RETENTION_DAYS = env.int("EXPO_CONTACT_RETENTION_DAYS", default=730)

# Meetings at the booth. A request nobody has answered for this many hours stands out
# to staff; reminders go out on the meeting's day from this hour (venue time) on, by
# `manage.py send_meeting_reminders` (cron, every 15 minutes). Slots in the past can be
# booked only in DEMO_MODE, so that the demo expo (October 2024) stays usable.
EXPO_MEETING_STALE_HOURS = env.int("EXPO_MEETING_STALE_HOURS", default=4)
EXPO_MEETING_REMINDER_HOUR = env.int("EXPO_MEETING_REMINDER_HOUR", default=7)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Country names through our own catalogue (django-countries has no Indonesian names).
COUNTRIES_OVERRIDE = COUNTRY_NAMES

PHONENUMBER_DEFAULT_REGION = "ID"
PHONENUMBER_DEFAULT_FORMAT = "E164"

# Exchange rate used to show USD amounts in rupiah (and the reverse); staff
# update it through the environment when the booth's reporting rate changes.
EXPO_USD_IDR_RATE = env.float("EXPO_USD_IDR_RATE", default=16000.0)

# Uploaded files served by the portal itself (the local demo); deployments serve
# DJANGO_MEDIA_ROOT from the proxy or object storage instead.
EXPO_SERVE_MEDIA = False

# Demo mode shows the demo logins on the home page; only the local layer turns it on.
DEMO_MODE = False
DEMO_LOGINS: list[dict] = []

# Security headers, on in every environment. Production adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    },
}

# No log line holds an email address (see common/logfilters.py). post_office's logger
# gets the same handler: left without one, it would add its own, unfiltered.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_addresses": {"()": "common.logfilters.RedactAddresses"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_addresses"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "post_office": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint and fontTools log every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "429.html"
AXES_HTTP_RESPONSE_CODE = 429
