"""Writes that move exhibitors through review. Each is atomic and validates before saving;
a review decision is mailed to the owners after the commit (``booths.emails``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.choices import ReviewStatus
from common.fieldlists import flattened, with_translations

from .emails import notify_review
from .models import Exhibitor


@transaction.atomic
def exhibitor_approve(*, exhibitor: Exhibitor, actor=None) -> Exhibitor:
    """Approve a business profile, which makes it (and its approved products) public."""
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    exhibitor.review_status = ReviewStatus.APPROVED
    exhibitor.rejection_reason = ""
    exhibitor.reviewed_at = timezone.now()
    exhibitor.updated_by = actor
    exhibitor.full_clean()
    exhibitor.save()
    notify_review(exhibitor_id=exhibitor.pk, approved=True)
    return exhibitor


@transaction.atomic
def exhibitor_reject(*, exhibitor: Exhibitor, reason: str, actor=None) -> Exhibitor:
    """Send a business profile back to its owners with the reason; it leaves the catalogue."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason, so the owner knows what to change.")})
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    exhibitor.review_status = ReviewStatus.REJECTED
    exhibitor.rejection_reason = reason
    exhibitor.reviewed_at = timezone.now()
    exhibitor.updated_by = actor
    exhibitor.full_clean()
    exhibitor.save()
    notify_review(exhibitor_id=exhibitor.pk, approved=False, reason=reason)
    return exhibitor


@transaction.atomic
def exhibitors_set_featured(*, exhibitors, featured: bool, actor=None) -> int:
    """Feature or unfeature several exhibitors; returns how many changed."""
    return (
        Exhibitor.objects.filter(pk__in=[e.pk for e in exhibitors])
        .exclude(featured=featured)
        .update(featured=featured, updated_by=actor, updated_at=timezone.now())
    )


# What an owner may change on their own business profile, in the groups and order of
# the owner's form; translated fields by their base name (see common.fieldlists). Not
# the name, slug or NIB (staff check them against the business registration; printed QR
# codes use the slug), nor anything about review, featuring, owners or support programmes.
OWNER_PROFILE_GROUPS = (
    (
        gettext_lazy("Your business"),
        ("tagline", "story", "scale", "employees", "established_year", "export_readiness"),
    ),
    (
        gettext_lazy("Your time abroad"),
        (
            "founder_name",
            "former_placement_country",
            "sector_abroad",
            "years_abroad",
            "year_returned",
        ),
    ),
    (gettext_lazy("Where you are"), ("province", "regency", "address")),
    (
        gettext_lazy("Contact"),
        ("contact_name", "phone", "whatsapp", "email", "website", "instagram"),
    ),
)
OWNER_PROFILE_FIELDS = with_translations(Exhibitor, flattened(OWNER_PROFILE_GROUPS))


@transaction.atomic
def exhibitor_update_profile(
    *, exhibitor: Exhibitor, changes: dict, logo=None, remove_logo: bool = False, actor=None
) -> Exhibitor:
    """An owner's edit of their business profile; it is public at once on an approved one.

    ``logo`` is a checked, re-encoded image (common.uploads) stored under a random name.
    Raises ``ValueError`` for a field owners may not change and ``ValidationError``
    (nothing saved) on bad values.
    """
    unknown = set(changes) - set(OWNER_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not an owner profile field: {', '.join(sorted(unknown))}")
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    old_logo = exhibitor.logo.name if exhibitor.logo else ""
    for name, value in changes.items():
        setattr(exhibitor, name, value)
    if logo is not None:
        exhibitor.logo = logo
    elif remove_logo:
        exhibitor.logo = ""
    exhibitor.updated_by = actor
    exhibitor.full_clean()
    exhibitor.save()
    if old_logo and (logo is not None or remove_logo):
        storage = exhibitor.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo), robust=True)
    return exhibitor


@transaction.atomic
def exhibitor_submit_for_review(*, exhibitor: Exhibitor, actor=None) -> Exhibitor:
    """An owner asks staff to review a draft or sent-back profile."""
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    if exhibitor.review_status not in (ReviewStatus.DRAFT, ReviewStatus.REJECTED):
        return exhibitor
    exhibitor.review_status = ReviewStatus.PENDING
    exhibitor.updated_by = actor
    exhibitor.full_clean()
    exhibitor.save()
    return exhibitor
