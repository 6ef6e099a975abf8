"""Owner accounts: log in and out, passwords in both languages, invitations from staff."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from portal.services import owner_invite

from .factories import ExhibitorFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"<]+/(welcome|password/reset)/[^\s\"<]+/")


@pytest.fixture
def owner(user):
    ExhibitorFactory(owners=[user], name="Batik Sekar Jagad")
    return user


def _link(message) -> str:
    return LINK.search(message.body).group(0)


# ---- Logging in and out --------------------------------------------------------------------


def test_login_url_setting_points_at_the_portal():
    assert settings.LOGIN_URL == "portal:login"


@pytest.mark.parametrize("language", ["id", "en"])
def test_login_lands_on_the_dashboard_in_the_language_of_the_page(owner, password, language):
    response = Client().post(
        f"/{language}/portal/login/", {"username": owner.username, "password": password}
    )

    assert response.headers["Location"] == f"/{language}/portal/"


def test_login_of_staff_without_a_business_goes_to_the_admin(staff_user, password):
    response = Client().post(
        "/en/portal/login/", {"username": staff_user.username, "password": password}
    )

    assert response.headers["Location"] == "/en/admin/"


def test_login_with_a_wrong_password_says_so_plainly(owner):
    response = Client().post("/en/portal/login/", {"username": owner.username, "password": "no"})

    assert response.status_code == 200
    assert "The username or the password is not right" in response.text


def test_login_is_locked_after_five_failures(owner, password):
    client = Client()
    for _ in range(5):
        client.post("/id/portal/login/", {"username": owner.username, "password": "wrong"})

    locked = client.post("/id/portal/login/", {"username": owner.username, "password": password})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_portal_without_a_language_goes_to_indonesian_unless_english_was_chosen():
    client = Client()
    default = client.get("/portal/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chosen = client.get("/portal/")

    assert (default.headers["Location"], chosen.headers["Location"]) == (
        "/id/portal/",
        "/en/portal/",
    )


def test_anonymous_visitor_is_sent_to_the_login_with_next():
    response = Client().get("/id/portal/products/")

    assert response.headers["Location"] == "/id/portal/login/?next=/id/portal/products/"


def test_layout_shows_my_business_and_log_out_to_owners_and_log_in_to_others(owner):
    anonymous = Client().get("/en/")
    client = Client()
    client.force_login(owner)
    logged_in = client.get("/en/")

    assert "Exhibitor login" in anonymous.text and "My business" not in anonymous.text
    assert "My business" in logged_in.text and "Log out" in logged_in.text


def test_logout_needs_a_post_and_ends_the_session(owner):
    client = Client()
    client.force_login(owner)

    refused = client.get(reverse("portal:logout"))
    response = client.post(reverse("portal:logout"))

    assert refused.status_code == 405
    assert response.headers["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


# ---- Passwords -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject"),
    [("en", "Choose a new password for the Expo Portal"), ("id", None)],
)
def test_password_reset_mail_is_in_the_language_of_the_page(owner, language, subject):
    Client().post(f"/{language}/portal/password/reset/", {"email": owner.email})

    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert f"/{language}/portal/password/reset/" in _link(message)
    if subject:
        assert message.subject == subject


def test_password_reset_link_sets_the_password_and_logs_in(owner):
    client = Client()
    client.post("/id/portal/password/reset/", {"email": owner.email.upper()})
    link = _link(mail.outbox[0]).split("testserver", 1)[1]

    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Batik-Sekar-2025", "new_password2": "Batik-Sekar-2025"},
    )

    assert done.headers["Location"] == "/id/portal/"
    owner.refresh_from_db()
    assert owner.check_password("Batik-Sekar-2025")
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert client.get(link).context["validlink"] is False


def test_password_reset_also_reaches_an_invited_owner_without_a_password(owner):
    owner.set_unusable_password()
    owner.save()

    Client().post("/id/portal/password/reset/", {"email": owner.email})

    assert len(mail.outbox) == 1


def test_password_reset_link_uses_the_public_address_not_the_host_header(owner, settings):
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.go.id"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]

    Client().post("/en/portal/password/reset/", {"email": owner.email}, HTTP_HOST="evil.example")

    assert _link(mail.outbox[0]).startswith("https://expo.example.go.id/en/portal/")


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(owner):
    response = Client().post("/en/portal/password/reset/", {"email": "nobody@example.com"})

    assert response.headers["Location"] == "/en/portal/password/reset/sent/"
    assert mail.outbox == []


def test_password_change_needs_the_old_password(owner, password):
    client = Client()
    client.force_login(owner)

    wrong = client.post(
        reverse("portal:password-change"),
        {
            "old_password": "not-it",
            "new_password1": "Kopi-Gayo-2025!",
            "new_password2": "Kopi-Gayo-2025!",
        },
    )
    right = client.post(
        reverse("portal:password-change"),
        {
            "old_password": password,
            "new_password1": "Kopi-Gayo-2025!",
            "new_password2": "Kopi-Gayo-2025!",
        },
    )

    assert wrong.status_code == 200
    assert right.headers["Location"] == "/en/portal/"
    owner.refresh_from_db()
    assert owner.check_password("Kopi-Gayo-2025!")


# ---- Invitations ---------------------------------------------------------------------------


def test_owner_invite_mails_a_one_time_link_and_no_password(owner):
    owner.set_password("typed-by-staff-1")
    owner.last_login = None
    owner.save()

    owner_invite(user=owner, base_url="https://expo.example.go.id")

    (message,) = mail.outbox
    link = _link(message)
    assert link.startswith("https://expo.example.go.id/id/portal/welcome/")
    assert "typed-by-staff-1" not in message.body
    assert owner.username in message.body and "Batik Sekar Jagad" in message.body
    assert message.alternatives[0][1] == "text/html"
    owner.refresh_from_db()
    # The password staff may have typed in the admin no longer works.
    assert not owner.has_usable_password()


def test_owner_invite_link_lets_the_owner_choose_a_password_once(owner):
    owner_invite(user=owner, base_url="http://testserver")
    path = _link(mail.outbox[0]).split("testserver", 1)[1]
    client = Client()

    welcome = client.get(path, follow=True)
    chosen = client.post(
        welcome.redirect_chain[-1][0],
        {"new_password1": "Batik-Sekar-2025", "new_password2": "Batik-Sekar-2025"},
    )

    assert (welcome.context["invitation"], welcome.context["validlink"]) == (True, True)
    assert chosen.headers["Location"] == "/id/portal/"
    assert Client().get(path, follow=True).context["validlink"] is False


def test_owner_invite_refuses_accounts_without_email_or_switched_off():
    """Tried: an account without an email address and an inactive one."""
    for user in (UserFactory(email=""), UserFactory(is_active=False)):
        with pytest.raises(ValidationError):
            owner_invite(user=user, base_url="https://expo.example.go.id")
    assert mail.outbox == []


def test_staff_invite_view_sends_the_invitation_in_the_chosen_language(owner, booth_admin):
    client = Client()
    client.force_login(booth_admin)

    response = client.post(
        reverse("portal:staff-invite", kwargs={"pk": owner.pk}), {"language": "en"}, follow=True
    )

    assert f"The invitation is sent to {owner.email}." in response.text
    assert "/en/portal/welcome/" in _link(mail.outbox[0])


def test_staff_invite_view_never_invites_staff_accounts(booth_admin, staff_user):
    client = Client()
    client.force_login(booth_admin)

    response = client.post(
        reverse("portal:staff-invite", kwargs={"pk": staff_user.pk}), {"language": "id"}
    )

    assert response.status_code == 404
    assert mail.outbox == []


def test_invite_owner_command(owner):
    call_command("invite_owner", owner.username, "--base-url", "https://expo.example.go.id")

    assert _link(mail.outbox[0]).startswith("https://expo.example.go.id/id/portal/welcome/")


def test_invite_owner_command_errors(owner, settings):
    """Tried: an unknown username, and no base URL anywhere."""
    settings.EXPO_PUBLIC_BASE_URL = ""
    with pytest.raises(CommandError, match="No such account: ghost"):
        call_command("invite_owner", "ghost", "--base-url", "https://expo.example.go.id")
    with pytest.raises(CommandError, match="base-url"):
        call_command("invite_owner", owner.username, "--base-url", "")
    assert mail.outbox == []
