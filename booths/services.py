"""Writes that move exhibitors through review. Each is atomic and validates before saving.

An approved business is public, so an owner's edits to what buyers see of it
(``booths.proposals.PUBLIC_PROFILE_FIELDS``) wait in an ``ExhibitorChangeRequest`` and
the live row stays the last approved state until staff call ``exhibitor_approve`` (or
``exhibitor_reject`` with a reason), as products do. A business that is not approved
yet is edited in place and waits for review as a whole. A review decision is mailed to
the owners after the commit (``booths.emails``). Approving, rejecting a business on
show and featuring bump the content version (``common.cache.content_changed``); an owner's
edits reach buyers only through approval, so they bump nothing.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.cache import content_changed
from common.choices import ChangeRequestStatus, ReviewStatus
from common.fieldlists import flattened, with_translations
from common.proposals import FieldChange

from .emails import notify_review
from .models import Exhibitor, ExhibitorChangeRequest
from .proposals import PUBLIC_PROFILE_FIELDS, ProfileProposal, diff


def pending_profile_changes(exhibitor: Exhibitor) -> ExhibitorChangeRequest | None:
    """The business profile's changes still waiting for review, if any."""
    return exhibitor.change_requests.filter(status=ChangeRequestStatus.PENDING).first()


@transaction.atomic
def exhibitor_approve(*, exhibitor: Exhibitor, actor=None) -> Exhibitor:
    """Approve a business profile, which makes it (and its approved products) public,
    with its pending changes, if any, applied."""
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    pending = pending_profile_changes(exhibitor)
    if pending:
        proposal = ProfileProposal.from_json(pending.changes)
        pending.previous = ProfileProposal.of_exhibitor(exhibitor, proposal.names()).to_json()
        proposal.apply_fields(exhibitor)
        pending.close(status=ChangeRequestStatus.APPROVED, actor=actor)
    exhibitor.review_status = ReviewStatus.APPROVED
    exhibitor.rejection_reason = ""
    exhibitor.reviewed_at = timezone.now()
    exhibitor.updated_by = actor
    exhibitor.full_clean()
    exhibitor.save()
    content_changed()
    notify_review(exhibitor_id=exhibitor.pk, approved=True)
    return exhibitor


@transaction.atomic
def exhibitor_reject(*, exhibitor: Exhibitor, reason: str, actor=None) -> Exhibitor:
    """Send a business profile back to its owners with the reason; it leaves the catalogue.

    With pending changes, only the changes are rejected: the approved profile stays
    public as it was.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason, so the owner knows what to change.")})
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    pending = pending_profile_changes(exhibitor)
    if pending:
        pending.close(status=ChangeRequestStatus.REJECTED, actor=actor, reason=reason)
        notify_review(exhibitor_id=exhibitor.pk, approved=False, reason=reason, changes=True)
        return exhibitor
    exhibitor.review_status = ReviewStatus.REJECTED
    exhibitor.rejection_reason = reason
    exhibitor.reviewed_at = timezone.now()
    exhibitor.updated_by = actor
    exhibitor.full_clean()
    exhibitor.save()
    content_changed()  # it leaves the catalogue, with its products
    notify_review(exhibitor_id=exhibitor.pk, approved=False, reason=reason)
    return exhibitor


@transaction.atomic
def exhibitors_set_featured(*, exhibitors, featured: bool, actor=None) -> int:
    """Feature or unfeature several exhibitors; returns how many changed."""
    changed = (
        Exhibitor.objects.filter(pk__in=[e.pk for e in exhibitors])
        .exclude(featured=featured)
        .update(featured=featured, updated_by=actor, updated_at=timezone.now())
    )
    if changed:
        content_changed()
    return changed


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
        (
            "contact_name",
            "phone",
            "whatsapp",
            "whatsapp_public",
            "email",
            "website",
            "instagram",
        ),
    ),
)
OWNER_PROFILE_FIELDS = with_translations(Exhibitor, flattened(OWNER_PROFILE_GROUPS))
# What owners change that buyers never see: it needs no review.
PRIVATE_PROFILE_FIELDS = tuple(
    name for name in OWNER_PROFILE_FIELDS if name not in PUBLIC_PROFILE_FIELDS
)


@transaction.atomic
def exhibitor_update_profile(
    *,
    exhibitor: Exhibitor,
    proposal: ProfileProposal,
    changes: dict,
    logo=None,
    remove_logo: bool = False,
    actor=None,
) -> ExhibitorChangeRequest | None:
    """An owner's edit of their business profile; returns the changes left for review.

    ``proposal`` holds what buyers see. On an approved business it waits in one pending
    change request (merged with any earlier, unreviewed one) and buyers keep seeing the
    approved profile; the request is withdrawn when the values match the live profile
    again. On a business that is not approved, it is applied at once. ``changes`` (to
    ``PRIVATE_PROFILE_FIELDS``) and the logo, which buyers never see, apply at once.
    ``logo`` is a checked, re-encoded image (common.uploads) stored under a random name.
    Raises ``ValueError`` for a field owners may not change and ``ValidationError``
    (nothing saved) on bad values.
    """
    unknown = set(changes) - set(PRIVATE_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not a private profile field: {', '.join(sorted(unknown))}")
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    old_logo = exhibitor.logo.name if exhibitor.logo else ""
    for name, value in changes.items():
        setattr(exhibitor, name, value)
    if logo is not None:
        exhibitor.logo = logo
    elif remove_logo:
        exhibitor.logo = ""
    exhibitor.updated_by = actor
    published = exhibitor.review_status == ReviewStatus.APPROVED
    pending = pending_profile_changes(exhibitor) if published else None
    earlier = ProfileProposal.from_json(pending.changes) if pending else ProfileProposal()
    # The whole profile as it would be, private changes included, is checked at once.
    candidate = copy.copy(exhibitor) if published else exhibitor
    earlier.apply_fields(candidate)
    cleaned = proposal.clean(candidate)
    exhibitor.save()
    if old_logo and (logo is not None or remove_logo):
        storage = exhibitor.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo), robust=True)
    if not published:
        return None

    proposed = earlier.merged(cleaned)
    proposed = proposed.changed_from(ProfileProposal.of_exhibitor(exhibitor, proposed.names()))
    if not proposed.names():
        if pending:
            pending.delete()
        return None
    request = pending or ExhibitorChangeRequest(exhibitor=exhibitor)
    request.keep(
        changes=proposed,
        previous=ProfileProposal.of_exhibitor(exhibitor, proposed.names()),
        actor=actor,
    )
    return request


def profile_change_diff(change_request: ExhibitorChangeRequest) -> list[FieldChange]:
    """Field by field: the last approved value and the proposed one, ready to show.

    A pending request compares with the live profile (the last approved state); a
    reviewed one with the values it was reviewed against.
    """
    after = ProfileProposal.from_json(change_request.changes)
    if change_request.status == ChangeRequestStatus.PENDING:
        before = ProfileProposal.of_exhibitor(change_request.exhibitor, after.names())
    else:
        before = ProfileProposal.from_json(change_request.previous)
    return diff(before, after)


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
