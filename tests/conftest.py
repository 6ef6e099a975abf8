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
