"""Two app servers behind nginx share everything a visitor relies on.

tests/stack.py starts the deployment of deploy/ on loopback: two gunicorn processes with the
production settings, nginx in front (TLS, load balancing, static files), Redis, the object
store (moto's S3 server) and this test's PostgreSQL database. The data are committed
(transactional tests) so that the servers see them. Each test sends requests through the
proxy and to each server on purpose, and checks what the other one answers.
"""

import os
import re
import threading
import uuid

import pytest
import requests
from django.contrib.auth.hashers import make_password
from django.db import connection
from post_office import mail as post_office
from post_office.models import STATUS, Email

from buyers.models import ExpressionOfInterest
from deals.models import Deal
from products.models import Product

from . import upload_files as files
from .factories import (
    DEFAULT_PASSWORD,
    ExhibitorFactory,
    ProductFactory,
    SubCategoryFactory,
    TradeLeadFactory,
    UserFactory,
)
from .lead_data import trade_post
from .portal_helpers import product_form_data
from .stack import PRIVATE_BUCKET, PUBLIC_BUCKET, Stack, Visitor, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("EXPO_STACK_REDIS_URL", "redis://127.0.0.1:6379/8")
MAILS = 100
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker):
    """The stack over pytest-django's test database, for every test of this module."""
    with django_db_blocker.unblock():
        database = connection.settings_dict
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
        **{**database, "PORT": database["PORT"] or 5432}
    )
    if database.get("PASSWORD"):
        url = url.replace("@", f":{database['PASSWORD']}@", 1)
    with Stack(database_url=url, redis_url=REDIS_URL) as running:
        yield running


@pytest.fixture
def accounts(settings):
    """Passwords hashed as the app servers check them (the tests' own hasher is faster)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

    def make(username, **traits):
        account = UserFactory(username=username, **traits)
        account.password = make_password(DEFAULT_PASSWORD)
        account.save(update_fields=["password"])
        return account

    return make


def test_a_login_through_one_server_is_valid_on_the_other(stack, accounts):
    owner = accounts("sari")
    ExhibitorFactory(owners=[owner])
    first, second = stack.servers
    visitor = Visitor(stack)

    login = visitor.log_in(first, "sari", DEFAULT_PASSWORD)

    assert (login.status_code, login.headers["Location"]) == (302, "/en/portal/")
    for target in (second, stack.proxy, first):
        assert visitor.get(target, "/en/portal/").status_code == 200, target.name
    # Logging out through the second server ends the session on the first too.
    assert visitor.post_form(second, "/en/portal/logout/", {}).status_code == 302
    assert visitor.get(first, "/en/portal/").status_code == 302


def test_failed_logins_count_across_both_servers(stack, accounts):
    accounts("budi")
    first, second = stack.servers
    visitor = Visitor(stack)
    refused = [
        visitor.log_in(target, "budi", "wrong-password-1").status_code
        for target in (first, second, first, second)
    ]

    fifth = visitor.log_in(stack.proxy, "budi", "wrong-password-2")
    # Locked everywhere now, even with the right password.
    right = [
        visitor.log_in(target, "budi", DEFAULT_PASSWORD).status_code for target in (first, second)
    ]

    assert refused == [200] * 4
    assert fifth.status_code == 429
    assert right == [429, 429]


def test_a_document_uploaded_through_one_server_is_served_by_the_other(stack, accounts):
    owner = accounts("sari")
    exhibitor = ExhibitorFactory(owners=[owner])
    lead = TradeLeadFactory(product=ProductFactory(exhibitor=exhibitor))
    first, second = stack.servers
    visitor = Visitor(stack)
    visitor.log_in(stack.proxy, "sari", DEFAULT_PASSWORD)

    added = visitor.post_form(
        first,
        f"/en/portal/leads/{lead.pk}/deals/add/",
        {
            "title": "First container of coffee",
            "currency": "USD",
            "usd_idr_rate": "16000",
            "destination_country": "JP",
            "incoterm": "FOB",
            "agreement_signed_on": "2024-11-01",
            "amount": "12000",
        },
        files={"new_document": ("mou.pdf", PDF, "application/pdf")},
    )
    deal = Deal.objects.get()
    download = visitor.get(second, f"/en/deals/{deal.pk}/document/")
    anonymous = Visitor(stack).get(second, f"/en/deals/{deal.pk}/document/")

    assert added.status_code == 302
    assert (download.status_code, download.content) == (200, PDF)
    assert anonymous.status_code == 302
    stored = stack.s3_client.list_objects_v2(Bucket=PRIVATE_BUCKET)["Contents"]
    assert [item["Key"] for item in stored] == [deal.document.name]


def test_a_photo_uploaded_through_one_server_is_shown_from_the_bucket_by_the_other(stack, accounts):
    owner = accounts("sari")
    exhibitor = ExhibitorFactory(owners=[owner])
    accounts("admin", is_staff=True, is_superuser=True)
    first, second = stack.servers
    visitor, staff = Visitor(stack), Visitor(stack)
    visitor.log_in(first, "sari", DEFAULT_PASSWORD)
    staff.log_in(second, "admin", DEFAULT_PASSWORD)
    data = product_form_data(category=SubCategoryFactory(), name_en="Gayo arabica coffee")

    added = visitor.post_form(
        first,
        f"/en/portal/products/add/?business={exhibitor.slug}",
        data,
        files={"new_photos": ("kopi.jpg", files.image_bytes(), "image/jpeg")},
    )
    product = Product.objects.get(exhibitor=exhibitor)
    staff.post_form(
        second,
        "/en/admin/products/product/",
        {"action": "approve", "_selected_action": str(product.pk), "index": "0"},
    )
    page = Visitor(stack).get(second, f"/en/products/{product.slug}/")

    assert added.status_code == 302
    assert page.status_code == 200
    links = re.findall(rf'{stack.s3_endpoint}/{PUBLIC_BUCKET}/derived/[^" ,]+\.webp', page.text)
    assert links
    # Anyone's browser loads it from the bucket, whichever server stored it.
    photo = requests.get(links[0], timeout=10)
    assert (photo.status_code, photo.content[8:12]) == (200, b"WEBP")


def test_a_catalogue_change_through_one_server_shows_at_once_on_the_other(stack, accounts):
    accounts("admin", is_staff=True, is_superuser=True)
    product = ProductFactory(pending=True, name_en="Gayo arabica coffee")
    first, second = stack.servers
    buyer, staff = Visitor(stack), Visitor(stack)
    path = f"/en/products/{product.slug}/"
    # The second server has the catalogue in its cache before the change.
    before = [buyer.get(second, "/en/catalogue/?q=gayo"), buyer.get(second, path)]
    staff.log_in(first, "admin", DEFAULT_PASSWORD)

    approved = staff.post_form(
        first,
        "/en/admin/products/product/",
        {"action": "approve", "_selected_action": str(product.pk), "index": "0"},
    )
    after = [buyer.get(second, "/en/catalogue/?q=gayo"), buyer.get(second, path)]

    assert approved.status_code == 302
    assert Product.objects.get(pk=product.pk).review_status == "approved"
    assert [page.status_code for page in before] == [200, 404]
    assert "Gayo arabica coffee" not in before[0].text
    assert [page.status_code for page in after] == [200, 200]
    assert "Gayo arabica coffee" in after[0].text


def test_leads_sent_to_both_servers_at_once_get_unique_references(stack):
    product = ProductFactory()
    path = f"/en/interest/product/{product.slug}/"
    targets = [*stack.servers, stack.proxy] * 4
    answers = [None] * len(targets)
    buyers = [Visitor(stack) for _ in targets]
    for buyer, target in zip(buyers, targets, strict=True):
        buyer.get(target, path)
    start = threading.Barrier(len(targets))

    def send(number):
        start.wait()
        answers[number] = buyers[number].post_form(
            targets[number],
            path,
            trade_post(email=f"buyer{number}@example.jp", idempotency_key=str(uuid.uuid4())),
        )

    threads = [threading.Thread(target=send, args=(number,)) for number in range(len(targets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    references = list(ExpressionOfInterest.objects.values_list("reference", flat=True))
    assert [answer.status_code for answer in answers] == [302] * len(targets)
    assert len(references) == len(set(references)) == len(targets)
    # Each buyer's confirmation page (reached on the proxy) names that buyer's own lead.
    shown = set()
    for buyer, answer in zip(buyers, answers, strict=True):
        page = buyer.get(stack.proxy, answer.headers["Location"])
        shown.update(reference for reference in references if reference in page.text)
    assert shown == set(references)


def test_the_mail_job_started_on_both_servers_at_once_sends_each_mail_once(stack):
    from aiosmtpd.controller import Controller

    for number in range(MAILS):
        post_office.send(
            f"buyer{number}@example.jp",
            "Expo Portal <noreply@localhost>",
            subject="Hi",
            message=".",
        )
    received = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    sink = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    sink.start()
    # Each server's timer starts the job at the same moment: two processes, each with a
    # temporary folder of its own, as on two machines (post_office's file lock is there).
    timers = []
    for number, _server in enumerate(stack.servers):
        machine = stack.prefix / f"machine-{number}"
        machine.mkdir()
        env = {"EMAIL_URL": f"smtp://127.0.0.1:{sink.port}", "TMPDIR": str(machine)}
        timers.append(
            threading.Thread(
                target=stack.manage, args=("run_job", "mail"), kwargs={"extra_env": env}
            )
        )
    try:
        for timer in timers:
            timer.start()
        for timer in timers:
            timer.join()
    finally:
        sink.stop()

    assert sorted(received) == sorted(f"buyer{number}@example.jp" for number in range(MAILS))
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_the_proxy_serves_static_files_and_a_server_reached_alone_sends_to_https(stack):
    home = Visitor(stack).get(stack.proxy, "/en/")
    css = home.text.split('href="/static/css/portal.', 1)[1].split('"', 1)[0]

    static = requests.get(
        f"{stack.proxy.base}/static/css/portal.{css}",
        headers={"Accept-Encoding": "gzip"},
        verify=str(stack.certificate),
        timeout=10,
    )

    assert home.status_code == 200
    assert static.status_code == 200
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert static.headers["Content-Encoding"] == "gzip"
    assert static.headers["X-Frame-Options"] == "DENY"
    # A server reached without the proxy's X-Forwarded-Proto sends the browser to HTTPS.
    plain = requests.get(stack.servers[0].base + "/en/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
