import datetime
import socket

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from django.views.defaults import server_error

from common.release import release

from .factories import BoothFactory, ExpoFactory

# Security headers


@pytest.mark.django_db
def test_home_security_headers(client):
    response = client.get("/en/")

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_healthz_security_headers(client):
    response = client.get("/healthz")

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


# Languages


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "location"),
    [
        ("en", "/en/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("id", "/id/"),
        ("id-ID,id;q=0.9,en;q=0.8", "/id/"),
        ("ja", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, location):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response.headers["Location"] == location


# Home page


@pytest.mark.django_db
def test_home_shows_current_expo_and_stand(client):
    ExpoFactory(name_en="Trade Expo Indonesia 2023", start_date=datetime.date(2023, 10, 18))
    expo = ExpoFactory(
        current=True,
        name_en="Trade Expo Indonesia 2024",
        name_ind="Pameran Dagang Indonesia 2024",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 13),
    )
    BoothFactory(expo=expo, hall="Hall 5", stand_number="5-118")

    response = client.get("/en/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Trade Expo Indonesia 2024" in content
    assert "Trade Expo Indonesia 2023" not in content
    assert "Hall 5" in content
    assert "5-118" in content


@pytest.mark.django_db
def test_home_in_indonesian_shows_indonesian_expo_name(client):
    expo = ExpoFactory(
        current=True, name_en="Trade Expo Indonesia 2024", name_ind="Pameran Dagang Indonesia 2024"
    )
    BoothFactory(expo=expo, hall="Hall 5", stand_number="5-118")

    response = client.get("/id/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in content
    assert "Pameran Dagang Indonesia 2024" in content
    assert "5-118" in content


@pytest.mark.django_db
def test_home_without_expo_renders(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "Welcome to the Expo Portal" in response.content.decode()


# Health check


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "up",
        "cache": "up",
        "release": release(),
    }
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_post_not_allowed(client):
    response = client.post("/healthz")

    assert response.status_code == 405


@pytest.mark.django_db(transaction=True)
def test_healthz_database_down_503(client):
    # Hold a port that nobody listens on, so connecting to it is refused at once.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as closed_port:
        closed_port.bind(("127.0.0.1", 0))
        original = (connection.settings_dict["HOST"], connection.settings_dict["PORT"])
        connection.close()
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = str(closed_port.getsockname()[1])
        try:
            response = client.get("/healthz")
        finally:
            connection.settings_dict["HOST"], connection.settings_dict["PORT"] = original
            connection.close()

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        "cache": "up",
        "release": release(),
    }
    # The real database is back for the rest of the suite.
    assert client.get("/healthz").status_code == 200


# Passwords and login lockout


def test_password_validators_reject_11_characters():
    with pytest.raises(ValidationError) as raised:
        validate_password("Kopi-Gayo-7")

    assert [error.code for error in raised.value.error_list] == ["password_too_short"]


def test_password_validators_accept_12_characters():
    assert validate_password("Kopi-Gayo-7x") is None


@pytest.mark.parametrize(
    ("password", "code"),
    [("password1234", "password_too_common"), ("394857203948", "password_entirely_numeric")],
)
def test_password_validators_reject_common_and_numeric(password, code):
    with pytest.raises(ValidationError) as raised:
        validate_password(password)

    assert code in [error.code for error in raised.value.error_list]


LOGIN_URL = "/en/admin/login/"
VENUE_IP = "203.0.113.10"
OTHER_IP = "198.51.100.20"


def post_login(client, username, password, ip):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/en/admin/"},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_login_lockout_after_five_failures(client, staff_user, password):
    for _ in range(4):
        response = post_login(client, "staff", "wrong-password", VENUE_IP)
        assert response.status_code == 200
    fifth = post_login(client, "staff", "wrong-password", VENUE_IP)

    sixth = post_login(client, "staff", password, VENUE_IP)

    assert fifth.status_code == 429
    assert sixth.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_lockout_same_username_other_ip_may_log_in(client, staff_user, password):
    for _ in range(5):
        post_login(client, "staff", "wrong-password", VENUE_IP)
    client.cookies.clear()

    response = post_login(client, "staff", password, OTHER_IP)

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/admin/"
    assert client.session["_auth_user_id"] == str(staff_user.pk)


@pytest.mark.django_db
def test_login_lockout_other_username_same_ip_may_log_in(client, staff_user, password):
    for _ in range(5):
        post_login(client, "someone-else", "wrong-password", VENUE_IP)

    response = post_login(client, "staff", password, VENUE_IP)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


@pytest.mark.django_db
def test_login_four_failures_then_success(client, staff_user, password):
    for _ in range(4):
        post_login(client, "staff", "wrong-password", VENUE_IP)

    response = post_login(client, "staff", password, VENUE_IP)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


# The error page Django renders without context


@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("en", "Something went wrong on our side", "This is not your fault."),
        ("id", "Terjadi kesalahan di pihak kami", "Ini bukan kesalahan Anda."),
    ],
)
def test_server_error_page_renders_without_context_in_each_language(rf, language, heading, advice):
    with translation.override(language):
        response = server_error(rf.get(f"/{language}/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in page
    assert heading in page
    assert advice in page
    assert 'href="/"' in page
