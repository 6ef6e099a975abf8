"""Mail about new leads: queued only after the lead is committed, delivered by
`manage.py send_queued_mail`, and never able to lose or undo a lead."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from post_office.models import STATUS, Email, Log

from buyers.models import ExpressionOfInterest

from .factories import ExhibitorFactory, ProductFactory, UserFactory
from .lead_data import placement_post, trade_post

SCRIPT = '<script>alert("x")</script>'
STAFF = "booth-team@bp2mi.example"


@pytest.fixture(autouse=True)
def mail_settings(settings):
    settings.STAFF_NOTIFICATION_EMAILS = [STAFF]
    settings.DEFAULT_FROM_EMAIL = "Expo Portal <noreply@expo.example>"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}
    # Notices to owners and staff are read here in English; the default (Indonesian)
    # has its own test below.
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"


@pytest.fixture
def product(db):
    owners = [UserFactory(username="sari", email="sari@umkm.example"), UserFactory(email="")]
    exhibitor = ExhibitorFactory(name="Kopi Purna Gayo", email="shop@umkm.example", owners=owners)
    return ProductFactory(slug="gayo-coffee", name_en="Gayo arabica coffee", exhibitor=exhibitor)


def send_queue(tmp_path):
    # The command closes the database connection when it is done, as a cron job should:
    # tests that run it are transactional.
    call_command("send_queued_mail", lockfile=str(tmp_path / "post_office"))


def post_trade(client, product, language="en", **changes):
    return client.post(f"/{language}/interest/product/{product.slug}/", trade_post(**changes))


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_lead_mail_queued_only_after_commit(client, product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_trade(client, product)
        # The lead exists; no mail does yet: mail waits for the commit.
        assert ExpressionOfInterest.objects.count() == 1
        assert Email.objects.count() == 0

    assert len(callbacks) == 1
    callbacks[0]()
    assert Email.objects.filter(status=STATUS.queued).count() == 3


@pytest.mark.django_db(transaction=True)
def test_lead_mail_delivered_by_send_queued_mail(client, product, tmp_path):
    post_trade(client, product)
    reference = ExpressionOfInterest.objects.get().reference
    assert mail.outbox == []

    send_queue(tmp_path)

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("aiko@example.jp",), ("sari@umkm.example",), (STAFF,)}
    confirmation = by_recipient[("aiko@example.jp",)]
    assert confirmation.subject == f"Your inquiry {reference} is sent"
    assert reference in confirmation.body
    assert "Gayo arabica coffee: 500 kilogram" in confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html"
    assert f"<strong><big>{reference}</big></strong>" in html
    assert by_recipient[("sari@umkm.example",)].subject == (
        f"New inquiry {reference} from a buyer in Japan"
    )
    assert by_recipient[(STAFF,)].subject == f"New inquiry {reference} (1 business)"
    assert Email.objects.filter(status=STATUS.sent).count() == 3


@pytest.mark.django_db
def test_buyer_confirmation_in_buyers_language(
    client, product, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_trade(client, product, language="id")

    confirmation = Email.objects.get(to=["aiko@example.jp"])
    assert '<html lang="id">' in confirmation.html_message


@pytest.mark.django_db
def test_owner_and_staff_notices_default_to_indonesian(
    client, product, settings, django_capture_on_commit_callbacks
):
    settings.EXPO_NOTIFICATION_LANGUAGE = "id"

    with django_capture_on_commit_callbacks(execute=True):
        post_trade(client, product)

    owner_mail = Email.objects.get(to=["sari@umkm.example"])
    reference = ExpressionOfInterest.objects.get().reference
    assert owner_mail.subject == f"Permintaan baru {reference} dari pembeli di Jepang"
    assert "Importir, Jepang" in owner_mail.message
    confirmation = Email.objects.get(to=["aiko@example.jp"])
    assert confirmation.subject == f"Your inquiry {reference} is sent"


@pytest.mark.django_db
def test_owner_mail_without_consent_hides_buyer_contact(
    client, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_trade(client, product)

    owner_mail = Email.objects.get(to=["sari@umkm.example"])
    for secret in ["Aiko Tanaka", "aiko@example.jp", "+819012345678", "Tanaka Trading"]:
        assert secret not in owner_mail.message
        assert secret not in owner_mail.html_message
    assert "Importer, Japan" in owner_mail.message
    assert "BP2MI staff will put you in touch" in owner_mail.message
    assert not owner_mail.headers
    # Staff always see who wrote.
    staff_mail = Email.objects.get(to=[STAFF])
    assert "aiko@example.jp" in staff_mail.message
    assert "+819012345678" in staff_mail.message


@pytest.mark.django_db
def test_owner_mail_with_consent_shows_contact_and_replies_to_buyer(
    client, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_trade(client, product, share_contact="on")

    owner_mail = Email.objects.get(to=["sari@umkm.example"])
    assert "Aiko Tanaka" in owner_mail.message
    assert "aiko@example.jp" in owner_mail.message
    assert "+819012345678" in owner_mail.message
    assert owner_mail.headers == {"Reply-To": "aiko@example.jp"}


@pytest.mark.django_db
def test_owner_mail_falls_back_to_business_address(client, django_capture_on_commit_callbacks):
    product = ProductFactory(exhibitor=ExhibitorFactory(email="shop@umkm.example"))

    with django_capture_on_commit_callbacks(execute=True):
        post_trade(client, product)

    assert Email.objects.filter(to=["shop@umkm.example"]).count() == 1


@pytest.mark.django_db
def test_placement_mail_to_staff_and_delegate_only(client, django_capture_on_commit_callbacks):
    ExhibitorFactory(owners=[UserFactory(email="owner@umkm.example")])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("buyers:cooperation"), placement_post())

    recipients = sorted(email.to[0] for email in Email.objects.all())
    assert recipients == [STAFF, "labour@embassy.example.org"]
    staff_mail = Email.objects.get(to=[STAFF])
    assert "Embassy of the Republic of Korea" in staff_mail.message
    assert "Manufacturing, Construction" in staff_mail.message
    assert "Workers needed: 40" in staff_mail.message


@pytest.mark.django_db
def test_lead_mail_html_escaped_text_verbatim(client, product, django_capture_on_commit_callbacks):
    message = f"Hi {SCRIPT} & {{% if x %}}{{{{ settings.SECRET_KEY }}}}{{% endif %}}"

    with django_capture_on_commit_callbacks(execute=True):
        post_trade(client, product, name=f"Aiko {SCRIPT}", message=message, share_contact="on")

    assert Email.objects.count() == 3
    for email in Email.objects.all():
        assert SCRIPT not in email.html_message
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in email.html_message
        # Plain text is text: what the buyer typed, template syntax included, unchanged.
        assert message in email.message
        assert "\n" not in email.subject


@pytest.mark.django_db(transaction=True)
def test_smtp_failure_keeps_lead_and_retries_mail(client, product, settings, tmp_path):
    """A dead SMTP server (a local port nothing listens on): the lead stays, every
    message stays queued, and a later run of send_queued_mail delivers them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    retry_interval = timedelta(minutes=15)
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "MAX_RETRIES": 3,
        "RETRY_INTERVAL": retry_interval,
    }

    response = post_trade(client, product)
    assert response.status_code == 302
    lead = ExpressionOfInterest.objects.get()

    send_queue(tmp_path)

    assert ExpressionOfInterest.objects.get().reference == lead.reference
    statuses = list(Email.objects.values_list("status", "number_of_retries"))
    assert statuses == [(STATUS.requeued, 1)] * 3
    failures = list(Log.objects.values_list("status", "exception_type"))
    assert failures == [(STATUS.failed, "ConnectionRefusedError")] * 3

    # A run before the retry interval has passed leaves the mail alone.
    send_queue(tmp_path)
    assert list(Email.objects.values_list("number_of_retries", flat=True)) == [1, 1, 1]

    # The server is back, and the retry interval has passed: the retries fall due one
    # interval earlier instead of the test waiting for the clock.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email.objects.update(scheduled_time=F("scheduled_time") - retry_interval)
    send_queue(tmp_path)

    assert Email.objects.filter(status=STATUS.sent).count() == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["aiko@example.jp", "sari@umkm.example", STAFF]
    )


@pytest.mark.django_db
def test_smtp_failure_when_sending_at_once_keeps_lead_and_queues_mail(
    client, product, settings, django_capture_on_commit_callbacks
):
    """The demo sends mail during the request; a failure there leaves the mail queued."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "now"}

    with django_capture_on_commit_callbacks(execute=True):
        response = post_trade(client, product)

    assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == 1
    assert list(Email.objects.values_list("status", flat=True)) == [STATUS.requeued] * 3


@pytest.mark.django_db
def test_bad_staff_address_does_not_stop_other_mail_or_lead(
    client, product, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["not an address"]

    with django_capture_on_commit_callbacks(execute=True):
        response = post_trade(client, product)

    assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == 1
    assert sorted(email.to[0] for email in Email.objects.all()) == [
        "aiko@example.jp",
        "sari@umkm.example",
    ]


@pytest.mark.django_db
def test_double_submit_queues_mail_once(client, product, django_capture_on_commit_callbacks):
    data = trade_post()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/interest/product/{product.slug}/", data)
        client.post(f"/en/interest/product/{product.slug}/", data)

    assert Email.objects.count() == 3
