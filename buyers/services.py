"""Writes that create or move leads. Each is atomic and validates before saving."""

from django.db import transaction
from django.utils import timezone

from .models import Buyer, Delegate, ExpressionOfInterest, LeadEvent


def lead_reference(lead: ExpressionOfInterest) -> str:
    """A short reference a buyer can read over the phone, e.g. EOI-24-00042.

    Built from the primary key, so concurrent leads never share one.
    """
    year = timezone.localtime(lead.created_at).strftime("%y")
    return f"EOI-{year}-{lead.pk:05d}"


def contact_upsert(*, model: type[Buyer] | type[Delegate], email: str, **fields):
    """Match a returning buyer or delegate by email (any case) instead of duplicating them."""
    email = email.strip().lower()
    contact = model.objects.filter(email__iexact=email).first()
    if contact is None:
        contact = model(email=email)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean(validate_unique=False)
    contact.save()
    return contact


@transaction.atomic
def lead_create(*, actor=None, **fields) -> ExpressionOfInterest:
    """Create a lead with its reference and the first entry of its history."""
    lead = ExpressionOfInterest(**fields)
    lead.last_activity_at = timezone.now()
    lead.full_clean(exclude=["reference"])
    lead.save()
    lead.reference = lead_reference(lead)
    lead.save(update_fields=["reference"])
    LeadEvent.objects.create(lead=lead, actor=actor, to_status=lead.status)
    return lead


@transaction.atomic
def lead_change_status(*, lead: ExpressionOfInterest, status: str, actor=None, note: str = ""):
    """Move a lead along the pipeline and record who did it, when, and why."""
    lead = ExpressionOfInterest.objects.select_for_update().get(pk=lead.pk)
    previous = lead.status
    lead.status = status
    lead.last_activity_at = timezone.now()
    lead.full_clean(exclude=["reference"])
    lead.save(update_fields=["status", "last_activity_at", "updated_at"])
    LeadEvent.objects.create(
        lead=lead, actor=actor, from_status=previous, to_status=status, note=note
    )
    return lead


@transaction.atomic
def lead_add_note(*, lead: ExpressionOfInterest, note: str, actor=None) -> LeadEvent:
    """Record a follow-up note without changing the status."""
    lead = ExpressionOfInterest.objects.select_for_update().get(pk=lead.pk)
    lead.last_activity_at = timezone.now()
    lead.save(update_fields=["last_activity_at", "updated_at"])
    event = LeadEvent(lead=lead, actor=actor, note=note)
    event.full_clean()
    event.save()
    return event
