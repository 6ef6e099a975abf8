"""Demo deals: what some demo leads became, so the lead pages and results show deals.

Added once per lead (a lead that has deals already is left alone); dates are counted in
days after the expo's last day, as follow-up runs, and never pass today; two deals are
verified by staff.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from buyers.models import ExpressionOfInterest
from deals.models import Deal
from deals.services import deal_record, deal_verify


def _after_expo(expo, days: int) -> datetime.date:
    today = timezone.localdate()
    start = expo.end_date if expo else today
    return min(start + datetime.timedelta(days=days), today)


# lead key -> deals, their dates in days after the expo; "verify": counted as realised
# once staff verified it.
DEALS = {
    "tanaka-silk-scarf": [
        {
            "title": "Sampel 12 syal sutra batik",
            "sample_sent_on": 6,
            "quoted_on": 12,
            "quoted_amount": Decimal("3600000"),
            "currency": "IDR",
            "usd_idr_rate": Decimal("15750"),
        },
        {
            "title": "Pesanan pertama 200 syal",
            "quoted_on": 17,
            "quoted_amount": Decimal("58000000"),
            "agreement_signed_on": 21,
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
            "sample_sent_on": 3,
            "agreement_signed_on": 15,
            "purchase_order_on": 18,
            "shipped_on": 27,
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
            "sample_sent_on": 8,
            "quoted_on": 14,
            "quoted_amount": Decimal("19000"),
            "currency": "USD",
            "destination_country": "AE",
            "incoterm": "CFR",
        },
    ],
    "obrien-guest-soap": [
        {
            "title": "10,000 guest soaps of 30 g with the hotel's logo",
            "sample_sent_on": 5,
            "quoted_on": 12,
            "quoted_amount": Decimal("4500"),
            "agreement_signed_on": 19,
            "purchase_order_on": 24,
            "amount": Decimal("4200"),
            "currency": "USD",
            "destination_country": "AU",
            "incoterm": "DAP",
            "verify": True,
        },
    ],
    "alqahtani-vanilla": [
        {
            "title": "Vanili grade A 50 kg",
            "quoted_on": 9,
            "quoted_amount": Decimal("176000000"),
            "agreement_signed_on": 33,
            "amount": Decimal("172500000"),
            "currency": "IDR",
            "usd_idr_rate": Decimal("15900"),
            "destination_country": "SA",
            "incoterm": "CIF",
        },
    ],
}


def load(lead_key, *, staff) -> int:
    """Record the demo deals of leads that have none yet; returns how many were recorded."""
    keys = {lead_key(key): key for key in DEALS}
    leads = ExpressionOfInterest.objects.filter(idempotency_key__in=keys).select_related(
        "exhibitor", "expo"
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
                    fields[name] = _after_expo(lead.expo, value)
            deal = deal_record(lead=lead, actor=owner or staff, **fields)
            if verify and staff is not None:
                deal_verify(deal=deal, actor=staff)
            recorded += 1
    return recorded
