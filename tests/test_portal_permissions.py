"""The attacks on the owner portal that must change nothing.

Who may open which portal URL is in tests/test_permission_matrix.py; these tests check
that a refused or tampered request leaves every object as it was.
"""

import pytest
from django.test import Client
from django.urls import reverse

from booths.models import Exhibitor
from buyers.choices import LeadStatus
from common.choices import ReviewStatus
from products.models import Product

from .factories import (
    ExhibitorFactory,
    ProductFactory,
    SubCategoryFactory,
    SupportProgrammeFactory,
    TradeLeadFactory,
    UserFactory,
)
from .portal_helpers import product_form_data, profile_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(user, other_user):
    """Sari owns a business with a product; Budi owns another."""
    mine = ExhibitorFactory(owners=[user], slug="batik-sari")
    theirs = ExhibitorFactory(owners=[other_user], slug="rotan-budi")
    product = ProductFactory(exhibitor=mine, draft=True, slug="sari-draft")
    return {
        "owner": user,
        "other owner": other_user,
        "exhibitor": mine,
        "theirs": theirs,
        "product": product,
    }


def _client(world, who):
    client = Client()
    client.force_login(world[who])
    return client


def test_portal_staff_pages_open_for_booth_admins(world, booth_admin):
    client = Client()
    client.force_login(booth_admin)

    response = client.get(reverse("portal:staff-owners"))

    assert response.status_code == 200
    assert world["owner"].username in response.text
    assert booth_admin.username not in response.text


# ---- Another owner's product, by id and by slug --------------------------------------


def test_editing_another_owners_product_by_id_is_404_and_changes_nothing(world):
    theirs = ProductFactory(exhibitor=world["theirs"], draft=True, name_en="Rattan bag")
    client = _client(world, "owner")
    url = reverse("portal:product-edit", kwargs={"pk": theirs.pk})

    get = client.get(url)
    post = client.post(url, product_form_data(category=theirs.category, name_en="Hacked"))

    theirs.refresh_from_db()
    assert (get.status_code, post.status_code) == (404, 404)
    assert (theirs.name_en, theirs.review_status) == ("Rattan bag", ReviewStatus.DRAFT)


def test_deleting_or_archiving_another_owners_product_by_id_is_404(world):
    theirs = ProductFactory(exhibitor=world["theirs"], draft=True)
    client = _client(world, "owner")

    delete = client.post(reverse("portal:product-delete", kwargs={"pk": theirs.pk}))
    archive = client.post(reverse("portal:product-archive", kwargs={"pk": theirs.pk}))

    assert (delete.status_code, archive.status_code) == (404, 404)
    theirs.refresh_from_db()
    assert theirs.is_archived is False


def test_another_owners_product_and_business_by_slug_are_404(world):
    """Tried: the other owner's product slug where an id belongs, and their business slug."""
    theirs = ProductFactory(exhibitor=world["theirs"], slug="rotan-tas")
    client = _client(world, "owner")

    responses = [
        client.get(f"/en/portal/products/{theirs.slug}/"),
        client.post(f"/en/portal/products/{theirs.slug}/delete/"),
        client.get(reverse("portal:business-edit", kwargs={"slug": world["theirs"].slug})),
        client.post(
            reverse("portal:business-edit", kwargs={"slug": world["theirs"].slug}),
            profile_form_data(world["theirs"], regency="Hacked"),
        ),
        client.get(reverse("portal:product-add") + f"?business={world['theirs'].slug}"),
    ]

    assert [response.status_code for response in responses] == [404] * 5
    assert Product.objects.filter(pk=theirs.pk).exists()
    assert Exhibitor.objects.get(pk=world["theirs"].pk).regency == ""


def test_another_owners_lead_is_404_and_its_status_stays(world):
    theirs = TradeLeadFactory(product=ProductFactory(exhibitor=world["theirs"]))
    client = _client(world, "owner")
    url = reverse("portal:lead-detail", kwargs={"pk": theirs.pk})

    get = client.get(url)
    post = client.post(url, {"action": "status", "status": "lost"})

    theirs.refresh_from_db()
    assert (get.status_code, post.status_code, theirs.status) == (404, 404, LeadStatus.NEW)


# ---- Mass assignment: staff-only fields in extra POST data ------------------------------


STAFF_ONLY_PRODUCT = {
    "review_status": "approved",
    "featured": "on",
    "is_archived": "on",
    "published_at": "2020-01-01 00:00",
    "rejection_reason": "",
    "slug": "new-slug",
    "created_by": "1",
    "updated_by": "1",
    "reviewed_at": "2020-01-01 00:00",
}


def test_product_add_ignores_staff_only_fields_in_the_post(world):
    """Tried: review_status=approved, featured, is_archived, published_at, slug, created_by
    and another owner's exhibitor id in the POST of a new product."""
    client = _client(world, "owner")
    category = SubCategoryFactory()
    url = reverse("portal:product-add") + f"?business={world['exhibitor'].slug}"

    response = client.post(
        url,
        product_form_data(
            category=category, **STAFF_ONLY_PRODUCT, exhibitor=str(world["theirs"].pk)
        ),
    )

    assert response.status_code == 302
    product = Product.objects.get(name_en="Gayo arabica coffee")
    assert product.exhibitor == world["exhibitor"]
    assert (product.review_status, product.featured, product.is_archived) == (
        ReviewStatus.PENDING,
        False,
        False,
    )
    assert (product.published_at, product.reviewed_at, product.slug) == (
        None,
        None,
        "gayo-arabica-coffee",
    )
    assert product.created_by == world["owner"]


def test_product_edit_ignores_staff_only_fields_in_the_post(world):
    product = world["product"]
    client = _client(world, "owner")

    client.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        product_form_data(
            category=product.category,
            product=product,
            **STAFF_ONLY_PRODUCT,
            exhibitor=str(world["theirs"].pk),
        ),
    )

    product.refresh_from_db()
    assert (product.exhibitor, product.slug, product.featured, product.is_archived) == (
        world["exhibitor"],
        "sari-draft",
        False,
        False,
    )
    assert (product.review_status, product.published_at) == (ReviewStatus.PENDING, None)


def test_business_edit_ignores_staff_only_fields_in_the_post(world):
    """Tried: review_status, featured, owners, support_programmes, name, slug and NIB."""
    exhibitor = world["exhibitor"]
    programme = SupportProgrammeFactory()
    intruder = UserFactory(username="intruder")
    nib, name = exhibitor.nib, exhibitor.name
    client = _client(world, "owner")

    response = client.post(
        reverse("portal:business-edit", kwargs={"slug": exhibitor.slug}),
        profile_form_data(
            exhibitor,
            review_status="approved",
            featured="on",
            owners=[str(intruder.pk)],
            support_programmes=[str(programme.pk)],
            name="Renamed",
            slug="renamed",
            nib="9999999999999",
            rejection_reason="none",
        ),
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert (exhibitor.review_status, exhibitor.featured) == (ReviewStatus.APPROVED, False)
    assert (exhibitor.name, exhibitor.slug, exhibitor.nib) == (name, "batik-sari", nib)
    assert list(exhibitor.owners.all()) == [world["owner"]]
    assert not exhibitor.support_programmes.exists()
    assert exhibitor.contact_name == "Sari"
    assert exhibitor.change_requests.get().changes["regency"] == "Pekalongan"


# ---- CSRF and redirects --------------------------------------------------------------------


def test_portal_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["owner"])
    product = world["product"]
    name = product.name_en

    archive = client.post(reverse("portal:product-archive", kwargs={"pk": product.pk}))
    edit = client.post(
        reverse("portal:product-edit", kwargs={"pk": product.pk}),
        product_form_data(category=product.category, product=product, name_en="No token"),
    )

    product.refresh_from_db()
    assert (archive.status_code, edit.status_code) == (403, 403)
    assert (product.is_archived, product.name_en) == (False, name)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "https://testserver@evil.example/",
    ],
)
def test_login_next_outside_the_site_goes_to_the_dashboard(world, password, target):
    response = Client().post(
        reverse("portal:login"),
        {"username": world["owner"].username, "password": password, "next": target},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/portal/"


def test_login_next_inside_the_site_is_followed(world, password):
    response = Client().post(
        "/id/portal/login/",
        {"username": world["owner"].username, "password": password, "next": "/id/portal/leads/"},
    )

    assert response.headers["Location"] == "/id/portal/leads/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_logout_next_outside_the_site_goes_home(world, target):
    client = _client(world, "owner")

    response = client.post(reverse("portal:logout") + f"?next={target}")

    assert response.headers["Location"] == "/en/"
    assert "_auth_user_id" not in client.session
