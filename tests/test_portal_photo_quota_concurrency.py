"""The photo quota holds when one owner's uploads arrive at the same moment: against real
PostgreSQL, from real threads, each with its own connection."""

import pytest
from django.urls import reverse

from products.models import Product, ProductImage

from . import upload_files as files
from .concurrency import post_all_at_once
from .factories import ExhibitorFactory, ProductFactory, ProductImageFactory, SubCategoryFactory
from .portal_helpers import product_form_data


@pytest.mark.django_db(transaction=True)
def test_simultaneous_photo_uploads_never_pass_the_quota(user, settings, generous_limits):
    """5 of 10 photos kept, then six products of 2 photos each posted at once: two fit
    (9 photos), the other four are refused with the quota's message. Without the lock all
    six counted against the same 5 and the owner ended at 17."""
    settings.EXPO_OWNER_PHOTO_QUOTA = 10
    exhibitor = ExhibitorFactory(owners=[user], slug="kopi-sari")
    category = SubCategoryFactory()
    kept = ProductFactory(exhibitor=exhibitor)
    for _ in range(5):
        ProductImageFactory(product=kept)
    payloads = [
        {
            **product_form_data(category=category, name_en=f"Coffee {n}", name_ind=f"Kopi {n}"),
            "new_photos": [files.jpeg(), files.jpeg()],
        }
        for n in range(6)
    ]

    url = reverse("portal:product-add") + f"?business={exhibitor.slug}"
    results, errors = post_all_at_once(url, payloads, login=user)

    assert errors == []
    assert sorted(status for status, _body in results) == [302, 302, 400, 400, 400, 400]
    refused = [body for status, body in results if status == 400]
    assert all("can add only 1 more" in body for body in refused)
    assert ProductImage.objects.filter(product__exhibitor=exhibitor).count() == 9
    assert Product.objects.filter(exhibitor=exhibitor).count() == 3
