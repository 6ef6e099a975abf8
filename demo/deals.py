"""Demo deals: what some demo leads became, so the lead pages and results show deals.

Added once per lead (a lead that has deals already is left alone); dates are counted back
from today, so they are never in the future, and one deal is verified by staff.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from buyers.models import ExpressionOfInterest
from deals.models import Deal
from deals.services import deal_record, deal_verify


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# lead key -> deals; "verify": counted as realised once staff verified it.
DEALS = {
    "tanaka-silk-scarf": [
        {
            "title": "Sampel 12 syal sutra batik",
            "sample_sent_on": 20,
            "quoted_on": 14,
            "quoted_amount": Decimal("3600000"),
            "currency": "IDR",
            "usd_idr_rate": Decimal("15750"),
        },
        {
            "title": "Pesanan pertama 200 syal",
            "quoted_on": 9,
            "quoted_amount": Decimal("58000000"),
            "agreement_signed_on": 5,
            "amount": Decimal("56000000"),
            "currency": "IDR",
            "usd_idr_rate": Decimal("15800"),
            "destination_country": "JP",
            "incoterm": "FOB",
        },
    ],
    "devries-mace": [
        {
            "title": "First container of Banda mace",
            "sample_sent_on": 30,
            "agreement_signed_on": 18,
            "purchase_order_on": 15,
            "shipped_on": 6,
            "shipped_quantity": Decimal("800"),
            "unit": "kg",
            "amount": Decimal("14400"),
            "currency": "USD",
            "usd_idr_rate": Decimal("15820"),
            "destination_country": "NL",
            "incoterm": "CIF",
            "verify": True,
        },
    ],
    "alhashimi-green-beans": [
        {
            "title": "Quotation for 2 tonnes of green beans",
            "sample_sent_on": 16,
            "quoted_on": 10,
            "quoted_amount": Decimal("19000"),
            "currency": "USD",
            "destination_country": "AE",
            "incoterm": "CFR",
        },
    ],
}


def load(lead_key, *, staff) -> int:
    """Record the demo deals of leads that have none yet; returns how many were recorded."""
    keys = {lead_key(key): key for key in DEALS}
    leads = ExpressionOfInterest.objects.filter(idempotency_key__in=keys).select_related(
        "exhibitor"
    )
    with_deals = set(Deal.objects.filter(lead__in=leads).values_list("lead_id", flat=True))
    recorded = 0
    for lead in leads:
        if lead.pk in with_deals:
            continue
        owner = lead.exhibitor.owners.first()
        for row in DEALS[keys[lead.idempotency_key]]:
            fields = dict(row)
            verify = fields.pop("verify", False)
            for name, value in list(fields.items()):
                if name.endswith("_on"):
                    fields[name] = _days_ago(value)
            deal = deal_record(lead=lead, actor=owner or staff, **fields)
            if verify and staff is not None:
                deal_verify(deal=deal, actor=staff)
            recorded += 1
    return recorded
