"""The support programmes behind a business, as badges for buyers and as a list for its owner."""

import pytest
from django.test import Client
from django.urls import reverse

from .factories import ExhibitorFactory, ProductFactory, SupportProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def business():
    kur = SupportProgrammeFactory(
        code="kur",
        badge_en="Financed through KUR",
        badge_ind="Dibiayai KUR",
        explanation_en="Its growth is financed by a People's Business Credit loan.",
        explanation_ind="Pengembangan usahanya dibiayai Kredit Usaha Rakyat.",
    )
    internal = SupportProgrammeFactory(code="mentoring", name_en="Internal mentoring list")
    exhibitor = ExhibitorFactory(name="Kopi Purna")
    exhibitor.support_programmes.add(kur, internal)
    return exhibitor


def test_badges_show_on_the_business_and_product_pages(client, business):
    product = ProductFactory(exhibitor=business)

    for url in (business.get_absolute_url(), product.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Support behind this business" in page
        assert "Financed through KUR" in page
        assert "Its growth is financed by a People&#x27;s Business Credit loan." in page
        # A programme without a badge stays with the staff.
        assert "Internal mentoring list" not in page


def test_badges_speak_indonesian(client, business):
    page = client.get(f"/id/exhibitors/{business.slug}/").content.decode()

    assert "Dibiayai KUR" in page
    assert "Pengembangan usahanya dibiayai Kredit Usaha Rakyat." in page


def test_badge_only_in_one_language_shows_in_both(client, business):
    programme = business.support_programmes.get(code="kur")
    programme.badge_ind = ""
    programme.save()

    page = client.get(f"/id/exhibitors/{business.slug}/").content.decode()

    assert "Financed through KUR" in page


def test_business_without_programmes_shows_no_badge_section(client):
    page = client.get(ExhibitorFactory().get_absolute_url()).content.decode()

    assert "Support behind this business" not in page


def test_badges_follow_staff_changes_on_the_cached_page(client, business, booth_admin):
    url = business.get_absolute_url()
    client.get(url)
    programme = business.support_programmes.get(badge_en="Financed through KUR")
    staff = Client()
    staff.force_login(booth_admin)

    response = staff.post(
        reverse("admin:booths_supportprogramme_change", args=[programme.pk]),
        {
            "code": programme.code,
            "name_en": programme.name_en,
            "name_ind": programme.name_ind or "",
            "badge_en": "Working capital from KUR",
            "badge_ind": programme.badge_ind or "",
            "explanation_en": programme.explanation_en or "",
            "explanation_ind": programme.explanation_ind or "",
        },
    )

    page = client.get(url).content.decode()
    assert response.status_code == 302
    assert "Financed through KUR" not in page and "Working capital from KUR" in page


def test_owner_sees_the_programmes_but_no_way_to_set_them(client, user, business):
    business.owners.add(user)
    client.force_login(user)

    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    edit = client.get(reverse("portal:business-edit", kwargs={"slug": business.slug}))

    assert "Financed through KUR" in dashboard
    assert "Internal mentoring list" in dashboard
    assert "Not shown to buyers." in dashboard
    assert "support_programmes" not in edit.content.decode()
