"""The same inquiry sent again within ten minutes (a new form: Back, then send again) shows
the first reference, with a button to send it anyway as a new inquiry."""

import datetime
import uuid
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from buyers import services
from buyers.models import ExpressionOfInterest, Inquiry
from buyers.services import (
    DuplicateInquiry,
    inquiry_list_send,
    placement_inquiry_send,
    trade_inquiry_send,
)

from .factories import ExhibitorFactory, ProductFactory
from .lead_data import placement_post, trade_post

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Aiko Tanaka", "email": "aiko@example.jp", "country": "JP"}


@pytest.fixture
def product():
    return ProductFactory(slug="gayo-coffee", exhibitor=ExhibitorFactory(slug="kopi"))


def _trade(product, **changes):
    values = {
        "idempotency_key": uuid.uuid4(),
        "contact": CONTACT,
        "exhibitor": product.exhibitor,
        "product": product,
        "language": "en",
        "source": "web",
        "consent_version": "1",
        "message": "Price list, please.",
        **changes,
    }
    return trade_inquiry_send(**values)


def _age(minutes):
    """Make every lead and inquiry list ``minutes`` older."""
    past = timezone.now() - datetime.timedelta(minutes=minutes)
    ExpressionOfInterest.objects.update(created_at=past)
    Inquiry.objects.update(created_at=past)


# ---- The service ---------------------------------------------------------------------------


def test_trade_inquiry_sent_again_gives_the_first_reference(product):
    first = _trade(product)

    with pytest.raises(DuplicateInquiry) as refused:
        _trade(
            product,
            contact={**CONTACT, "email": "AIKO@Example.JP"},
            message=" Price list, please.\n",
        )

    assert refused.value.earlier.reference == first.reference
    assert ExpressionOfInterest.objects.count() == 1


def test_same_form_committed_during_the_duplicate_check_gives_its_confirmation(product):
    """Two taps of one form: the first commits after the second looked for its key and
    before the second's duplicate check. The second is the same form, not a duplicate."""
    key = uuid.uuid4()
    first = _trade(product, idempotency_key=key)
    real = services.sent_by_key
    looks = []

    def look_before_the_first_committed(idempotency_key):
        looks.append(idempotency_key)
        return None if len(looks) == 1 else real(idempotency_key)

    with mock.patch.object(services, "sent_by_key", look_before_the_first_committed):
        second = _trade(product, idempotency_key=key)

    assert not second.created and second.reference == first.reference
    assert ExpressionOfInterest.objects.count() == 1


def test_trade_inquiry_sent_again_on_purpose_is_a_new_lead(product):
    first = _trade(product)

    again = _trade(product, send_again=True)

    assert again.created and again.reference != first.reference
    assert ExpressionOfInterest.objects.count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"message": "And samples too."},
        {"contact": {**CONTACT, "email": "someone@else.example"}},
        "other product",
        "after ten minutes",
    ],
)
def test_trade_inquiry_that_differs_or_comes_later_is_new(product, change):
    _trade(product)
    changes = {}
    if change == "other product":
        changes["product"] = ProductFactory(exhibitor=product.exhibitor)
    elif change == "after ten minutes":
        _age(11)
    else:
        changes = change

    _trade(changes.pop("product", product), **changes)

    assert ExpressionOfInterest.objects.count() == 2


def test_same_form_sent_twice_still_gives_its_own_confirmation(product):
    key = uuid.uuid4()
    first = _trade(product, idempotency_key=key)

    again = _trade(product, idempotency_key=key)

    assert (again.created, again.reference) == (False, first.reference)


def test_inquiry_list_with_the_same_products_and_message_is_a_duplicate(product):
    other = ProductFactory()
    common = {
        "contact": CONTACT,
        "language": "en",
        "source": "web",
        "consent_version": "1",
        "message": "Samples to Osaka.",
    }
    first = inquiry_list_send(
        idempotency_key=uuid.uuid4(), items=[(product, None), (other, 5)], **common
    )

    with pytest.raises(DuplicateInquiry) as refused:
        inquiry_list_send(
            idempotency_key=uuid.uuid4(), items=[(other, 10), (product, None)], **common
        )
    fewer = inquiry_list_send(idempotency_key=uuid.uuid4(), items=[(product, None)], **common)

    assert first.reference.startswith("INQ-")
    assert refused.value.earlier.reference == first.reference
    assert fewer.created and Inquiry.objects.count() == 2


def test_placement_inquiry_sent_again_gives_the_first_reference():
    common = {
        "contact": {**CONTACT, "institution": "Embassy", "delegate_type": "embassy"},
        "language": "en",
        "source": "web",
        "consent_version": "1",
        "message": "Meet at the booth?",
        "sectors": ["manufacturing"],
    }
    first = placement_inquiry_send(idempotency_key=uuid.uuid4(), **common)

    with pytest.raises(DuplicateInquiry) as refused:
        placement_inquiry_send(idempotency_key=uuid.uuid4(), **common)
    placement_inquiry_send(idempotency_key=uuid.uuid4(), send_again=True, **common)

    assert refused.value.earlier.reference == first.reference
    assert ExpressionOfInterest.objects.count() == 2


# ---- The pages -----------------------------------------------------------------------------


def test_buyer_who_sends_the_form_again_sees_the_first_reference_and_can_send_anyway(
    client, product
):
    url = reverse("buyers:product-interest", args=[product.slug])
    client.post(url, trade_post())
    (first,) = ExpressionOfInterest.objects.all()

    again = client.post(url, trade_post())
    page = again.content.decode()

    assert again.status_code == 409
    assert f'data-testid="reference">{first.reference}</p>' in page
    assert "Send it anyway as a new inquiry" in page
    assert '<input type="hidden" name="send_again" value="1">' in page
    assert '<input type="hidden" name="email" value="aiko@example.jp">' in page
    assert ExpressionOfInterest.objects.count() == 1
    # The button posts every field once more, with the flag.
    fields = dict(again.context["fields"])
    anyway = client.post(url, {**fields, "send_again": "1"})
    assert anyway.status_code == 302
    assert ExpressionOfInterest.objects.count() == 2


def test_duplicate_page_is_in_indonesian(client, product):
    url = f"/id/interest/product/{product.slug}/"
    client.post(url, trade_post())

    page = client.post(url, trade_post()).content.decode()

    assert "Anda baru saja mengirim permintaan ini" in page
    assert "Tetap kirim sebagai permintaan baru" in page


def test_delegate_who_sends_again_sees_the_first_reference(client):
    url = reverse("buyers:cooperation")
    client.post(url, placement_post())

    again = client.post(url, placement_post())

    assert again.status_code == 409
    assert "BP2MI already has this request" in again.content.decode()
    assert ExpressionOfInterest.objects.count() == 1
