"""Owner accounts: log in and out, passwords in both languages, invitations from staff."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from post_office.models import STATUS, Email

from expo_portal.settings import base as deployed
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


def _queued_reset() -> Email:
    """The one reset mail in the queue (a reset link is queued, never sent in the request)."""
    assert mail.outbox == []
    (queued,) = Email.objects.filter(status=STATUS.queued)
    return queued


def _queued_link(queued: Email) -> str:
    return LINK.search(queued.message).group(0)


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


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("https://evil.example/", "/en/admin/"),
        ("//evil.example/admin/", "/en/admin/"),
        ("/en/admin/buyers/", "/en/admin/buyers/"),
    ],
)
def test_admin_login_follows_only_a_safe_next_and_else_lands_on_the_admin(
    staff_user, password, next_url, location
):
    response = Client().post(
        f"/en/admin/login/?next={next_url}",
        {"username": staff_user.username, "password": password, "next": next_url},
    )

    assert response.headers["Location"] == location


def test_login_with_a_wrong_password_says_so_plainly(owner):
    response = Client().post("/en/portal/login/", {"username": owner.username, "password": "no"})

    assert response.status_code == 200
    assert "The username or the password is not right" in response.text


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The username or the password is not right."),
        ("id", "Nama pengguna atau kata sandi tidak benar."),
    ],
)
def test_login_with_a_wrong_password_shows_one_message_in_the_page_language(
    owner, language, message
):
    response = Client().post(
        f"/{language}/portal/login/", {"username": owner.username, "password": "wrong"}
    )

    assert response.status_code == 200
    assert response.text.count('class="alert alert-danger') == 1
    assert response.text.count(message) == 1
    assert "nama pengguna nama pengguna" not in response.text.lower()
    assert "Masukkan" not in response.text and "Please enter a correct" not in response.text


ADMIN_LOGIN_REFUSED = {
    "en": "The username or the password is not right, or the account is not a staff account.",
    "id": "Nama pengguna atau kata sandi tidak benar, atau akun ini bukan akun staf.",
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_admin_login_with_a_wrong_password_shows_one_message_in_the_page_language(
    staff_user, language
):
    response = Client().post(
        f"/{language}/admin/login/", {"username": staff_user.username, "password": "wrong"}
    )

    assert response.status_code == 200
    assert response.text.count('class="errornote"') == 1
    assert response.text.count(ADMIN_LOGIN_REFUSED[language]) == 1
    assert "nama pengguna nama pengguna" not in response.text.lower()
    assert "Masukkan" not in response.text and "Please enter the correct" not in response.text


@pytest.mark.parametrize("language", ["id", "en"])
def test_admin_login_of_an_owner_says_it_is_for_staff(owner, password, language):
    client = Client()
    response = client.post(
        f"/{language}/admin/login/", {"username": owner.username, "password": password}
    )

    assert response.status_code == 200
    assert response.text.count(ADMIN_LOGIN_REFUSED[language]) == 1
    assert "_auth_user_id" not in client.session


def test_admin_login_refuses_a_huge_username_with_a_message():
    response = Client().post("/en/admin/login/", {"username": "x" * 50_000, "password": "no"})

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.text


def test_login_is_locked_after_five_failures(owner, password):
    client = Client()
    for _ in range(5):
        client.post("/id/portal/login/", {"username": owner.username, "password": "wrong"})

    locked = client.post("/id/portal/login/", {"username": owner.username, "password": password})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


# The deployed hashers (the tests' own is a fast MD5).
@override_settings(PASSWORD_HASHERS=deployed.PASSWORD_HASHERS)
def test_login_with_an_old_pbkdf2_hash_works_and_stores_an_argon2_hash(owner, password):
    owner.password = make_password(password, hasher="pbkdf2_sha256")
    owner.save(update_fields=["password"])
    old_hash = owner.password
    refused = Client().post("/en/portal/login/", {"username": owner.username, "password": "no"})
    owner.refresh_from_db()
    kept = owner.password

    login = Client().post("/en/portal/login/", {"username": owner.username, "password": password})
    owner.refresh_from_db()
    again = Client().post("/en/portal/login/", {"username": owner.username, "password": password})

    assert old_hash.startswith("pbkdf2_sha256$1000000$")
    # A wrong password rehashes nothing.
    assert (refused.status_code, kept) == (200, old_hash)
    assert login.headers["Location"] == "/en/portal/"
    assert owner.password.startswith("argon2$argon2id$")
    assert check_password(password, owner.password)
    assert again.headers["Location"] == "/en/portal/"
    assert make_password(password).startswith("argon2$argon2id$")
    # OWASP's minimum: 19 MiB, 2 passes, 1 lane.
    assert "$v=19$m=19456,t=2,p=1$" in owner.password


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

    queued = _queued_reset()
    assert queued.to == [owner.email]
    assert f"/{language}/portal/password/reset/" in _queued_link(queued)
    assert f'href="{_queued_link(queued)}"' in queued.html_message
    if subject:
        assert queued.subject == subject


@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_is_queued_and_delivered_by_the_mail_queue(owner, tmp_path):
    response = Client().post("/en/portal/password/reset/", {"email": owner.email})
    queued = _queued_reset()

    call_command("send_queued_mail", lockfile=str(tmp_path / "post_office"))

    assert response.headers["Location"] == "/en/portal/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert _link(message) == _queued_link(queued)


def test_password_reset_link_sets_the_password_and_logs_in(owner):
    client = Client()
    client.post("/id/portal/password/reset/", {"email": owner.email.upper()})
    link = _queued_link(_queued_reset()).split("testserver", 1)[1]

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

    assert _queued_reset().to == [owner.email]


def test_password_reset_link_uses_the_public_address_not_the_host_header(owner, settings):
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.go.id"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]

    Client().post("/en/portal/password/reset/", {"email": owner.email}, HTTP_HOST="evil.example")

    assert _queued_link(_queued_reset()).startswith("https://expo.example.go.id/en/portal/")


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(owner):
    response = Client().post("/en/portal/password/reset/", {"email": "nobody@example.com"})

    assert response.headers["Location"] == "/en/portal/password/reset/sent/"
    assert (mail.outbox, Email.objects.count()) == ([], 0)


def test_password_reset_sixth_request_in_an_hour_sends_nothing_and_says_so(owner):
    """Five links an hour per email, whoever asks: the inbox cannot be flooded."""
    answers = [
        Client(REMOTE_ADDR=f"203.0.113.{number}").post(
            "/en/portal/password/reset/", {"email": owner.email}
        )
        for number in range(1, 7)
    ]

    assert [answer.status_code for answer in answers] == [302] * 5 + [429]
    assert "several times in the last hour" in answers[-1].text
    assert Email.objects.filter(to=[owner.email]).count() == 5
    assert mail.outbox == []


def test_password_reset_limit_answers_an_unknown_email_alike(owner):
    """The limit says nothing about which accounts exist."""
    client = Client()
    known = [client.post("/id/portal/password/reset/", {"email": owner.email}) for _ in range(6)]
    unknown = [
        client.post("/id/portal/password/reset/", {"email": "nobody@example.com"}) for _ in range(6)
    ]

    assert [answer.status_code for answer in known] == [302] * 5 + [429]
    assert [answer.status_code for answer in unknown] == [302] * 5 + [429]
    assert known[-1].context["form"].errors == unknown[-1].context["form"].errors
    assert "sudah beberapa kali diminta untuk alamat ini" in unknown[-1].text


def test_password_reset_limit_per_address(owner, settings):
    settings.EXPO_PASSWORD_RESET_RATE_PER_ADDRESS = "3/h"
    client = Client()

    answers = [
        client.post("/en/portal/password/reset/", {"email": f"owner{number}@example.com"})
        for number in range(4)
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 302, 429]


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
