"""Owners edit their own business profile; a draft or sent-back one goes to staff review."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from booths.models import Exhibitor
from common.choices import ReviewStatus

from . import upload_files as files
from .factories import ExhibitorFactory
from .portal_helpers import profile_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(user):
    return ExhibitorFactory(owners=[user], slug="batik-sari")


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def _url(exhibitor):
    return reverse("portal:business-edit", kwargs={"slug": exhibitor.slug})


def test_business_edit_under_review_saves_the_profile_and_logo_in_place(owner_client, user):
    exhibitor = ExhibitorFactory(owners=[user], pending=True)

    response = owner_client.post(
        _url(exhibitor),
        {
            **profile_form_data(exhibitor, story_en="I cared for an old man in Taichung."),
            "new_logo": files.png("logo.png", exif=None),
        },
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.story_en == "I cared for an old man in Taichung."
    assert str(exhibitor.phone) == "+6281234567890"
    assert exhibitor.regency == "Pekalongan"
    assert exhibitor.employees == 4
    assert exhibitor.updated_by == user
    assert exhibitor.logo.name.startswith("logos/") and exhibitor.logo.name.endswith(".png")
    assert not exhibitor.change_requests.exists()


def test_business_edit_logo_is_stored_without_its_comment_and_segments(owner_client, user):
    exhibitor = ExhibitorFactory(owners=[user], pending=True)

    owner_client.post(
        _url(exhibitor), {**profile_form_data(exhibitor), "new_logo": files.jpeg_with_php()}
    )

    exhibitor.refresh_from_db()
    stored = exhibitor.logo.read()
    assert b"<?php" not in stored
    assert [m for m in files.jpeg_segments(stored) if m == 0xFE or 0xE1 <= m <= 0xEF] == []


def test_business_edit_remove_logo(owner_client, exhibitor):
    owner_client.post(_url(exhibitor), {**profile_form_data(exhibitor), "new_logo": files.jpeg()})

    owner_client.post(_url(exhibitor), profile_form_data(exhibitor, remove_logo="on"))

    exhibitor.refresh_from_db()
    assert not exhibitor.logo


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("employees", "0"),
        ("phone", "not a number"),
        ("email", "sari@"),
        ("website", "javascript:alert(1)"),
        ("years_abroad", "99"),
        ("province", "XX"),
        ("new_logo", "svg"),
        ("founder_name", "\u200b\u200c\u200d"),
        ("contact_name", "\u2800\u3164"),
        ("email", '"<b>sari</b>"@example.com'),
    ],
)
def test_business_edit_bad_input_changes_nothing(owner_client, exhibitor, field, value):
    """Tried: 0 employees, a phone in words, half an email, a javascript: website, 99 years
    abroad, an unknown province, an SVG logo renamed .jpg, names made of zero-width
    characters or blank fillers, and an address with a quoted local part."""
    before = Exhibitor.objects.values().get(pk=exhibitor.pk)
    data = profile_form_data(exhibitor, regency="Changed")
    data[field] = files.svg_renamed("logo.jpg") if value == "svg" else value

    response = owner_client.post(_url(exhibitor), data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Nothing was saved yet" in response.text
    assert Exhibitor.objects.values().get(pk=exhibitor.pk) == before


LONG_TEXT_REFUSED = {
    ("story", "en"): "Keep the story to 5000 characters at most (it has 5001 now).",
    ("story", "id"): "Cerita paling panjang 5000 karakter (sekarang 5001).",
    ("address", "en"): "Keep the address to 500 characters at most (it has 501 now).",
    ("address", "id"): "Alamat paling panjang 500 karakter (sekarang 501).",
}


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize(
    ("field", "limit"), [("story_ind", 5000), ("story_en", 5000), ("address", 500)]
)
def test_business_edit_long_text_over_its_limit_is_refused_plainly(
    owner_client, user, field, limit, language
):
    """Tried: one character over the limit (refused) and the limit itself (kept), in
    each language's story and in the address."""
    exhibitor = ExhibitorFactory(owners=[user], pending=True)  # saved in place
    before = Exhibitor.objects.values().get(pk=exhibitor.pk)
    url = f"/{language}{_url(exhibitor)[3:]}"

    refused = owner_client.post(url, profile_form_data(exhibitor, **{field: "a" * (limit + 1)}))
    with translation.override("en"):
        unchanged = Exhibitor.objects.values().get(pk=exhibitor.pk)
    kept = owner_client.post(url, profile_form_data(exhibitor, **{field: "a" * limit}))

    assert refused.status_code == 400
    message = LONG_TEXT_REFUSED[field.removesuffix("_ind").removesuffix("_en"), language]
    assert refused.context["form"].errors[field] == [message]
    assert f'maxlength="{limit}"' in refused.text
    assert unchanged == before
    assert kept.status_code == 302
    assert len(getattr(Exhibitor.objects.get(pk=exhibitor.pk), field)) == limit


@pytest.mark.parametrize(
    ("field", "limit"), [("story_en", 5000), ("story_ind", 5000), ("address", 500)]
)
def test_exhibitor_long_texts_are_limited_in_the_database_too(exhibitor, field, limit):
    Exhibitor.objects.filter(pk=exhibitor.pk).update(**{field: "a" * limit})

    with pytest.raises(IntegrityError), transaction.atomic():
        Exhibitor.objects.filter(pk=exhibitor.pk).update(**{field: "a" * (limit + 1)})


def test_business_edit_save_and_send_for_review(owner_client, user):
    draft = ExhibitorFactory(owners=[user], draft=True)

    owner_client.post(_url(draft), profile_form_data(draft, action="submit"))

    draft.refresh_from_db()
    assert draft.review_status == ReviewStatus.PENDING


def test_business_submit_only_moves_drafts_and_sent_back_profiles(owner_client, user):
    approved = ExhibitorFactory(owners=[user])
    rejected = ExhibitorFactory(owners=[user], rejected=True, rejection_reason="Add a story.")

    for exhibitor in (approved, rejected):
        owner_client.post(reverse("portal:business-submit", kwargs={"slug": exhibitor.slug}))

    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert (approved.review_status, rejected.review_status) == (
        ReviewStatus.APPROVED,
        ReviewStatus.PENDING,
    )
