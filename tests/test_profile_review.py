"""Review of business profiles: owners' changes to what buyers see wait for staff approval."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from booths.models import ExhibitorChangeRequest
from booths.proposals import PUBLIC_PROFILE_FIELDS, ProfileProposal
from booths.services import (
    OWNER_PROFILE_FIELDS,
    PRIVATE_PROFILE_FIELDS,
    exhibitor_approve,
    exhibitor_reject,
    exhibitor_update_profile,
    profile_change_diff,
)
from common.choices import ChangeRequestStatus, ReviewStatus

from .factories import ExhibitorFactory, ProductFactory
from .portal_helpers import profile_form_data

pytestmark = pytest.mark.django_db

OLD_TAGLINE = "Handmade in Indonesia"
NEW_TAGLINE = "Hand-drawn batik from Pekalongan"


@pytest.fixture
def exhibitor(user):
    return ExhibitorFactory(owners=[user], slug="batik-sari", tagline_en=OLD_TAGLINE)


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def _edit_url(exhibitor):
    return reverse("portal:business-edit", kwargs={"slug": exhibitor.slug})


def _public_page(client, exhibitor) -> str:
    """The business's public page as an anonymous buyer gets it (from the page cache)."""
    client.logout()
    response = client.get(exhibitor.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _propose_new_tagline(client, user, exhibitor):
    client.force_login(user)
    response = client.post(
        _edit_url(exhibitor), profile_form_data(exhibitor, tagline_en=NEW_TAGLINE)
    )
    assert response.status_code == 302
    return response


def test_profile_fields_public_and_private_split_the_owner_fields():
    assert set(PUBLIC_PROFILE_FIELDS) | set(PRIVATE_PROFILE_FIELDS) == set(OWNER_PROFILE_FIELDS)
    assert set(PRIVATE_PROFILE_FIELDS) == {
        "established_year",
        "address",
        "contact_name",
        "phone",
        "email",
        "website",
        "instagram",
    }
    # Buyers who asked the business may see the WhatsApp number once the owner opts in.
    assert {"whatsapp", "whatsapp_public"} <= set(PUBLIC_PROFILE_FIELDS)


def test_profile_edit_of_an_approved_business_waits_and_the_public_page_keeps_it(
    client, user, exhibitor
):
    before = _public_page(client, exhibitor)

    response = _propose_new_tagline(client, user, exhibitor)
    messages = [str(m) for m in response.wsgi_request._messages]
    after = _public_page(client, exhibitor)
    exhibitor.refresh_from_db()

    assert OLD_TAGLINE in before and OLD_TAGLINE in after and NEW_TAGLINE not in after
    assert exhibitor.tagline_en == OLD_TAGLINE
    request = ExhibitorChangeRequest.objects.get(exhibitor=exhibitor)
    assert request.status == ChangeRequestStatus.PENDING
    assert request.submitted_by == user
    # Only what differs from the approved profile waits: the Indonesian tagline did not change.
    assert request.changes["tagline_en"] == NEW_TAGLINE
    assert request.previous["tagline_en"] == OLD_TAGLINE
    assert "tagline_ind" not in request.changes
    assert messages == [
        "Your profile is saved. The changes buyers would see wait for review by BP2MI "
        "staff; until then buyers see the approved profile."
    ]


def test_profile_page_and_dashboard_show_the_changes_waiting_for_review(client, user, exhibitor):
    _propose_new_tagline(client, user, exhibitor)

    profile = client.get(_edit_url(exhibitor))
    dashboard = client.get(reverse("portal:dashboard"))

    for response in (profile, dashboard):
        html = response.content.decode()
        assert "Changes waiting for review" in html
        assert "Buyers see your approved profile until BP2MI staff approve your changes." in html
        assert f"<del>{OLD_TAGLINE}</del>" in html
        assert f"<ins>{NEW_TAGLINE}</ins>" in html
    # The form continues from the owner's own changes.
    assert profile.context["form"]["tagline_en"].value() == NEW_TAGLINE


def test_profile_private_fields_change_at_once_without_review(owner_client, exhibitor):
    data = profile_form_data(
        exhibitor,
        story_ind=exhibitor.story_ind or "",
        regency=exhibitor.regency,
        years_abroad=str(exhibitor.years_abroad),
        employees=str(exhibitor.employees),
        contact_name="Sari Wulandari",
        email="sari@example.com",
        website="https://batiksari.example",
    )

    response = owner_client.post(_edit_url(exhibitor), data)
    exhibitor.refresh_from_db()

    assert response.status_code == 302
    assert (exhibitor.contact_name, exhibitor.email, exhibitor.website) == (
        "Sari Wulandari",
        "sari@example.com",
        "https://batiksari.example",
    )
    assert not ExhibitorChangeRequest.objects.exists()


def test_profile_private_fields_never_show_on_public_pages(client, exhibitor):
    """Why they need no review: buyers never see them."""
    exhibitor.contact_name = "Private Contact Person"
    exhibitor.email = "private-owner@example.com"
    exhibitor.phone = "+6281298765432"
    exhibitor.whatsapp = "+6281311112222"
    exhibitor.website = "https://private-site.example"
    exhibitor.instagram = "@privateinsta"
    exhibitor.address = "Jalan Rahasia 7"
    exhibitor.save()
    product = ProductFactory(exhibitor=exhibitor)

    pages = [
        client.get(exhibitor.get_absolute_url()).content.decode(),
        client.get(product.get_absolute_url()).content.decode(),
        client.get(reverse("booths:exhibitor-list")).content.decode(),
    ]

    for value in (
        "Private Contact Person",
        "private-owner@example.com",
        "98765432",
        "11112222",
        "private-site.example",
        "privateinsta",
        "Jalan Rahasia",
    ):
        assert not any(value in page for page in pages), value


def test_profile_changes_admin_change_page_shows_the_diff(client, user, exhibitor, booth_staff):
    _propose_new_tagline(client, user, exhibitor)
    client.force_login(booth_staff)

    page = client.get(reverse("admin:booths_exhibitor_change", args=[exhibitor.pk]))
    listing = client.get(reverse("admin:booths_exhibitor_changelist"), {"pending_changes": "yes"})
    html = page.content.decode()

    assert "Changes waiting for your review" in html
    assert '<th scope="row">Tagline [en]</th>' in html
    assert f"<td><del>{OLD_TAGLINE}</del></td><td><ins>{NEW_TAGLINE}</ins></td>" in html
    assert reverse("admin:booths_exhibitor_approve", args=[exhibitor.pk]) in html
    assert list(listing.context["cl"].result_list) == [exhibitor]


def test_profile_changes_approve_applies_them_and_the_public_page_shows_them_at_once(
    client, user, exhibitor, booth_staff
):
    _propose_new_tagline(client, user, exhibitor)
    assert NEW_TAGLINE not in _public_page(client, exhibitor)
    client.force_login(booth_staff)

    client.post(reverse("admin:booths_exhibitor_approve", args=[exhibitor.pk]))
    after = _public_page(client, exhibitor)
    exhibitor.refresh_from_db()

    assert NEW_TAGLINE in after
    assert exhibitor.tagline_en == NEW_TAGLINE
    assert exhibitor.review_status == ReviewStatus.APPROVED
    request = ExhibitorChangeRequest.objects.get(exhibitor=exhibitor)
    assert (request.status, request.reviewed_by) == (ChangeRequestStatus.APPROVED, booth_staff)
    assert request.previous["tagline_en"] == OLD_TAGLINE


def test_profile_changes_reject_keeps_the_approved_profile_and_the_owner_sees_the_reason(
    client, user, exhibitor, booth_staff
):
    _propose_new_tagline(client, user, exhibitor)
    client.force_login(booth_staff)

    client.post(
        reverse("admin:booths_exhibitor_reject", args=[exhibitor.pk]),
        {"reason": "Keep the tagline in plain words."},
    )
    public = _public_page(client, exhibitor)
    client.force_login(user)
    profile = client.get(_edit_url(exhibitor)).content.decode()
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    exhibitor.refresh_from_db()

    assert OLD_TAGLINE in public and NEW_TAGLINE not in public
    assert (exhibitor.tagline_en, exhibitor.review_status) == (OLD_TAGLINE, ReviewStatus.APPROVED)
    for html in (profile, dashboard):
        assert "Changes not accepted" in html
        assert "Keep the tagline in plain words." in html
    assert "See the changes that were not accepted" in profile
    assert f"<ins>{NEW_TAGLINE}</ins>" in profile


def test_profile_edit_back_to_the_approved_values_withdraws_the_changes(client, user, exhibitor):
    _propose_new_tagline(client, user, exhibitor)

    client.post(_edit_url(exhibitor), profile_form_data(exhibitor, tagline_en=OLD_TAGLINE))
    client.post(
        _edit_url(exhibitor),
        profile_form_data(
            exhibitor,
            story_ind=exhibitor.story_ind or "",
            regency=exhibitor.regency,
            years_abroad=str(exhibitor.years_abroad),
            employees=str(exhibitor.employees),
        ),
    )

    assert not ExhibitorChangeRequest.objects.exists()


def test_profile_bad_values_on_an_approved_business_store_nothing(owner_client, exhibitor):
    """Tried: 99 years abroad together with a new tagline and a new contact person."""
    data = profile_form_data(
        exhibitor, tagline_en=NEW_TAGLINE, contact_name="New", years_abroad="99"
    )

    response = owner_client.post(_edit_url(exhibitor), data)
    exhibitor.refresh_from_db()

    assert response.status_code == 400
    assert "years_abroad" in response.context["form"].errors
    assert (exhibitor.tagline_en, exhibitor.contact_name) == (OLD_TAGLINE, "")
    assert not ExhibitorChangeRequest.objects.exists()


def test_profile_of_another_owner_cannot_be_seen_or_changed(client, other_user, exhibitor):
    client.force_login(other_user)

    seen = client.get(_edit_url(exhibitor))
    changed = client.post(_edit_url(exhibitor), profile_form_data(exhibitor, tagline_en="Mine"))
    exhibitor.refresh_from_db()

    assert (seen.status_code, changed.status_code) == (404, 404)
    assert exhibitor.tagline_en == OLD_TAGLINE
    assert not ExhibitorChangeRequest.objects.exists()


def test_exhibitor_update_profile_merges_changes_into_one_pending_request(user, exhibitor):
    exhibitor_update_profile(
        exhibitor=exhibitor,
        proposal=ProfileProposal(fields={"tagline_en": NEW_TAGLINE}),
        changes={},
        actor=user,
    )
    request = exhibitor_update_profile(
        exhibitor=exhibitor,
        proposal=ProfileProposal(fields={"province": "JB", "former_placement_country": "TW"}),
        changes={},
        actor=user,
    )

    assert request.changes == {
        "tagline_en": NEW_TAGLINE,
        "province": "JB",
        "former_placement_country": "TW",
    }
    assert [(row.label, row.before, row.after) for row in profile_change_diff(request)] == [
        ("tagline [en]", OLD_TAGLINE, NEW_TAGLINE),
        ("province", "Central Java", "West Java"),
        ("former placement country", "Hong Kong", "Taiwan"),
    ]


def test_exhibitor_update_profile_refuses_review_fields_as_private_changes(user, exhibitor):
    with pytest.raises(ValueError, match="Not a private profile field: tagline_en"):
        exhibitor_update_profile(
            exhibitor=exhibitor,
            proposal=ProfileProposal(),
            changes={"tagline_en": NEW_TAGLINE},
            actor=user,
        )
    with pytest.raises(ValueError, match="Not a reviewed exhibitor field: name"):
        ProfileProposal(fields={"name": "Renamed"})


def test_exhibitor_reject_without_pending_changes_still_sends_the_profile_back(exhibitor):
    exhibitor_reject(exhibitor=exhibitor, reason="Add a story.")

    exhibitor.refresh_from_db()
    assert (exhibitor.review_status, exhibitor.rejection_reason) == (
        ReviewStatus.REJECTED,
        "Add a story.",
    )


def test_exhibitor_approve_refuses_changes_that_became_invalid(user, exhibitor):
    request = exhibitor_update_profile(
        exhibitor=exhibitor,
        proposal=ProfileProposal(fields={"tagline_en": NEW_TAGLINE}),
        changes={},
        actor=user,
    )
    ExhibitorChangeRequest.objects.filter(pk=request.pk).update(changes={"years_abroad": 99})

    with pytest.raises(ValidationError):
        exhibitor_approve(exhibitor=exhibitor)

    request.refresh_from_db()
    exhibitor.refresh_from_db()
    assert request.status == ChangeRequestStatus.PENDING
    assert exhibitor.years_abroad == 6
