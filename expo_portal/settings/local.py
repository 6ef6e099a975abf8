"""Local demo: runs with no environment at all, on SQLite.

It shows the product as deployed: debug pages off (the portal's own 404 and 500 pages),
static files collected and served by WhiteNoise with hashed names. A developer who wants
Django's debug pages sets DJANGO_DEBUG=true (in .env, say).
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, POST_OFFICE, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="local-demo-only-not-secret-7b1f0c9e4d2a48b5a3c6e8f1d0b9a7c5e3f1",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# No proxy in front of the demo: the portal serves the uploaded pictures itself.
EXPO_SERVE_MEDIA = True
DEMO_MODE = True
# The demo prints mail to the console as soon as a lead is committed, with no cron to run.
POST_OFFICE = {**POST_OFFICE, "DEFAULT_PRIORITY": env("EXPO_MAIL_PRIORITY", default="now")}
# Accounts that load_demo creates, shown on the home page in demo mode only.
# Roles: "superuser"; "booth_admin" and "staff" are staff accounts in the groups "Booth
# admin" and "Booth staff" (backoffice/migrations/0002_roles.py); "owner" owns demo businesses.
DEMO_LOGINS = [
    {"role": "superuser", "username": "admin", "password": "Admin-super-2024"},
    {"role": "booth_admin", "username": "boothadmin", "password": "Booth-admin-2024"},
    {"role": "staff", "username": "staff", "password": "Booth-staff-2024"},
    {"role": "owner", "username": "sari", "password": "Sari-owner-2024"},
    {"role": "owner", "username": "budi", "password": "Budi-owner-2024"},
]

# The SQLite file, cache and uploads of the demo live in var/ (git-ignored).
(BASE_DIR / "var").mkdir(exist_ok=True)
