"""Simultaneous submissions against real PostgreSQL, from real threads: every lead is
committed with its own reference, and a double tap still makes one lead."""

import re

import pytest
from post_office.models import Email

from buyers.models import Buyer, ExpressionOfInterest

from .concurrency import post_all_at_once
from .factories import ProductFactory
from .lead_data import trade_post

REFERENCE = re.compile(r"EOI-[0-9]{2}-[0-9]{5}")


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_buyers_twenty_leads(generous_limits):
    product = ProductFactory(slug="gayo-coffee")
    payloads = [trade_post(email=f"buyer{number}@example.com") for number in range(20)]

    results, errors = post_all_at_once(f"/en/interest/product/{product.slug}/", payloads)

    assert errors == []
    assert [status for status, _body in results] == [302] * 20
    references = list(ExpressionOfInterest.objects.values_list("reference", flat=True))
    assert len(references) == 20
    assert len(set(references)) == 20
    assert all(REFERENCE.fullmatch(reference) for reference in references)
    assert Buyer.objects.count() == 20
    # Every lead's confirmation was queued after its commit.
    assert Email.objects.count() == 20


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_posts_of_one_returning_buyer_one_contact(generous_limits):
    """The same person, twenty different forms at once: twenty leads, one buyer row."""
    product = ProductFactory(slug="gayo-coffee")
    payloads = [
        trade_post(email="aiko@example.jp", message=f"Order {number}: your export price list.")
        for number in range(20)
    ]

    results, errors = post_all_at_once(f"/en/interest/product/{product.slug}/", payloads)

    assert errors == []
    assert [status for status, _body in results] == [302] * 20
    assert ExpressionOfInterest.objects.values("reference").distinct().count() == 20
    assert Buyer.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_double_tap_simultaneous_same_form_one_lead(generous_limits):
    product = ProductFactory(slug="gayo-coffee")
    payload = trade_post()

    results, errors = post_all_at_once(f"/en/interest/product/{product.slug}/", [payload] * 6)

    assert errors == []
    # Every tap lands on the same confirmation.
    assert [status for status, _body in results] == [302] * 6
    assert ExpressionOfInterest.objects.count() == 1
    assert Email.objects.count() == 1
