"""Every URL of the site against every role: the access policy of common.permissions, held.

The matrix lists each named URL once (in English: the Indonesian URLs are the same views)
with GET, and with POST where the view takes a form, and the answer each role gets:

- a status code: 200/400 is the page (400: the empty form was refused, past the guards);
  302 is the redirect after the action; 403 is staff without the permission; 404 is
  another owner's object (ownership is in the query, so nobody learns it exists);
- LOGIN: a redirect to the owner login, ADMIN: a redirect to the admin login.

Each request runs in its own savepoint that is rolled back, so one role's delete or
cancel never changes what the next role sees. A URL that the matrix does not list fails
``test_permission_matrix_lists_every_url``: a new page comes with its row.

Django's admin (``admin:``) checks its own permissions per model and is left to it, except
for the admin views we wrote ourselves (``admin:meetings_meetingtable_generate``,
``admin:meetings_meeting_assign``).
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from meetings.choices import MeetingStatus, Side

from .meeting_data import book, stand
from .url_walk import named_urls, world_url

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "owner A", "owner B", "booth staff", "booth admin", "superuser")

LOGIN = "login"
ADMIN = "admin login"

# Rows by kind of page, in the order of ROLES.
PUBLIC = (200, 200, 200, 200, 200, 200)
# An owner's own list: everyone logged in sees their own (staff and other owners: none).
OWNER_PAGE = (LOGIN, 200, 200, 200, 200, 200)
# One of owner A's objects in an owner page: nobody else's, staff included.
OWNER_OBJECT = (LOGIN, 200, 404, 404, 404, 404)
OWNER_ACTION = (LOGIN, 302, 404, 404, 404, 404)
# One of owner A's meetings: owner A, and staff acting for hosts (meetings.change_meeting).
MEETING_OBJECT = (LOGIN, 200, 404, 200, 200, 200)
MEETING_ACTION = (LOGIN, 302, 404, 302, 302, 302)
# Staff pages: Booth staff and Booth admin both hold the permission, or only Booth admin.
STAFF_PAGE = (ADMIN, ADMIN, ADMIN, 200, 200, 200)
STAFF_ACTION = (ADMIN, ADMIN, ADMIN, 302, 302, 302)
ADMIN_PAGE = (ADMIN, ADMIN, ADMIN, 403, 200, 200)
ADMIN_ACTION = (ADMIN, ADMIN, ADMIN, 403, 302, 302)
# The booth device's JSON endpoints: an expired login is a 401 in JSON (the device keeps its
# captures), never a redirect; owner B captures for their own business, so passes the guard.
DEVICE_PAGE = (401, 200, 200, 200, 200, 200)
DEVICE_ACTION = (401, 400, 400, 400, 400, 400)

MATRIX = {
    # --- the project's own addresses
    ("healthz", "get"): PUBLIC,
    ("robots", "get"): PUBLIC,
    ("sitemap-index", "get"): PUBLIC,
    ("django.contrib.sitemaps.views.sitemap", "get"): PUBLIC,
    ("set_language", "get"): (302,) * 6,
    ("set_language", "post"): (302,) * 6,
    ("portal-entry", "get"): (302,) * 6,
    ("home", "get"): PUBLIC,
    # --- public catalogue, leads and booking
    ("products:catalogue", "get"): PUBLIC,
    ("products:detail", "get"): PUBLIC,
    ("products:catalogue-pdf", "get"): PUBLIC,
    ("products:expo-catalogue-pdf", "get"): PUBLIC,
    ("booths:exhibitor-list", "get"): PUBLIC,
    ("booths:exhibitor-detail", "get"): PUBLIC,
    ("buyers:product-interest", "get"): PUBLIC,
    ("buyers:product-interest", "post"): (400,) * 6,
    ("buyers:exhibitor-interest", "get"): PUBLIC,
    ("buyers:exhibitor-interest", "post"): (400,) * 6,
    ("buyers:sent", "get"): PUBLIC,
    ("buyers:inquiry-list", "get"): PUBLIC,
    ("buyers:inquiry-list", "post"): (400,) * 6,
    ("buyers:inquiry-list-add", "get"): (405,) * 6,
    ("buyers:inquiry-list-add", "post"): (302,) * 6,
    ("buyers:inquiry-list-remove", "get"): (405,) * 6,
    ("buyers:inquiry-list-remove", "post"): (302,) * 6,
    ("buyers:cooperation", "get"): PUBLIC,
    ("buyers:cooperation", "post"): (400,) * 6,
    ("buyers:privacy", "get"): PUBLIC,
    ("workforce:index", "get"): PUBLIC,
    ("workforce:sector", "get"): PUBLIC,
    ("workforce:programme", "get"): PUBLIC,
    # --- the buyer's status page: the signed link is the key
    ("buyers:status", "get"): PUBLIC,
    ("buyers:status", "post"): (400,) * 6,
    ("buyers:status-withdraw", "get"): (405,) * 6,
    ("buyers:status-withdraw", "post"): (302,) * 6,
    ("meetings:book-agency", "get"): PUBLIC,
    ("meetings:book-agency", "post"): (400,) * 6,
    ("meetings:book", "get"): PUBLIC,
    ("meetings:book", "post"): (400,) * 6,
    # --- the guest's meeting pages: the signed link is the key
    ("meetings:guest", "get"): PUBLIC,
    ("meetings:guest", "post"): (302,) * 6,
    ("meetings:guest-move", "get"): PUBLIC,
    ("meetings:guest-move", "post"): (400,) * 6,
    ("meetings:guest-calendar", "get"): PUBLIC,
    # --- the host's meeting pages
    ("meetings:owner-schedule", "get"): OWNER_PAGE,
    ("meetings:host-move", "get"): MEETING_OBJECT,
    ("meetings:host-move", "post"): (LOGIN, 400, 404, 400, 400, 400),
    ("meetings:host-confirm", "get"): (LOGIN, 405, 405, 405, 405, 405),
    ("meetings:host-confirm", "post"): MEETING_ACTION,
    ("meetings:host-decline", "get"): (LOGIN, 405, 405, 405, 405, 405),
    ("meetings:host-decline", "post"): MEETING_ACTION,
    ("meetings:host-cancel", "get"): (LOGIN, 405, 405, 405, 405, 405),
    ("meetings:host-cancel", "post"): MEETING_ACTION,
    # --- the meetings desk (staff)
    ("meetings:staff-day", "get"): STAFF_PAGE,
    ("meetings:staff-attendance", "get"): (ADMIN, ADMIN, ADMIN, 405, 405, 405),
    ("meetings:staff-attendance", "post"): STAFF_ACTION,
    ("meetings:staff-take", "get"): (ADMIN, ADMIN, ADMIN, 405, 405, 405),
    ("meetings:staff-take", "post"): STAFF_ACTION,
    ("meetings:table-print", "get"): STAFF_PAGE,
    # --- the owner portal: accounts
    # Whoever is logged in already goes on to their start page.
    ("portal:login", "get"): (200, 302, 302, 302, 302, 302),
    ("portal:login", "post"): (200, 302, 302, 302, 302, 302),
    ("portal:logout", "get"): (405,) * 6,
    ("portal:logout", "post"): (302,) * 6,
    ("portal:password-change", "get"): OWNER_PAGE,
    ("portal:password-change", "post"): OWNER_PAGE,
    ("portal:password-reset", "get"): PUBLIC,
    ("portal:password-reset", "post"): PUBLIC,
    ("portal:password-reset-done", "get"): PUBLIC,
    # The link is the key, whoever opens it; owner A's own login has used it up (200: the
    # page that says so), as choosing the password does.
    ("portal:password-reset-confirm", "get"): (302, 200, 302, 302, 302, 302),
    ("portal:invitation", "get"): (302, 200, 302, 302, 302, 302),
    # --- the owner portal: owner A's business, products and leads
    ("portal:dashboard", "get"): OWNER_PAGE,
    ("portal:business-edit", "get"): OWNER_OBJECT,
    ("portal:business-edit", "post"): OWNER_OBJECT,
    ("portal:business-submit", "get"): (LOGIN, 405, 405, 405, 405, 405),
    ("portal:business-submit", "post"): OWNER_ACTION,
    ("portal:product-list", "get"): OWNER_PAGE,
    ("portal:product-add", "get"): OWNER_OBJECT,
    ("portal:product-add", "post"): (LOGIN, 400, 404, 404, 404, 404),
    ("portal:product-edit", "get"): OWNER_OBJECT,
    ("portal:product-edit", "post"): (LOGIN, 400, 404, 404, 404, 404),
    ("portal:product-archive", "get"): (LOGIN, 405, 405, 405, 405, 405),
    ("portal:product-archive", "post"): OWNER_ACTION,
    ("portal:product-withdraw", "get"): (LOGIN, 405, 405, 405, 405, 405),
    ("portal:product-withdraw", "post"): OWNER_ACTION,
    ("portal:product-delete", "get"): OWNER_OBJECT,
    ("portal:product-delete", "post"): OWNER_ACTION,
    ("portal:lead-list", "get"): OWNER_PAGE,
    ("portal:lead-detail", "get"): OWNER_OBJECT,
    ("portal:lead-detail", "post"): (LOGIN, 400, 404, 404, 404, 404),
    ("portal:deal-add", "get"): OWNER_OBJECT,
    ("portal:deal-add", "post"): (LOGIN, 400, 404, 404, 404, 404),
    ("portal:deal-edit", "get"): OWNER_OBJECT,
    ("portal:deal-edit", "post"): (LOGIN, 400, 404, 404, 404, 404),
    # A deal's signed agreement: its owners, and staff who may see deals (in the admin).
    ("deals:document", "get"): (LOGIN, 200, 404, 200, 200, 200),
    # --- the daily digest: the unsubscribe link needs no login (owner A's token); the
    # portal's switch is each account's own
    ("digest:unsubscribe", "get"): PUBLIC,
    ("digest:unsubscribe", "post"): (302,) * 6,
    ("digest:preference", "get"): (405,) * 6,
    ("digest:preference", "post"): (LOGIN, 302, 302, 302, 302, 302),
    # --- the owner portal: staff invite owners
    ("portal:staff-owners", "get"): ADMIN_PAGE,
    ("portal:staff-invite", "get"): (ADMIN, ADMIN, ADMIN, 403, 405, 405),
    ("portal:staff-invite", "post"): ADMIN_ACTION,
    # --- the back office
    ("backoffice:results", "get"): STAFF_PAGE,
    ("backoffice:results-csv", "get"): STAFF_PAGE,
    ("backoffice:results-report-pdf", "get"): STAFF_PAGE,
    ("backoffice:results-report-xlsx", "get"): STAFF_PAGE,
    ("backoffice:cards", "get"): STAFF_PAGE,
    ("backoffice:personal-data", "get"): ADMIN_PAGE,
    ("backoffice:personal-data", "post"): (ADMIN, ADMIN, ADMIN, 403, 400, 400),
    # The thank-you mail mails every visitor of an expo: Booth admins only. An empty post
    # chooses no expo (400).
    ("thankyou:mailing", "get"): ADMIN_PAGE,
    ("thankyou:mailing", "post"): (ADMIN, ADMIN, ADMIN, 403, 400, 400),
    # --- the booth floor: staff capture for the whole expo, an owner for their own business
    ("booth:capture", "get"): (LOGIN, 200, 200, 200, 200, 200),
    ("booth:capture", "post"): (LOGIN, 400, 400, 400, 400, 400),
    ("booth:capture-api", "get"): (405,) * 6,
    ("booth:capture-api", "post"): DEVICE_ACTION,
    ("booth:catalogue", "get"): DEVICE_PAGE,
    ("booth:session", "get"): DEVICE_PAGE,
    ("booth:device", "get"): (405,) * 6,
    ("booth:device", "post"): DEVICE_ACTION,
    ("booth:day", "get"): STAFF_PAGE,
    ("booth:service-worker", "get"): PUBLIC,
    ("booth:manifest", "get"): PUBLIC,
    # --- our own admin views
    ("admin:meetings_meetingtable_generate", "get"): (ADMIN, ADMIN, ADMIN, 200, 200, 200),
    ("admin:meetings_meetingtable_generate", "post"): (ADMIN, ADMIN, ADMIN, 200, 200, 200),
    ("admin:meetings_meeting_assign", "get"): (ADMIN, ADMIN, ADMIN, 405, 405, 405),
    ("admin:meetings_meeting_assign", "post"): (ADMIN, ADMIN, ADMIN, 302, 302, 302),
}


def _answer(response) -> int | str:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.startswith(f"{reverse('portal:login')}?next="):
        return LOGIN
    if response.status_code == 302 and location.startswith(f"{reverse('admin:login')}?next="):
        return ADMIN
    return response.status_code


def _ask(world, role, name, method) -> int | str:
    url = world_url(world, name)
    with transaction.atomic():
        cache.clear()
        client = Client()
        if role != "anonymous":
            client.force_login(world["accounts"][role])
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return _answer(response)


@pytest.mark.parametrize(("name", "method"), list(MATRIX))
def test_permission_matrix_answers_each_role(world, name, method):
    answers = {role: _ask(world, role, name, method) for role in ROLES}

    assert answers == dict(zip(ROLES, MATRIX[name, method], strict=True))


def test_permission_matrix_lists_every_url():
    listed = {name for name, _method in MATRIX}
    ours = {
        name
        for name in named_urls(get_resolver())
        if not name.startswith("admin:") or name in listed
    }

    assert ours - listed == set(), "a URL without a row in the permission matrix"
    assert listed - ours == set(), "a row in the permission matrix for a URL that is gone"
    assert all((name, "get") in MATRIX for name in ours)


# --- the policy beyond the status codes --------------------------------------------------


def test_staff_without_the_meetings_permission_cannot_act_for_a_host(user, staff_user):
    """Staff status alone opens no owner's object: the meetings permission does."""
    place = stand(owners=[user])
    meeting = book(place, place.slot("11:00"))
    client = Client()
    client.force_login(staff_user)

    move = client.get(reverse("meetings:host-move", kwargs={"pk": meeting.pk}))
    confirm = client.post(reverse("meetings:host-confirm", kwargs={"pk": meeting.pk}))

    meeting.refresh_from_db()
    assert (move.status_code, confirm.status_code) == (404, 404)
    assert meeting.status == MeetingStatus.REQUESTED


def test_staff_acting_for_a_host_are_recorded_as_staff(user, booth_staff):
    place = stand(owners=[user])
    meeting = book(place, place.slot("11:00"))
    client = Client()
    client.force_login(booth_staff)

    client.post(reverse("meetings:host-confirm", kwargs={"pk": meeting.pk}))

    meeting.refresh_from_db()
    event = meeting.history.last()
    assert meeting.status == MeetingStatus.CONFIRMED
    assert (event.side, event.actor) == (Side.STAFF, booth_staff)
