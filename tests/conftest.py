import pytest

from .factories import DEFAULT_PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of a test land in its own temporary folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    """An MSME owner account (not staff)."""
    return UserFactory(username="sari")


@pytest.fixture
def other_user(db):
    return UserFactory(username="budi")


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", staff=True)


@pytest.fixture(autouse=True)
def static_root(settings, tmp_path):
    """WhiteNoise wants STATIC_ROOT to exist; tests never run collectstatic."""
    static_root = tmp_path / "static"
    static_root.mkdir()
    settings.STATIC_ROOT = static_root
    return static_root


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request to /id/... leaves Indonesian active in the
    thread, and reverse() in the next test would build /id/ URLs."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


def staff_role(name):
    """A group made by the roles data migration; made again after a transactional test
    has flushed the database."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=name).exists():
        importlib.import_module("backoffice.migrations.0002_roles").create_roles(apps, None)
        importlib.import_module("backoffice.migrations.0003_booth_admin_mail_queue").grant(
            apps, None
        )
    return Group.objects.get(name=name)


@pytest.fixture
def booth_staff(db):
    """A staff account in the "Booth staff" group."""
    member = UserFactory(username="boothstaff", staff=True)
    member.groups.add(staff_role("Booth staff"))
    return member


@pytest.fixture
def booth_admin(db):
    """A staff account in the "Booth admin" group."""
    member = UserFactory(username="boothadmin", staff=True)
    member.groups.add(staff_role("Booth admin"))
    return member


@pytest.fixture
def generous_limits(settings):
    """Form rate limits out of the way, for tests that send many forms at once."""
    settings.EXPO_LEAD_RATE_PER_EMAIL = "1000/h"
    settings.EXPO_LEAD_RATE_PER_SESSION = "1000/h"
    settings.EXPO_LEAD_RATE_PER_ADDRESS = "1000/h"
    settings.STAFF_NOTIFICATION_EMAILS = []


@pytest.fixture
def assert_page_queries(django_assert_num_queries):
    """``assert_page_queries(client, pages, counts)``: each page answers 200 in exactly its
    number of SQL queries. ``pages`` maps a name to a URL or to (URL, query parameters);
    ``counts`` maps the same names to the counts. ``cold`` empties the cache before each
    page, so a public page is rendered rather than served whole from the page cache.

    Query-count tests call it at two sizes of the data with the same counts: a page whose
    count grows with the data, or changes at all, fails with the page's name."""
    from django.core.cache import cache

    def check(client, pages, counts, *, cold=False):
        assert pages.keys() == counts.keys()
        for name, page in pages.items():
            url, params = page if isinstance(page, tuple) else (page, None)
            if cold:
                cache.clear()
            with django_assert_num_queries(counts[name], info=f"Page: {name}"):
                response = client.get(url, params or {})
            assert response.status_code == 200, name

    return check
