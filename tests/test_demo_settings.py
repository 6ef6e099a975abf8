"""`make run` shows the product as deployed: debug pages off, static files served by
WhiteNoise, and demo accounts for each staff role besides the superuser."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from meetings.models import MeetingTable

ROOT = Path(__file__).resolve().parents[1]

# Run with the demo's settings (those of `make run`), in a process of its own.
PROBE = """
import json
import django

django.setup()
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

call_command("collectstatic", "--noinput", verbosity=0)
client = Client(HTTP_HOST="127.0.0.1")
css_url = static("css/portal.css")
css = client.get(css_url)
missing = client.get("/en/no-such-page/")
print(json.dumps({
    "debug": settings.DEBUG,
    "css_url": css_url,
    "css_status": css.status_code,
    "css_type": css.headers.get("Content-Type", ""),
    "missing_status": missing.status_code,
    "missing_page": missing.content.decode(),
}))
"""


@pytest.fixture(scope="module")
def demo_probe(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="expo_portal.settings.local",
        DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_demo_settings_have_debug_off(demo_probe):
    assert demo_probe["debug"] is False


def test_demo_serves_hashed_static_files_with_debug_off(demo_probe):
    assert demo_probe["css_url"].startswith("/static/css/portal.")
    assert demo_probe["css_url"] != "/static/css/portal.css"  # hashed, as in production
    assert (demo_probe["css_status"], demo_probe["css_type"].split(";")[0]) == (200, "text/css")


def test_demo_shows_the_portal_404_page_not_the_debug_page(demo_probe):
    assert demo_probe["missing_status"] == 404
    assert "<title>Page not found · Expo Portal</title>" in demo_probe["missing_page"]
    assert "Using the URLconf" not in demo_probe["missing_page"]


@pytest.mark.django_db
def test_load_demo_makes_a_booth_staff_and_a_booth_admin_account(settings):
    from expo_portal.settings import local as demo_settings

    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = demo_settings.DEMO_LOGINS
    out = StringIO()

    call_command("load_demo", "--no-images", stdout=out)

    users = get_user_model().objects.prefetch_related("groups")
    roles = {
        user.username: (user.is_staff, user.is_superuser, [g.name for g in user.groups.all()])
        for user in users.filter(username__in=["admin", "boothadmin", "staff", "sari"])
    }
    assert roles == {
        "admin": (True, True, []),
        "boothadmin": (True, False, ["Booth admin"]),
        "staff": (True, False, ["Booth staff"]),
        "sari": (False, False, []),
    }
    staff, booth_admin = users.get(username="staff"), users.get(username="boothadmin")
    assert staff.has_perm("meetings.change_meeting") and not staff.has_perm("auth.change_user")
    assert booth_admin.has_perm("auth.change_user")
    assert "Demo accounts: admin, boothadmin, staff, sari, budi" in out.getvalue()
    for login in demo_settings.DEMO_LOGINS[:3]:
        user = users.get(username=login["username"])
        assert user.check_password(login["password"])
        client = Client()
        client.force_login(user)
        assert client.get("/en/admin/").status_code == 200
    assert set(MeetingTable.objects.values_list("name_en", "name_ind")) == {
        ("Table 1", "Meja 1"),
        ("Table 2", "Meja 2"),
        ("BP2MI desk", "Meja BP2MI"),
    }


@pytest.mark.django_db
def test_demo_booths_day_shows_todays_captures(settings):
    from expo_portal.settings import local as demo_settings

    settings.DEMO_MODE = True
    settings.DEMO_LOGINS = demo_settings.DEMO_LOGINS
    call_command("load_demo", "--no-images", stdout=StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username="boothadmin"))

    response = client.get(reverse("booth:day"))

    by_staff = list(response.context["by_staff"])
    assert [row["leads"] for row in by_staff] == [3]
    assert {row["exhibitor__name"] for row in response.context["by_business"]}


@pytest.mark.django_db
def test_admin_pages_have_the_portal_icon(admin_client):
    page = admin_client.get("/en/admin/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page


def test_make_run_and_the_readme_name_the_demo_logins():
    from expo_portal.settings import local as demo_settings

    makefile = (ROOT / "Makefile").read_text()
    readme = (ROOT / "README.md").read_text()
    for login in demo_settings.DEMO_LOGINS:
        assert f"{login['username']} / {login['password']}" in makefile
        assert f"`{login['username']}` | `{login['password']}`" in readme
    recipe = makefile.split("\nrun: install")[1].split("\n\n")[0]
    assert "manage.py collectstatic --noinput" in recipe
