"""Writes that move products through review.

A published (approved) product is public, so an owner's edits to it do not reach
buyers straight away: ``product_submit_changes`` stores them in a
``ProductChangeRequest`` and the live row stays the last approved state until
staff call ``product_approve`` (or ``product_reject`` with a reason; the owners hear
of either by mail, see ``booths.emails``). A product that is not approved yet is
edited in place and waits for review as a whole.

Photos and certifications are public content too: on a published product their
changes wait in the same change request. What an owner proposes travels as one
``products.proposals.ProductProposal``, checked there.

Every write that changes what buyers see (approving, rejecting a product on show,
featuring, archiving) bumps the content version (``common.cache.content_changed``), so
the public pages show it at once on every app server. Edits to a product that is not on
show change nothing public and bump nothing.
"""

import uuid
from dataclasses import replace

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from booths.emails import notify_review
from common.cache import content_changed
from common.choices import ChangeRequestStatus, ReviewStatus
from common.fieldlists import with_translations
from common.uploads import check_photo_quota

from .models import (
    Certification,
    Product,
    ProductChangeRequest,
    ProductImage,
)
from .proposals import FieldChange, ProductProposal, ProposedPhoto, diff

PHOTO_TEXT_FIELDS = with_translations(ProductImage, ["alt_text"])


def pending_change_request(product: Product) -> ProductChangeRequest | None:
    """The product's changes still waiting for review, if any."""
    return product.change_requests.filter(status=ChangeRequestStatus.PENDING).first()


def _delete_files_after_commit(names) -> None:
    """Remove files from storage once the transaction that dropped them has committed."""
    names = [name for name in names if name]
    if not names:
        return
    storage = ProductImage._meta.get_field("image").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete, robust=True)


def _hold_photo_quota(owner, proposal: ProductProposal) -> None:
    """Refuse the proposal's new photos beyond ``owner``'s photo quota.

    Runs inside the transaction that stores the photos, after locking the rows of the
    owner and of everyone who shares a business with them (whose photos count towards the
    same total): simultaneous uploads are counted one after the other, never all against
    the same "before". Locks are taken in id order, so two owners never wait on each other.
    """
    adding = proposal.uploads()
    if owner is None or not adding:
        return
    User = get_user_model()
    sharing = User.objects.filter(exhibitors__owners=owner).values("pk")
    list(
        User.objects.filter(Q(pk=owner.pk) | Q(pk__in=sharing))
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )
    try:
        check_photo_quota(used=owner_photo_count(owner), adding=adding)
    except ValidationError as error:
        raise ValidationError({"photos": error.messages}, code="quota") from error


def _image_file_names(images) -> list[str]:
    names = []
    for image in images:
        names.append(image.image.name)
        names.extend(derived[0] for derived in (image.derived or {}).values())
    return names


def _store_uploads(proposal: ProductProposal) -> ProductProposal:
    """Store the proposal's new photos under random names (before review)."""
    if not proposal.uploads():
        return proposal
    image_field = ProductImage._meta.get_field("image")
    photos = [
        replace(
            photo,
            upload=None,
            file=image_field.storage.save(
                image_field.generate_filename(None, photo.upload.name), photo.upload
            ),
        )
        if photo.upload is not None
        else photo
        for photo in proposal.photos
    ]
    return replace(proposal, photos=photos)


def _apply_photos(product: Product, photos: list[ProposedPhoto]) -> None:
    """Make the product's photos what ``photos`` lists, in that order."""
    keep = {photo.id for photo in photos if photo.id is not None}
    removed = list(product.images.exclude(pk__in=keep))
    _delete_files_after_commit(_image_file_names(removed))
    product.images.filter(pk__in=[image.pk for image in removed]).delete()
    images = {image.pk: image for image in product.images.all()}
    for position, photo in enumerate(photos):
        texts = {name: getattr(photo, name) for name in PHOTO_TEXT_FIELDS}
        if photo.id is not None:
            image = images.get(photo.id)
            if image is None:
                continue  # Removed by staff meanwhile.
            image.position = position
            for name, value in texts.items():
                setattr(image, name, value)
            image.save(update_fields=["position", "alt_text", *PHOTO_TEXT_FIELDS])
            continue
        image = ProductImage(product=product, position=position, **texts)
        image.image = photo.upload if photo.upload is not None else photo.file
        image.save()


def _apply_relations(product: Product, proposal: ProductProposal) -> None:
    if proposal.photos is not None:
        _apply_photos(product, proposal.photos)
    if proposal.certifications is not None:
        wanted = {entry.kind: entry for entry in proposal.certifications}
        product.certifications.exclude(kind__in=wanted).delete()
        for kind, entry in wanted.items():
            Certification.objects.update_or_create(
                product=product,
                kind=kind,
                defaults={
                    "number": entry.number,
                    "issuer": entry.issuer,
                    "valid_until": entry.valid_until,
                },
            )


@transaction.atomic
def product_submit_changes(
    *,
    product: Product,
    proposal: ProductProposal,
    actor=None,
    submit: bool = True,
    photo_owner=None,
) -> ProductChangeRequest | None:
    """Propose new values for a product's reviewed fields, photos and certifications.

    On an approved product the proposal waits in one pending change request (merged
    with any earlier, unreviewed one) and the product stays as it was approved; the
    request is withdrawn when the values match the live product again. On a product
    that is not approved, the proposal is applied at once and the product waits for
    review (with ``submit=False`` it keeps its status: a draft stays a draft). New photos
    count towards ``photo_owner``'s photo quota, if given. Raises ``ValidationError``
    (nothing saved) on bad values.
    """
    _hold_photo_quota(photo_owner, proposal)
    product = (
        Product.objects.select_for_update()
        .prefetch_related("images", "certifications")
        .get(pk=product.pk)
    )
    live_ids = {image.pk for image in product.images.all()}
    candidate = Product.objects.get(pk=product.pk)

    if product.review_status != ReviewStatus.APPROVED:
        cleaned = proposal.clean(candidate, live_ids=live_ids, waiting_files=set())
        if submit:
            candidate.review_status = ReviewStatus.PENDING
        candidate.updated_by = actor
        candidate.save()
        _apply_relations(candidate, cleaned)
        return None

    pending = pending_change_request(product)
    earlier = ProductProposal.from_json(pending.changes) if pending else ProductProposal()
    earlier.apply_fields(candidate)
    cleaned = proposal.clean(candidate, live_ids=live_ids, waiting_files=earlier.new_files())
    proposed = earlier.merged(_store_uploads(cleaned))
    proposed = proposed.changed_from(ProductProposal.of_product(product, proposed.names()))
    # New photos the owner took out again before review are not kept.
    _delete_files_after_commit(earlier.new_files() - proposed.new_files())
    if not proposed.names():
        if pending:
            pending.delete()
        return None

    request = pending or ProductChangeRequest(product=product)
    request.changes = proposed.to_json()
    request.previous = ProductProposal.of_product(product, proposed.names()).to_json()
    request.submitted_at = timezone.now()
    request.submitted_by = actor
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def product_approve(*, product: Product, actor=None) -> Product:
    """Approve a product: apply its pending changes, if any, and make it approved."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    pending = pending_change_request(product)
    proposal = ProductProposal.from_json(pending.changes) if pending else ProductProposal()
    now = timezone.now()
    if pending:
        pending.previous = ProductProposal.of_product(product, proposal.names()).to_json()
        proposal.apply_fields(product)
        pending.status = ChangeRequestStatus.APPROVED
        pending.reviewed_at = now
        pending.reviewed_by = actor
        product.updated_by = pending.submitted_by or actor
    else:
        product.updated_by = actor
    product.review_status = ReviewStatus.APPROVED
    product.rejection_reason = ""
    product.reviewed_at = now
    product.full_clean()
    product.save()
    if pending:
        _apply_relations(product, proposal)
        pending.save()
    content_changed()
    notify_review(
        exhibitor_id=product.exhibitor_id,
        product_id=product.pk,
        approved=True,
        changes=pending is not None,
    )
    return product


@transaction.atomic
def product_reject(*, product: Product, reason: str, actor=None) -> Product:
    """Send a product back with a reason.

    With pending changes, only the changes are rejected: the approved product stays
    public as it was. Without, the product itself needs changes and leaves the catalogue.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason, so the owner knows what to change.")})
    product = Product.objects.select_for_update().get(pk=product.pk)
    pending = pending_change_request(product)
    now = timezone.now()
    if pending:
        pending.status = ChangeRequestStatus.REJECTED
        pending.reason = reason
        pending.reviewed_at = now
        pending.reviewed_by = actor
        pending.full_clean()
        pending.save()
    else:
        product.review_status = ReviewStatus.REJECTED
        product.rejection_reason = reason
        product.reviewed_at = now
        product.updated_by = actor
        product.full_clean()
        product.save()
        content_changed()  # it leaves the catalogue
    notify_review(
        exhibitor_id=product.exhibitor_id,
        product_id=product.pk,
        approved=False,
        reason=reason,
        changes=pending is not None,
    )
    return product


@transaction.atomic
def products_set_featured(*, products, featured: bool, actor=None) -> int:
    """Feature or unfeature several products; returns how many changed."""
    changed = (
        Product.objects.filter(pk__in=[p.pk for p in products])
        .exclude(featured=featured)
        .update(featured=featured, updated_by=actor, updated_at=timezone.now())
    )
    if changed:
        content_changed()
    return changed


def change_request_diff(change_request: ProductChangeRequest) -> list[FieldChange]:
    """Field by field: the last approved value and the proposed one, ready to show.

    A pending request compares with the live product (the last approved state);
    a reviewed one with the values it was reviewed against.
    """
    after = ProductProposal.from_json(change_request.changes)
    if change_request.status == ChangeRequestStatus.PENDING:
        before = ProductProposal.of_product(change_request.product, after.names())
    else:
        before = ProductProposal.from_json(change_request.previous)
    return diff(before, after)


# Owners' own writes: new products, archiving, deleting, withdrawing changes.


def _slug_base(product: Product) -> str:
    name = product.name_en or product.name_ind or ""
    return slugify(name)[:200].strip("-") or "product"


@transaction.atomic
def product_create(
    *,
    exhibitor,
    proposal: ProductProposal,
    actor=None,
    submit: bool = True,
    photo_owner=None,
) -> Product:
    """A new product of ``exhibitor``, from a proposal of fields, photos and certifications.

    It is not public until staff approve it: with ``submit`` it waits for review at
    once, else it stays a draft the owner can finish later. The slug (which printed QR
    codes will point at) is made from the name once and never changes afterwards. New
    photos count towards ``photo_owner``'s photo quota, if given. Raises
    ``ValidationError`` (nothing saved) on bad values.
    """
    _hold_photo_quota(photo_owner, proposal)
    product = Product(
        exhibitor=exhibitor,
        review_status=ReviewStatus.PENDING if submit else ReviewStatus.DRAFT,
        created_by=actor,
        updated_by=actor,
    )
    proposal.apply_fields(product)
    base = _slug_base(product)
    product.slug = base
    suffix = 2
    while Product.objects.filter(slug=product.slug).exists():
        product.slug = f"{base}-{suffix}"
        suffix += 1
    cleaned = proposal.clean(product, live_ids=set(), waiting_files=set())
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        # Another product took the same slug a moment ago.
        product.slug = f"{base}-{uuid.uuid4().hex[:6]}"
        product.save()
    _apply_relations(product, cleaned)
    return product


@transaction.atomic
def product_set_archived(*, product: Product, archived: bool, actor=None) -> Product:
    """Hide a product from buyers (or show it again, as it was last approved).

    No review: archiving takes content off the catalogue, and bringing an approved
    product back shows only what staff approved before.
    """
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.is_archived != archived:
        product.is_archived = archived
        product.updated_by = actor
        product.save(update_fields=["is_archived", "updated_by", "updated_at"])
        content_changed()
    return product


@transaction.atomic
def product_delete(*, product: Product, actor=None) -> None:
    """Delete a product that was never public. Published ones are archived instead:
    buyers, leads and printed QR codes may point at them."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.published_at is not None or product.review_status == ReviewStatus.APPROVED:
        raise ValidationError(
            _("This product has been on show, so it cannot be deleted. Archive it instead."),
            code="published",
        )
    names = _image_file_names(product.images.all())
    for request in product.change_requests.all():
        names.extend(ProductProposal.from_json(request.changes).new_files())
    try:
        with transaction.atomic():
            product.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("Buyers have asked about this product, so it cannot be deleted. Archive it instead."),
            code="protected",
        ) from error
    _delete_files_after_commit(names)


@transaction.atomic
def product_withdraw_changes(*, product: Product, actor=None) -> bool:
    """Take back changes still waiting for review; the approved version stays as it is."""
    pending = (
        ProductChangeRequest.objects.select_for_update()
        .filter(product=product, status=ChangeRequestStatus.PENDING)
        .first()
    )
    if pending is None:
        return False
    _delete_files_after_commit(ProductProposal.from_json(pending.changes).new_files())
    pending.delete()
    return True


def product_proposal(product: Product, *, pending: ProductChangeRequest | None) -> ProductProposal:
    """The product as last proposed: as it is, with ``pending`` on top (its changes waiting
    for review, from ``pending_change_request``; None when nothing waits)."""
    current = ProductProposal.of_product(product)
    return current.merged(ProductProposal.from_json(pending.changes)) if pending else current


def owner_photo_count(user) -> int:
    """Photos an owner keeps: on their products, and new ones waiting for review."""
    on_show = ProductImage.objects.filter(product__exhibitor__owners=user).count()
    waiting = ProductChangeRequest.objects.filter(
        status=ChangeRequestStatus.PENDING, product__exhibitor__owners=user
    ).values_list("changes", flat=True)
    return on_show + sum(len(ProductProposal.from_json(changes).new_files()) for changes in waiting)
