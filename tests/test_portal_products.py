"""Owners add and edit their products through the portal; review keeps buyers safe."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from common.choices import ChangeRequestStatus, ReviewStatus
from products.models import Product, ProductImage
from products.services import product_approve, product_reject

from . import upload_files as files
from .factories import (
    CertificationFactory,
    ExhibitorFactory,
    ProductFactory,
    ProductImageFactory,
    SubCategoryFactory,
    TradeLeadFactory,
)
from .portal_helpers import product_form_data

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"^products/[0-9a-f]{32}\.(jpg|png|webp)$")


@pytest.fixture
def exhibitor(user):
    return ExhibitorFactory(owners=[user], slug="kopi-sari")


@pytest.fixture
def category():
    return SubCategoryFactory(name_en="Coffee")


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def _add(client, exhibitor, data, photos=()):
    url = reverse("portal:product-add") + f"?business={exhibitor.slug}"
    return client.post(url, {**data, "new_photos": list(photos)})


def _messages(response):
    return [str(message) for message in response.wsgi_request._messages]


# ---- Adding ---------------------------------------------------------------------------------


def test_product_add_with_two_photos_waits_for_review(owner_client, exhibitor, category, user):
    response = _add(
        owner_client,
        exhibitor,
        product_form_data(category=category),
        photos=[files.jpeg("IMG_0001.JPG", exif=files.camera_exif()), files.png("label.png")],
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/portal/products/"
    product = Product.objects.get()
    assert (product.exhibitor, product.review_status, product.created_by) == (
        exhibitor,
        ReviewStatus.PENDING,
        user,
    )
    assert (product.price_min, product.currency, product.moq) == (Decimal("85000"), "IDR", 10)
    images = list(product.images.order_by("position"))
    assert len(images) == 2
    assert all(RANDOM_NAME.match(image.image.name) for image in images)
    assert [image.image.name[-4:] for image in images] == [".jpg", ".png"]
    assert all(image.derived for image in images)
    # Upright (the EXIF said rotate 90°) and without the EXIF.
    assert (images[0].width, images[0].height) == (480, 640)
    assert b"PhoneMaker" not in images[0].image.read()
    page = owner_client.get(reverse("portal:product-list"))
    assert "Waiting for review" in page.text


def test_product_add_as_draft(owner_client, exhibitor, category):
    _add(owner_client, exhibitor, product_form_data(category=category, action="draft"))

    assert Product.objects.get().review_status == ReviewStatus.DRAFT


def test_product_add_with_a_certificate(owner_client, exhibitor, category):
    data = product_form_data(
        category=category,
        certs=[
            {"kind": "halal", "number": "ID3111", "issuer": "BPJPH", "valid_until": "31/12/2027"}
        ],
    )

    _add(owner_client, exhibitor, data)

    certification = Product.objects.get().certifications.get()
    assert (certification.kind, certification.number, certification.valid_until) == (
        "halal",
        "ID3111",
        datetime.date(2027, 12, 31),
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("85000", Decimal("85000")),
        ("85.000", Decimal("85000")),
        ("Rp 85.000", Decimal("85000")),
        ("85,000", Decimal("85000")),
        ("12,50", Decimal("12.50")),
        ("12.5", Decimal("12.5")),
        ("1.250.000,50", Decimal("1250000.50")),
    ],
)
def test_product_add_reads_prices_the_way_people_type_them(
    owner_client, exhibitor, category, typed, stored
):
    _add(owner_client, exhibitor, product_form_data(category=category, price_min=typed))

    assert Product.objects.get().price_min == stored


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name_ind": "", "name_en": ""}, "name_ind", "Give the product a name"),
        ({"price_min": "murah"}, "price_min", "Enter the price as a number"),
        ({"price_min": "-5"}, "price_min", "cannot be below 0"),
        ({"price_min": "90000", "price_max": "80000"}, "price_max", "cannot be below"),
        ({"moq": "0"}, "moq", ""),
        ({"category": "999999"}, "category", ""),
        ({"incoterms": ["XYZ"]}, "incoterms", ""),
        ({"hs_code": "kopi"}, "hs_code", "HS code"),
        ({"name_en": "x" * 201}, "name_en", ""),
    ],
)
def test_product_add_bad_input_is_refused_with_a_message(
    owner_client, exhibitor, category, fields, field, message
):
    """Tried: no name, a price in words, a negative price, prices in the wrong order, an
    order of 0, an unknown category and incoterm, a made-up HS code, a 201-letter name."""
    data = {**product_form_data(category=category), **fields}
    response = _add(owner_client, exhibitor, data)

    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert "Nothing was saved yet" in response.text
    assert not Product.objects.exists()


LONG_TEXT_REFUSED = {
    ("description", "en"): "Keep the description to 5000 characters at most (it has 5001 now).",
    ("description", "id"): "Deskripsi paling panjang 5000 karakter (sekarang 5001).",
    ("materials", "en"): "Keep the materials to 2000 characters at most (it has 2001 now).",
    ("materials", "id"): "Bahan paling panjang 2000 karakter (sekarang 2001).",
}


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize(
    ("field", "limit"),
    [("description_ind", 5000), ("description_en", 5000), ("materials_ind", 2000)],
)
def test_product_add_long_text_over_its_limit_is_refused_plainly(
    owner_client, exhibitor, category, field, limit, language
):
    """Tried: one character over the limit (refused, nothing saved) and the limit itself
    (kept), in each language's description and in the materials."""
    url = f"/{language}{reverse('portal:product-add')[3:]}?business={exhibitor.slug}"

    refused = owner_client.post(
        url, product_form_data(category=category, **{field: "a" * (limit + 1)})
    )
    nothing_saved = not Product.objects.exists()
    kept = owner_client.post(url, product_form_data(category=category, **{field: "a" * limit}))

    assert refused.status_code == 400
    message = LONG_TEXT_REFUSED[field.removesuffix("_ind").removesuffix("_en"), language]
    assert refused.context["form"].errors[field] == [message]
    assert f'maxlength="{limit}"' in refused.text
    assert nothing_saved
    assert kept.status_code == 302
    assert len(getattr(Product.objects.get(), field)) == limit


@pytest.mark.parametrize(
    ("field", "limit"),
    [("description_en", 5000), ("description_ind", 5000), ("materials_en", 2000)],
)
def test_product_long_texts_are_limited_in_the_database_too(exhibitor, field, limit):
    product = ProductFactory(exhibitor=exhibitor)
    Product.objects.filter(pk=product.pk).update(**{field: "a" * limit})

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(**{field: "a" * (limit + 1)})


def test_product_add_certificate_without_number_and_twice_is_refused(
    owner_client, exhibitor, category
):
    halal = {"kind": "halal", "number": "1", "issuer": "", "valid_until": ""}
    missing = _add(
        owner_client,
        exhibitor,
        product_form_data(category=category, certs=[{**halal, "number": ""}]),
    )
    twice = _add(
        owner_client, exhibitor, product_form_data(category=category, certs=[halal, halal])
    )

    assert missing.status_code == twice.status_code == 400
    assert "Enter the number printed on the certificate." in missing.text
    assert "is listed twice" in twice.text
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("attack", "builder", "message"),
    [
        ("svg renamed .jpg", files.svg_renamed, "not a photo we can use"),
        ("html renamed .jpg", files.html_renamed, "not a photo we can use"),
        ("20,000 x 20,000 png", files.png_bomb, "pixels"),
        ("30 MB file", files.huge_file, "too big"),
        ("truncated jpeg", files.truncated_jpeg, "not uploaded completely"),
    ],
)
def test_product_add_refuses_bad_uploads_and_saves_nothing(
    owner_client, exhibitor, category, attack, builder, message
):
    response = _add(owner_client, exhibitor, product_form_data(category=category), [builder()])

    assert response.status_code == 400, attack
    errors = " ".join(response.context["new_photos"].errors["new_photos"])
    assert message in errors, attack
    assert "choose the photos again" in " ".join(_messages(response))
    assert not Product.objects.exists()
    assert not ProductImage.objects.exists()


def test_product_add_png_with_html_appended_is_stored_without_the_html(
    owner_client, exhibitor, category
):
    _add(owner_client, exhibitor, product_form_data(category=category), [files.png_with_html()])

    stored = ProductImage.objects.get().image.read()
    assert files.HTML_TAIL not in stored and b"<script" not in stored


def test_product_add_jpeg_with_php_in_its_comment_is_stored_without_it(
    owner_client, exhibitor, category
):
    _add(owner_client, exhibitor, product_form_data(category=category), [files.jpeg_with_php()])

    stored = ProductImage.objects.get().image.read()
    assert b"<?php" not in stored
    assert [m for m in files.jpeg_segments(stored) if m == 0xFE or 0xE1 <= m <= 0xEF] == []


def test_product_add_file_name_with_dot_dot_slash_is_stored_under_a_random_name(
    owner_client, exhibitor, category, media_root
):
    _add(
        owner_client,
        exhibitor,
        product_form_data(category=category),
        [files.jpeg(name="../../../../etc/cron.d/evil.jpg")],
    )

    name = ProductImage.objects.get().image.name
    assert RANDOM_NAME.match(name)
    assert (media_root / name).is_file()
    assert not list(media_root.rglob("evil*"))


def test_product_add_over_the_photo_quota_is_refused(owner_client, exhibitor, category, settings):
    settings.EXPO_OWNER_PHOTO_QUOTA = 2
    ProductImageFactory(product=ProductFactory(exhibitor=exhibitor))

    response = _add(
        owner_client,
        exhibitor,
        product_form_data(category=category),
        [files.jpeg(), files.jpeg()],
    )

    assert response.status_code == 400
    assert "can add only 1 more" in " ".join(response.context["new_photos"].errors["new_photos"])
    assert Product.objects.count() == 1


def test_product_add_for_a_business_of_several_asks_which(owner_client, user, exhibitor):
    ExhibitorFactory(owners=[user], name="Second business")

    response = owner_client.get(reverse("portal:product-add"))

    assert response.status_code == 200
    assert "Which business makes this product?" in response.text
    assert "Second business" in response.text


def test_product_add_errors_render_like_the_public_forms(owner_client, exhibitor, category):
    data = product_form_data(category=category, name_ind="", name_en="", price_min="abc")

    response = _add(owner_client, exhibitor, data)

    html = response.content.decode()
    assert response.status_code == 400
    price = re.search(r'<input type="text" name="price_min"[^>]*>', html).group(0)
    assert 'class="textinput form-control is-invalid"' in price
    assert 'aria-invalid="true"' in price
    assert 'aria-describedby="id_price_min_helptext id_price_min_error"' in price
    assert '<div id="id_price_min_error" class="invalid-feedback d-block">' in html
    assert (
        '<label class="form-label" for="id_price_max">Highest price per unit '
        '<span class="lead-optional">(optional)</span></label>'
    ) in html
    # Either name will do, so neither is marked optional; a required field is not either.
    assert '<label class="form-label" for="id_name_ind">Product name in Indonesian</label>' in html
    assert '<label class="form-label" for="id_moq">Smallest order</label>' in html
    assert re.search(
        r'<fieldset class="mb-3 lead-choices" aria-describedby="id_incoterms_helptext">\s*'
        r'<legend class="form-label">How you can deliver</legend>',
        html,
    )
    assert '<div id="id_incoterms_helptext" class="form-text">If you are not sure' in html


# ---- Editing: drafts in place, published products through review -------------------------


def test_product_edit_draft_reorders_and_removes_photos(owner_client, exhibitor):
    product = ProductFactory(exhibitor=exhibitor, draft=True)
    first, second, third = (ProductImageFactory(product=product) for _ in range(3))
    photos = [
        {"key": f"id:{first.pk}", "position": "3", "alt_text_ind": "ketiga"},
        {"key": f"id:{second.pk}", "position": "1", "alt_text_ind": "pertama"},
        {"key": f"id:{third.pk}", "position": "2", "remove": "on"},
    ]

    response = owner_client.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        product_form_data(category=product.category, product=product, photos=photos),
    )

    assert response.status_code == 302
    assert list(product.images.order_by("position").values_list("pk", "alt_text_ind")) == [
        (second.pk, "pertama"),
        (first.pk, "ketiga"),
    ]


def test_product_edit_refuses_a_photo_key_it_did_not_show(owner_client, exhibitor):
    """Tried: another product's photo id and a storage path in the hidden photo key."""
    product = ProductFactory(exhibitor=exhibitor, draft=True)
    foreign = ProductImageFactory()
    for key in (f"id:{foreign.pk}", "file:products/../../../etc/passwd"):
        response = owner_client.post(
            reverse("portal:product-edit", kwargs={"pk": product.pk}),
            product_form_data(category=product.category, photos=[{"key": key, "position": "1"}]),
        )
        assert response.status_code == 400
        assert "The photos changed meanwhile" in response.text
    assert not product.images.exists()
    assert ProductImage.objects.get(pk=foreign.pk).product_id == foreign.product_id


def test_product_edit_published_waits_for_review_and_staff_approval_applies_it(
    owner_client, exhibitor, staff_user, client
):
    product = ProductFactory(exhibitor=exhibitor, name_en="Gayo coffee", slug="gayo")
    photo = ProductImageFactory(product=product)
    url = reverse("portal:product-edit", kwargs={"pk": product.pk})

    response = owner_client.post(
        url,
        product_form_data(category=product.category, product=product, name_en="Gayo Arabica"),
    )
    owner_client.post(
        url,
        {
            **product_form_data(category=product.category, product=product, name_en="Gayo Arabica"),
            "new_photos": [files.jpeg()],
        },
    )

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name_en == "Gayo coffee"
    assert list(product.images.all()) == [photo]
    request = product.change_requests.get(status=ChangeRequestStatus.PENDING)
    assert request.changes["name_en"] == "Gayo Arabica"
    assert len(request.changes["photos"]) == 2
    public = client.get(product.get_absolute_url())
    assert "Gayo coffee" in public.text and "Gayo Arabica" not in public.text
    listing = owner_client.get(reverse("portal:product-list"))
    assert "Changes waiting for review" in listing.text
    form = owner_client.get(url)
    assert form.context["form"]["name_en"].value() == "Gayo Arabica"
    assert "New, waiting for review" in form.text

    product_approve(product=product, actor=staff_user)

    product.refresh_from_db()
    assert product.name_en == "Gayo Arabica"
    assert product.images.count() == 2
    assert "Gayo Arabica" in client.get(product.get_absolute_url()).text


def test_product_rejected_changes_show_the_reason_and_can_be_sent_again(
    owner_client, exhibitor, staff_user
):
    product = ProductFactory(exhibitor=exhibitor, name_en="Gayo coffee")
    url = reverse("portal:product-edit", kwargs={"pk": product.pk})
    owner_client.post(
        url, product_form_data(category=product.category, product=product, name_en="BEST!!!")
    )
    product_reject(product=product, actor=staff_user, reason="Please use the real name.")

    listing = owner_client.get(reverse("portal:product-list"))
    form = owner_client.get(url)
    owner_client.post(
        url, product_form_data(category=product.category, product=product, name_en="Gayo Arabica")
    )

    assert "Changes not accepted" in listing.text
    assert "Please use the real name." in listing.text
    assert "Please use the real name." in form.text
    assert "BEST!!!" in form.text  # in the table of what was not accepted
    assert product.change_requests.get(status=ChangeRequestStatus.PENDING).changes == {
        "name_en": "Gayo Arabica"
    }


def test_product_rejected_as_a_whole_is_fixed_and_sent_again(owner_client, exhibitor, staff_user):
    product = ProductFactory(exhibitor=exhibitor, pending=True)
    product_reject(product=product, actor=staff_user, reason="Add the HS code.")

    listing = owner_client.get(reverse("portal:product-list"))
    owner_client.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        product_form_data(category=product.category, product=product, hs_code="0901.21"),
    )

    assert "Needs changes" in listing.text and "Add the HS code." in listing.text
    product.refresh_from_db()
    assert (product.review_status, product.hs_code) == (ReviewStatus.PENDING, "0901.21")


def test_product_edit_published_without_changes_sends_nothing(owner_client, exhibitor):
    product = ProductFactory(
        exhibitor=exhibitor,
        name_ind="Kopi arabika Gayo",
        name_en="Gayo arabica coffee",
        description_ind="Biji kopi satu asal.",
        description_en="Single-origin beans.",
        price_min=Decimal("85000"),
        price_max=None,
        currency="IDR",
        incoterms=["EXW"],
        hs_code="",
        monthly_capacity=None,
        lead_time_days=None,
    )

    response = owner_client.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        product_form_data(category=product.category, product=product),
        follow=True,
    )

    assert "Nothing waits for review" in response.text
    assert not product.change_requests.exists()


def test_product_withdraw_takes_back_pending_changes(owner_client, exhibitor):
    product = ProductFactory(exhibitor=exhibitor)
    owner_client.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        product_form_data(category=product.category, product=product, name_en="Changed"),
    )

    owner_client.post(reverse("portal:product-withdraw", kwargs={"pk": product.pk}))

    assert not product.change_requests.exists()


# ---- Archive and delete -------------------------------------------------------------------


def test_product_archive_hides_it_and_restore_shows_it_again(owner_client, exhibitor, client):
    product = ProductFactory(exhibitor=exhibitor)
    url = reverse("portal:product-archive", kwargs={"pk": product.pk})

    owner_client.post(url, {"archived": "1"})
    hidden = Client().get(product.get_absolute_url()).status_code
    owner_client.post(url, {"archived": "0"})
    shown = Client().get(product.get_absolute_url()).status_code

    assert (hidden, shown) == (404, 200)


def test_product_delete_a_draft(owner_client, exhibitor):
    product = ProductFactory(exhibitor=exhibitor, draft=True)
    ProductImageFactory(product=product)

    response = owner_client.post(reverse("portal:product-delete", kwargs={"pk": product.pk}))

    assert response.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()


def test_product_delete_a_published_product_is_refused(owner_client, exhibitor):
    product = ProductFactory(exhibitor=exhibitor)

    response = owner_client.post(
        reverse("portal:product-delete", kwargs={"pk": product.pk}), follow=True
    )

    assert "cannot be deleted" in response.text
    assert Product.objects.filter(pk=product.pk).exists()


def test_product_delete_a_draft_with_leads_is_refused(owner_client, exhibitor):
    product = ProductFactory(exhibitor=exhibitor, draft=True)
    TradeLeadFactory(product=product)

    response = owner_client.post(
        reverse("portal:product-delete", kwargs={"pk": product.pk}), follow=True
    )

    assert "Buyers have asked about this product" in response.text
    assert Product.objects.filter(pk=product.pk).exists()


# ---- The dashboard's hints ------------------------------------------------------------------


def test_dashboard_hints_no_photo_no_price_and_expired_certificate(owner_client, exhibitor):
    bare = ProductFactory(exhibitor=exhibitor, price_min=None, price_max=None, draft=True)
    certified = ProductFactory(exhibitor=exhibitor)
    ProductImageFactory(product=certified)
    CertificationFactory(product=certified, kind="halal", valid_until=datetime.date(2020, 1, 31))

    response = owner_client.get(reverse("portal:dashboard"))

    hints = {
        product.pk: {hint.code for hint in product.hints}
        for business in response.context["businesses"]
        for product in business["products"]
    }
    assert hints[bare.pk] >= {"no_photo", "no_price"}
    assert hints[certified.pk] == {"certificate_expired"}
    assert "Your Halal certificate ended on 31 January 2020." in response.text
    assert "Add a photo." in response.text


def test_dashboard_profile_hints_and_status(owner_client, user):
    ExhibitorFactory(owners=[user], draft=True, story_ind="", story_en="", regency="")

    response = owner_client.get(reverse("portal:dashboard"))

    business = response.context["businesses"][0]
    assert business["status"].code == "draft"
    assert {hint.code for hint in business["hints"]} == {
        "no_logo",
        "no_story",
        "no_contact",
        "no_regency",
    }
    assert "Send my profile for review" in response.text
