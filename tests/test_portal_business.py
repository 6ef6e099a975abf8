"""Owners edit their own business profile; a draft or sent-back one goes to staff review."""

import pytest
from django.urls import reverse

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
