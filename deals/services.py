"""Writes on deals: each one atomic, validated, and written to the lead's history.

A change to a verified deal takes the verification back: the figures staff checked are no
longer the deal's, so it stops counting as realised until someone verifies it again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from buyers.choices import LeadKind
from buyers.models import ExpressionOfInterest
from buyers.services import lead_add_note

from .models import Deal

# What an owner (and staff in the admin) may set; verification only through deal_verify.
DEAL_FIELDS = (
    "title",
    "sample_sent_on",
    "quoted_on",
    "quoted_amount",
    "agreement_signed_on",
    "document",
    "purchase_order_on",
    "shipped_on",
    "shipped_quantity",
    "unit",
    "paid_on",
    "amount",
    "currency",
    "usd_idr_rate",
    "destination_country",
    "incoterm",
)


def _summary(deal: Deal) -> str:
    parts = [deal.title]
    if deal.stage:
        parts.append(str(deal.stage))
    if deal.amount is not None:
        parts.append(f"{number_format(deal.amount, 2, force_grouping=True)} {deal.currency}")
    return " · ".join(parts)


def _field_label(name: str) -> str:
    return str(Deal._meta.get_field(name).verbose_name)


def _refuse_unknown(fields: dict) -> None:
    unknown = set(fields) - set(DEAL_FIELDS)
    if unknown:
        raise TypeError(f"Fields not settable on a deal: {sorted(unknown)}")


@transaction.atomic
def deal_record(*, lead: ExpressionOfInterest, actor=None, **fields) -> Deal:
    """Record a new deal on a trade lead, and say so in the lead's history."""
    _refuse_unknown(fields)
    if lead.kind != LeadKind.TRADE:
        raise ValueError("Deals belong to trade inquiries only.")
    deal = Deal(lead=lead, created_by=actor, **fields)
    deal.full_clean()
    deal.save()
    lead_add_note(
        lead=lead, actor=actor, note=_("Deal recorded: %(deal)s") % {"deal": _summary(deal)}
    )
    return deal


@transaction.atomic
def deal_update(*, deal: Deal, actor=None, **fields) -> Deal:
    """Change a deal; the history lists what changed. A verified deal needs verifying again."""
    _refuse_unknown(fields)
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    before = {name: getattr(deal, name) for name in fields}
    for name, value in fields.items():
        setattr(deal, name, value)
    changed = [name for name in fields if getattr(deal, name) != before[name]]
    if not changed:
        return deal
    was_verified = deal.is_verified
    if was_verified:
        deal.verified_at = None
        deal.verified_by = None
    deal.full_clean()
    deal.save()
    replaced = before.get("document")
    if "document" in changed and replaced:
        # The old file goes once the new one is safely recorded.
        name, storage = replaced.name, replaced.storage
        transaction.on_commit(lambda: storage.delete(name))
    note = _("Deal changed: %(deal)s (%(fields)s)") % {
        "deal": _summary(deal),
        "fields": ", ".join(_field_label(name) for name in changed),
    }
    if was_verified:
        note += " " + _("It needs verifying again.")
    lead_add_note(lead=deal.lead, actor=actor, note=note)
    return deal


@transaction.atomic
def deal_verify(*, deal: Deal, actor) -> Deal:
    """Staff checked the deal (the document, the buyer): it now counts as realised."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.is_verified:
        return deal
    if not deal.is_agreed or deal.amount is None:
        raise ValidationError(
            _(
                "Only a deal with a signed agreement (or a later stage) and an amount can be "
                "verified."
            ),
            code="not_agreed",
        )
    deal.verified_at = timezone.now()
    deal.verified_by = actor
    deal.save(update_fields=["verified_at", "verified_by", "updated_at"])
    lead_add_note(
        lead=deal.lead, actor=actor, note=_("Deal verified: %(deal)s") % {"deal": _summary(deal)}
    )
    return deal
