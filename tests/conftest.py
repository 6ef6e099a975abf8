import pytest
from django.apps import apps
from django.core.files.storage import storages

from .factories import DEFAULT_PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, monkeypatch):
    """Uploads of a test land in its own temporary folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    private = {**settings.STORAGES["private"]}
    private["OPTIONS"] = {**private["OPTIONS"], "location": tmp_path / "private"}
    settings.STORAGES = {**settings.STORAGES, "private": private}
    # Mail attachments take the private storage once, when their model is loaded.
    attachment_file = apps.get_model("post_office", "Attachment")._meta.get_field("file")
    monkeypatch.setattr(attachment_file, "storage", storages["private"])
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
        importlib.import_module("thankyou.migrations.0002_booth_admin_sends").grant(apps, None)
        importlib.import_module("workforce.migrations.0002_staff_roles").grant(apps, None)
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


@pytest.fixture
def world(user, other_user, booth_staff, booth_admin, generous_limits):
    """Owner A (sari) stands at the booth with a product, a lead and a meeting; owner B
    (budi) has a business of their own. ``urls`` and ``queries`` give the address of each
    named URL (tests/url_walk.py)."""
    import datetime
    from decimal import Decimal

    from django.contrib.auth.tokens import default_token_generator
    from django.core import signing
    from django.core.files.base import ContentFile
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from buyers.status import status_token
    from buyers.views import SENT_SALT
    from deals.services import deal_record
    from digest.tokens import unsubscribe_token
    from meetings.tokens import guest_token

    from .factories import (
        ExhibitorFactory,
        OccupationFactory,
        ProductFactory,
        TradeLeadFactory,
        TrainingProgrammeFactory,
    )
    from .meeting_data import book, stand

    place = stand(owners=[user])
    product = ProductFactory(exhibitor=place.exhibitor)
    lead = TradeLeadFactory(product=product)
    deal = deal_record(
        lead=lead,
        actor=user,
        title="First container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("12000"),
        document=ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", name="mou.pdf"),
    )
    meeting = book(place, place.slot("11:00"))
    ExhibitorFactory(owners=[other_user])
    occupation = OccupationFactory()
    programme = TrainingProgrammeFactory(occupations=[occupation])
    accounts = {
        "owner A": user,
        "owner B": other_user,
        "booth staff": booth_staff,
        "booth admin": booth_admin,
        "superuser": UserFactory(username="root", staff=True, is_superuser=True),
    }
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    day = place.day.isoformat()
    slug = place.exhibitor.slug
    urls = {
        "django.contrib.sitemaps.views.sitemap": {"section": "products"},
        "products:detail": {"slug": product.slug},
        "products:expo-catalogue-pdf": {"expo": place.expo.slug},
        "booths:exhibitor-detail": {"slug": slug},
        "buyers:product-interest": {"slug": product.slug},
        "buyers:exhibitor-interest": {"slug": slug},
        "buyers:sent": {"token": signing.dumps(lead.reference, salt=SENT_SALT, compress=True)},
        "buyers:status": {"token": status_token(lead.buyer)},
        "buyers:status-withdraw": {"token": status_token(lead.buyer)},
        "buyers:inquiry-list-add": {"slug": product.slug},
        "buyers:inquiry-list-remove": {"pk": product.pk},
        "meetings:book": {"slug": slug},
        "meetings:guest": {"token": guest_token(meeting)},
        "meetings:guest-move": {"token": guest_token(meeting)},
        "meetings:guest-calendar": {"token": guest_token(meeting)},
        "meetings:host-move": {"pk": meeting.pk},
        "meetings:host-confirm": {"pk": meeting.pk},
        "meetings:host-decline": {"pk": meeting.pk},
        "meetings:host-cancel": {"pk": meeting.pk},
        "meetings:staff-attendance": {"pk": meeting.pk},
        "meetings:staff-take": {"pk": meeting.pk},
        "meetings:table-print": {"pk": place.table.pk, "day": place.day},
        "admin:meetings_meeting_assign": {"object_id": meeting.pk},
        "portal:password-reset-confirm": {"uidb64": uid, "token": reset_token},
        "portal:invitation": {"uidb64": uid, "token": reset_token},
        "portal:business-edit": {"slug": slug},
        "portal:business-submit": {"slug": slug},
        "portal:product-edit": {"pk": product.pk},
        "portal:product-archive": {"pk": product.pk},
        "portal:product-withdraw": {"pk": product.pk},
        "portal:product-delete": {"pk": product.pk},
        "portal:lead-detail": {"pk": lead.pk},
        "portal:deal-add": {"pk": lead.pk},
        "portal:deal-edit": {"pk": deal.pk},
        "deals:document": {"pk": deal.pk},
        "digest:unsubscribe": {"token": unsubscribe_token(user)},
        "portal:staff-invite": {"pk": user.pk},
        "backoffice:results-csv": {"table": "leads-per-day"},
        "workforce:sector": {"sector": occupation.sector},
        "workforce:programme": {"slug": programme.slug},
    }
    queries = {
        "meetings:staff-day": f"?day={day}",
        "portal:product-add": f"?business={slug}",
    }
    return {
        "accounts": accounts,
        "urls": urls,
        "queries": queries,
        "exhibitor": place.exhibitor,
    }


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-compatible server on loopback (tests/object_store.py), started once."""
    from .object_store import start_server

    server, endpoint = start_server()
    yield endpoint
    server.stop()
