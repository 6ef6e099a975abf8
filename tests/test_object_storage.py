"""Media on S3-compatible object storage, as several app servers share it.

The tests start a real S3-compatible HTTP server on loopback (moto's standalone server)
with two buckets set up as the README asks: public media readable by anyone through the
bucket policy, private files readable by nobody without credentials. Photos, their derived
sizes, deal documents and calendar files go through django-storages to that server, and
pages and downloads are fetched over HTTP as a buyer's browser would.
"""

import datetime
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from backoffice.personal_data import personal_data_erase
from common.uploads import clean_image_upload
from deals.services import deal_record
from products.models import ProductImage
from products.proposals import ProductProposal, ProposedPhoto
from products.services import product_approve, product_create, product_delete

from . import object_store
from . import upload_files as files
from .factories import ExhibitorFactory, ProductFactory, SubCategoryFactory, TradeLeadFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
PUBLIC, PRIVATE = "expo-media", "expo-private"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def bucket(s3_server):
    """The object store's client, with both buckets new and empty for each test."""
    s3 = object_store.client(s3_server)
    object_store.new_buckets(s3, PUBLIC, PRIVATE)
    return s3


@pytest.fixture(autouse=True)
def buckets_in_use(settings, media_root, monkeypatch, s3_server, bucket):
    object_store.use_buckets(settings, monkeypatch, s3_server, PUBLIC, PRIVATE)
    yield
    object_store.forget_thumbnail_storage()


keys = object_store.keys


def fetch(url):
    """An anonymous HTTP GET, as a browser without credentials makes it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, b""


def _product_with_a_photo(user, *, publish=True):
    exhibitor = ExhibitorFactory(owners=[user])
    photo = ProposedPhoto(upload=clean_image_upload(files.jpeg(exif=files.camera_exif())).file)
    product = product_create(
        exhibitor=exhibitor,
        proposal=ProductProposal(
            fields={
                "name_ind": "Kopi Gayo",
                "name_en": "Gayo coffee",
                "category": SubCategoryFactory().pk,
            },
            photos=[photo],
        ),
        actor=user,
    )
    if publish:
        product_approve(product=product, actor=None)
    return product


def test_photo_and_derived_sizes_are_served_by_the_public_bucket_for_a_year(client, bucket, user):
    product = _product_with_a_photo(user)

    image = ProductImage.objects.get(product=product)
    stored = keys(bucket, PUBLIC)
    derived = [name for name, _width, _height in image.derived.values()]
    assert image.image.name in stored and image.image.name.startswith("products/")
    assert derived and all(name in stored for name in derived)
    assert keys(bucket, PRIVATE) == []
    # The product page links the derived sizes on the object store; anyone can load them.
    response = client.get(reverse("products:detail", args=[product.slug]))
    url = image.image.storage.url(derived[0])
    assert url.startswith(f"{bucket.meta.endpoint_url}/{PUBLIC}/derived/") and url in response.text
    # The page's Content-Security-Policy lets the browser load them.
    img_src = next(
        part for part in response.headers["Content-Security-Policy"].split(";") if "img-src" in part
    )
    assert bucket.meta.endpoint_url in img_src.split()
    status, headers, body = fetch(url)
    assert status == 200 and body.startswith(b"RIFF") and body[8:12] == b"WEBP"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The original was re-encoded before it was stored: no GPS position travels with it.
    status, _headers, original = fetch(image.image.storage.url(image.image.name))
    assert status == 200 and b"PhoneMaker" not in original
    assert files.GPS_IFD not in Image.open(io.BytesIO(original)).getexif()


def test_deleting_a_product_removes_its_photos_from_the_bucket(
    bucket, user, django_capture_on_commit_callbacks
):
    product = _product_with_a_photo(user, publish=False)
    assert keys(bucket, PUBLIC) != []

    with django_capture_on_commit_callbacks(execute=True):
        product_delete(product=product, actor=user)

    assert keys(bucket, PUBLIC) == []


def test_a_deal_document_is_private_and_served_only_to_its_owners(
    client, bucket, user, other_user, booth_admin, django_capture_on_commit_callbacks
):
    lead = TradeLeadFactory(product=ProductFactory(exhibitor=ExhibitorFactory(owners=[user])))
    deal = deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2024, 11, 1),
        amount=Decimal("5000"),
        document=ContentFile(PDF, name="mou.pdf"),
    )
    url = reverse("deals:document", kwargs={"pk": deal.pk})

    assert keys(bucket, PRIVATE) == [deal.document.name] and keys(bucket, PUBLIC) == []
    # No address of the bucket gives it to anyone without credentials.
    unsigned = f"{bucket.meta.endpoint_url}/{PRIVATE}/{deal.document.name}"
    assert fetch(unsigned)[0] == 403
    anonymous = client.get(url)
    ExhibitorFactory(owners=[other_user])
    client.force_login(other_user)
    other_owner = client.get(url)
    client.force_login(user)
    owner = client.get(url)

    assert anonymous.status_code == 302 and "login" in anonymous.headers["Location"]
    assert other_owner.status_code == 404
    assert owner.status_code == 200 and b"".join(owner.streaming_content) == PDF
    assert "no-store" in owner.headers["Cache-Control"]

    # Erasing the buyer (UU PDP) deletes the deal and its document in the bucket.
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email=lead.buyer.email, actor=booth_admin)
    assert keys(bucket, PRIVATE) == []


def test_calendar_files_of_meeting_mail_go_to_the_private_bucket(bucket):
    # As common.mail.queue_mail stores a meeting's invitation.
    attachment = apps.get_model("post_office", "Attachment")(
        name="meeting.ics", mimetype="text/calendar"
    )
    attachment.file.save("meeting.ics", ContentFile(b"BEGIN:VCALENDAR\r\n"), save=True)

    stored = keys(bucket, PRIVATE)
    assert len(stored) == 1 and stored[0].endswith(".ics")
    assert keys(bucket, PUBLIC) == []
    assert fetch(f"{bucket.meta.endpoint_url}/{PRIVATE}/{stored[0]}")[0] == 403


SETTINGS_PROBE = """
import json
import django

django.setup()
from django.conf import settings

print(json.dumps({
    "storages": {name: settings.STORAGES[name] for name in ("default", "private")},
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "attachments": settings.POST_OFFICE["FILE_STORAGE"],
}, default=str))
"""


def _settings_with(**variables) -> dict:
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("EXPO_S3_")
    }
    environment.update(DJANGO_SETTINGS_MODULE="expo_portal.settings.local", **variables)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_environment_chooses_object_storage_and_the_pages_allow_its_images():
    on_disk = _settings_with()
    found = _settings_with(
        EXPO_S3_BUCKET="expo-media",
        EXPO_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        EXPO_S3_ACCESS_KEY_ID="key",
        EXPO_S3_SECRET_ACCESS_KEY="secret",
    )

    assert on_disk["storages"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert on_disk["img_src"] == ["'self'", "data:"]
    public, private = found["storages"]["default"], found["storages"]["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (public["OPTIONS"]["bucket_name"], private["OPTIONS"]["bucket_name"]) == (
        "expo-media",
        "expo-media-private",
    )
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private["OPTIONS"]["querystring_auth"] is True
    assert public["OPTIONS"]["access_key"] == "key" and public["OPTIONS"]["endpoint_url"]
    assert found["img_src"] == ["'self'", "data:", "http://127.0.0.1:9000"]
    assert found["attachments"] == "private"
