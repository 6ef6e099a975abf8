"""Writes that move products through review.

A published (approved) product is public, so an owner's edits to it do not reach
buyers straight away: ``product_submit_changes`` stores them in a
``ProductChangeRequest`` and the live row stays the last approved state until
staff call ``product_approve`` (or ``product_reject`` with a reason). A product
that is not approved yet is edited in place and waits for review as a whole.

Photos and certifications are public content too: on a published product their
changes wait in the same change request (see ``REVIEWED_RELATIONS``).
"""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.choices import ReviewStatus

from .models import (
    Category,
    Certification,
    ChangeRequestStatus,
    Product,
    ProductChangeRequest,
    ProductImage,
)

# What an owner may change on a published product, and staff must approve first.
# Not the slug: printed QR codes point at it.
REVIEWED_FIELDS = (
    "name_en",
    "name_ind",
    "description_en",
    "description_ind",
    "materials_en",
    "materials_ind",
    "category",
    "hs_code",
    "unit",
    "moq",
    "price_min",
    "price_max",
    "currency",
    "incoterms",
    "monthly_capacity",
    "lead_time_days",
    "shelf_life_days",
    "custom_orders",
)

# A product's photos and certifications, each proposed as one list in the same change
# request as the fields above. As stored (JSON):
#   "photos": in order, the first is the card photo; a photo on show is
#       {"id": <ProductImage id>, "alt_text_en": ..., "alt_text_ind": ...}, a new one
#       {"file": <name in storage>, "alt_text_en": ..., "alt_text_ind": ...}.
#   "certifications": sorted by kind,
#       {"kind": ..., "number": ..., "issuer": ..., "valid_until": "YYYY-MM-DD" or None}.
# Callers pass new photos as {"upload": <a checked, re-encoded file>, ...}
# (common.uploads.clean_image_upload); they are stored under a random name at once.
REVIEWED_RELATIONS = ("photos", "certifications")
PHOTO_TEXT_FIELDS = ("alt_text_en", "alt_text_ind")
MAX_PHOTOS_PER_PRODUCT = 10


def _field(name):
    return Product._meta.get_field(name)


def _json_value(product: Product, name: str):
    """The value of a reviewed field as stored in JSON (decimals as text, a category as its id)."""
    field = _field(name)
    value = field.value_from_object(product)
    if isinstance(value, Decimal):
        # 18.5 and 18.50 are the same price: compare and store them in one form.
        return str(value.quantize(Decimal(1).scaleb(-field.decimal_places)))
    return value


def _set_value(product: Product, name: str, value) -> None:
    field = _field(name)
    python_value = field.to_python(value) if value is not None else None
    setattr(product, field.attname, python_value)


def _check_fields(changes: dict) -> None:
    unknown = set(changes) - set(REVIEWED_FIELDS) - set(REVIEWED_RELATIONS)
    if unknown:
        raise ValueError(f"Not a reviewed product field: {', '.join(sorted(unknown))}")


def _photos_json(product: Product) -> list[dict]:
    return [
        {
            "id": image.pk,
            "alt_text_en": image.alt_text_en or "",
            "alt_text_ind": image.alt_text_ind or "",
        }
        for image in product.images.order_by("position", "id")
    ]


def _certifications_json(product: Product) -> list[dict]:
    return [
        {
            "kind": certification.kind,
            "number": certification.number,
            "issuer": certification.issuer,
            "valid_until": certification.valid_until.isoformat()
            if certification.valid_until
            else None,
        }
        for certification in product.certifications.order_by("kind")
    ]


def _current_json(product: Product, name: str):
    """The live value of a reviewed field or relation, as a change request stores it."""
    if name == "photos":
        return _photos_json(product)
    if name == "certifications":
        return _certifications_json(product)
    return _json_value(product, name)


def _comparable(value):
    # An empty text is stored as "" or as NULL (translated columns are nullable): the same.
    return None if value == "" else value


def _new_files(changes: dict) -> set[str]:
    return {entry["file"] for entry in changes.get("photos", ()) if "file" in entry}


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


def _image_file_names(images) -> list[str]:
    names = []
    for image in images:
        names.append(image.image.name)
        names.extend(derived[0] for derived in (image.derived or {}).values())
    return names


def _clean_photos(entries, *, live_ids: set[int], waiting_files: set[str]) -> list[dict]:
    """Check a proposed photo list; photos on show must be this product's own, and a
    new file must be one already waiting in this product's change request."""
    if len(entries) > MAX_PHOTOS_PER_PRODUCT:
        raise ValidationError(
            {
                "photos": _("A product can have at most %(count)s photos.")
                % {"count": MAX_PHOTOS_PER_PRODUCT}
            }
        )
    max_length = ProductImage._meta.get_field("alt_text_en").max_length
    cleaned = []
    for entry in entries:
        texts = {name: (entry.get(name) or "").strip() for name in PHOTO_TEXT_FIELDS}
        if any(len(text) > max_length for text in texts.values()):
            raise ValidationError(
                {
                    "photos": _("Describe a photo in at most %(count)s characters.")
                    % {"count": max_length}
                }
            )
        if "upload" in entry:
            cleaned.append({"upload": entry["upload"], **texts})
        elif "file" in entry and entry["file"] in waiting_files:
            cleaned.append({"file": entry["file"], **texts})
        elif "id" in entry and entry["id"] in live_ids:
            cleaned.append({"id": entry["id"], **texts})
        else:
            raise ValidationError(
                {"photos": _("A photo was removed meanwhile. Please open the page again.")}
            )
    return cleaned


def _clean_certifications(product: Product, entries) -> list[dict]:
    errors, cleaned, kinds = [], [], set()
    for entry in entries:
        valid_until = entry.get("valid_until")
        if isinstance(valid_until, str):
            valid_until = datetime.date.fromisoformat(valid_until) if valid_until else None
        certification = Certification(
            product=product,
            kind=entry.get("kind") or "",
            number=(entry.get("number") or "").strip(),
            issuer=(entry.get("issuer") or "").strip(),
            valid_until=valid_until,
        )
        try:
            certification.full_clean(exclude=["product"], validate_unique=False)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if certification.kind in kinds:
            errors.append(
                _("%(name)s is listed twice: keep one.")
                % {"name": certification.get_kind_display()}
            )
        kinds.add(certification.kind)
        cleaned.append(
            {
                "kind": certification.kind,
                "number": certification.number,
                "issuer": certification.issuer,
                "valid_until": valid_until.isoformat() if valid_until else None,
            }
        )
    if errors:
        raise ValidationError({"certifications": errors})
    return sorted(cleaned, key=lambda entry: entry["kind"])


def _store_upload(upload) -> str:
    """Store a new photo under a random name (before review); returns its name."""
    image_field = ProductImage._meta.get_field("image")
    return image_field.storage.save(image_field.generate_filename(None, upload.name), upload)


def _apply_photos(product: Product, photos: list[dict]) -> None:
    """Make the product's photos what ``photos`` lists, in that order."""
    keep = {entry["id"] for entry in photos if "id" in entry}
    removed = list(product.images.exclude(pk__in=keep))
    _delete_files_after_commit(_image_file_names(removed))
    product.images.filter(pk__in=[image.pk for image in removed]).delete()
    images = {image.pk: image for image in product.images.all()}
    for position, entry in enumerate(photos):
        texts = {name: entry.get(name, "") for name in PHOTO_TEXT_FIELDS}
        if "id" in entry:
            image = images.get(entry["id"])
            if image is None:
                continue  # Removed by staff meanwhile.
            image.position = position
            for name, value in texts.items():
                setattr(image, name, value)
            image.save(update_fields=["position", "alt_text", *PHOTO_TEXT_FIELDS])
            continue
        image = ProductImage(product=product, position=position, **texts)
        image.image = entry["upload"] if "upload" in entry else entry["file"]
        image.save()


def _apply_certifications(product: Product, certifications: list[dict]) -> None:
    wanted = {entry["kind"]: entry for entry in certifications}
    product.certifications.exclude(kind__in=wanted).delete()
    for kind, entry in wanted.items():
        valid_until = entry["valid_until"]
        Certification.objects.update_or_create(
            product=product,
            kind=kind,
            defaults={
                "number": entry["number"],
                "issuer": entry["issuer"],
                "valid_until": datetime.date.fromisoformat(valid_until) if valid_until else None,
            },
        )


def _split(changes: dict) -> tuple[dict, dict]:
    fields = {name: value for name, value in changes.items() if name in REVIEWED_FIELDS}
    relations = {name: value for name, value in changes.items() if name in REVIEWED_RELATIONS}
    return fields, relations


def _clean_all(candidate: Product, relations: dict, *, live_ids, waiting_files) -> dict:
    """Validate the fields and the relations together, so every mistake shows at once."""
    errors = {}
    cleaned = {}
    try:
        candidate.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if "photos" in relations:
        try:
            cleaned["photos"] = _clean_photos(
                relations["photos"], live_ids=live_ids, waiting_files=waiting_files
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if "certifications" in relations:
        try:
            cleaned["certifications"] = _clean_certifications(
                candidate, relations["certifications"]
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def product_submit_changes(
    *, product: Product, changes: dict, actor=None, submit: bool = True
) -> ProductChangeRequest | None:
    """Propose new values for a product's reviewed fields, photos and certifications.

    On an approved product the changes wait in one pending change request (merged
    with any earlier, unreviewed ones) and the product stays as it was approved;
    the request is withdrawn when the values match the live product again. On a
    product that is not approved, the changes are saved at once and the product
    waits for review (with ``submit=False`` it keeps its status: a draft stays a
    draft). Raises ``ValidationError`` (nothing saved) on bad values.
    """
    _check_fields(changes)
    changes, relations = _split(changes)
    product = Product.objects.select_for_update().get(pk=product.pk)
    pending = product.change_requests.filter(status=ChangeRequestStatus.PENDING).first()
    live_ids = set(product.images.values_list("pk", flat=True))

    candidate = Product.objects.get(pk=product.pk)
    for name, value in changes.items():
        _set_value(candidate, name, value)
    wanted = {name: _json_value(candidate, name) for name in changes}

    if product.review_status != ReviewStatus.APPROVED:
        cleaned = _clean_all(candidate, relations, live_ids=live_ids, waiting_files=set())
        if submit:
            candidate.review_status = ReviewStatus.PENDING
        candidate.updated_by = actor
        candidate.save()
        if "photos" in cleaned:
            _apply_photos(candidate, cleaned["photos"])
        if "certifications" in cleaned:
            _apply_certifications(candidate, cleaned["certifications"])
        return None

    earlier = pending.changes if pending else {}
    proposed = {**earlier, **wanted}
    for name, value in proposed.items():
        if name in REVIEWED_FIELDS:
            _set_value(candidate, name, value)
    cleaned = _clean_all(candidate, relations, live_ids=live_ids, waiting_files=_new_files(earlier))
    if "photos" in cleaned:
        for entry in cleaned["photos"]:
            if "upload" in entry:
                entry["file"] = _store_upload(entry.pop("upload"))
        # Keep the order of keys the same whether a photo is old or new.
        cleaned["photos"] = [
            {key: entry[key] for key in ("id", "file", *PHOTO_TEXT_FIELDS) if key in entry}
            for entry in cleaned["photos"]
        ]
    proposed.update(cleaned)
    proposed = {
        name: value
        for name, value in proposed.items()
        if _comparable(value) != _comparable(_current_json(product, name))
    }
    # New photos the owner took out again before review are not kept.
    _delete_files_after_commit(_new_files(earlier) - _new_files(proposed))
    if not proposed:
        if pending:
            pending.delete()
        return None

    request = pending or ProductChangeRequest(product=product)
    request.changes = proposed
    request.previous = {name: _current_json(product, name) for name in proposed}
    request.submitted_at = timezone.now()
    request.submitted_by = actor
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def product_approve(*, product: Product, actor=None) -> Product:
    """Approve a product: apply its pending changes, if any, and make it approved."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    pending = product.change_requests.filter(status=ChangeRequestStatus.PENDING).first()
    now = timezone.now()
    if pending:
        pending.previous = {name: _current_json(product, name) for name in pending.changes}
        for name, value in pending.changes.items():
            if name in REVIEWED_FIELDS:
                _set_value(product, name, value)
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
        if "photos" in pending.changes:
            _apply_photos(product, pending.changes["photos"])
        if "certifications" in pending.changes:
            _apply_certifications(product, pending.changes["certifications"])
        pending.save()
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
    pending = product.change_requests.filter(status=ChangeRequestStatus.PENDING).first()
    now = timezone.now()
    if pending:
        pending.status = ChangeRequestStatus.REJECTED
        pending.reason = reason
        pending.reviewed_at = now
        pending.reviewed_by = actor
        pending.full_clean()
        pending.save()
        return product
    product.review_status = ReviewStatus.REJECTED
    product.rejection_reason = reason
    product.reviewed_at = now
    product.updated_by = actor
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def products_set_featured(*, products, featured: bool, actor=None) -> int:
    """Feature or unfeature several products; returns how many changed."""
    return (
        Product.objects.filter(pk__in=[p.pk for p in products])
        .exclude(featured=featured)
        .update(featured=featured, updated_by=actor, updated_at=timezone.now())
    )


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


def _display_photos(entries: list[dict]) -> str:
    parts = []
    for number, entry in enumerate(entries, start=1):
        text = entry.get("alt_text_ind") or entry.get("alt_text_en") or _("no description")
        if "file" in entry:
            parts.append(_("%(number)s. %(text)s (new photo)") % {"number": number, "text": text})
        else:
            parts.append(f"{number}. {text}")
    return "; ".join(parts)


def _display_certifications(entries: list[dict]) -> str:
    kinds = dict(Certification._meta.get_field("kind").flatchoices)
    parts = []
    for entry in entries:
        text = f"{kinds.get(entry['kind'], entry['kind'])} {entry['number']}"
        if entry.get("issuer"):
            text += f", {entry['issuer']}"
        if entry.get("valid_until"):
            text += ", " + _("valid until %(date)s") % {"date": entry["valid_until"]}
        parts.append(text)
    return "; ".join(parts)


def _label(name: str) -> str:
    if name == "photos":
        return _("photos")
    if name == "certifications":
        return _("certifications")
    return str(_field(name).verbose_name)


def _display(name: str, value, categories: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if name == "photos":
        return _display_photos(value)
    if name == "certifications":
        return _display_certifications(value)
    field = _field(name)
    if name == "category":
        return str(categories.get(value, value))
    if name == "incoterms":
        return ", ".join(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def change_request_diff(change_request: ProductChangeRequest) -> list[FieldChange]:
    """Field by field: the last approved value and the proposed one, ready to show.

    A pending request compares with the live product (the last approved state);
    a reviewed one with the values it was reviewed against.
    """
    if change_request.status == ChangeRequestStatus.PENDING:
        product = change_request.product
        before = {name: _current_json(product, name) for name in change_request.changes}
    else:
        before = change_request.previous
    category_ids = {
        values.get("category")
        for values in (before, change_request.changes)
        if values.get("category") is not None
    }
    categories = (
        {
            category.pk: category
            for category in Category.objects.select_related("parent").filter(pk__in=category_ids)
        }
        if category_ids
        else {}
    )
    return [
        FieldChange(
            name=name,
            label=_label(name),
            before=_display(name, before.get(name), categories),
            after=_display(name, value, categories),
        )
        for name, value in change_request.changes.items()
        if name in REVIEWED_FIELDS or name in REVIEWED_RELATIONS
    ]


# Owners' own writes: new products, archiving, deleting, withdrawing changes.


def _slug_base(product: Product) -> str:
    name = product.name_en or product.name_ind or ""
    return slugify(name)[:200].strip("-") or "product"


@transaction.atomic
def product_create(*, exhibitor, changes: dict, actor=None, submit: bool = True) -> Product:
    """A new product of ``exhibitor``, from reviewed fields, photos and certifications.

    It is not public until staff approve it: with ``submit`` it waits for review at
    once, else it stays a draft the owner can finish later. The slug (which printed QR
    codes will point at) is made from the name once and never changes afterwards.
    Raises ``ValidationError`` (nothing saved) on bad values.
    """
    _check_fields(changes)
    changes, relations = _split(changes)
    product = Product(
        exhibitor=exhibitor,
        review_status=ReviewStatus.PENDING if submit else ReviewStatus.DRAFT,
        created_by=actor,
        updated_by=actor,
    )
    for name, value in changes.items():
        _set_value(product, name, value)
    base = _slug_base(product)
    product.slug = base
    suffix = 2
    while Product.objects.filter(slug=product.slug).exists():
        product.slug = f"{base}-{suffix}"
        suffix += 1
    cleaned = _clean_all(product, relations, live_ids=set(), waiting_files=set())
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        # Another product took the same slug a moment ago.
        product.slug = f"{base}-{uuid.uuid4().hex[:6]}"
        product.save()
    if "photos" in cleaned:
        _apply_photos(product, cleaned["photos"])
    if "certifications" in cleaned:
        _apply_certifications(product, cleaned["certifications"])
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
        names.extend(_new_files(request.changes))
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
    _delete_files_after_commit(_new_files(pending.changes))
    pending.delete()
    return True


@dataclass
class Proposal:
    """What an owner sees in the edit form: the product as last proposed.

    ``product`` is an unsaved copy with the pending changes applied (the live product
    itself when nothing is pending); ``photos`` and ``certifications`` use the JSON
    shapes described at ``REVIEWED_RELATIONS``.
    """

    product: Product
    photos: list[dict] = field(default_factory=list)
    certifications: list[dict] = field(default_factory=list)
    pending: ProductChangeRequest | None = None


def product_proposal(product: Product) -> Proposal:
    pending = product.change_requests.filter(status=ChangeRequestStatus.PENDING).first()
    candidate = Product.objects.select_related("exhibitor", "category").get(pk=product.pk)
    changes = pending.changes if pending else {}
    for name, value in changes.items():
        if name in REVIEWED_FIELDS:
            _set_value(candidate, name, value)
    return Proposal(
        product=candidate,
        photos=changes["photos"] if "photos" in changes else _photos_json(product),
        certifications=changes["certifications"]
        if "certifications" in changes
        else _certifications_json(product),
        pending=pending,
    )


def owner_photo_count(user) -> int:
    """Photos an owner keeps: on their products, and new ones waiting for review."""
    on_show = ProductImage.objects.filter(product__exhibitor__owners=user).count()
    waiting = ProductChangeRequest.objects.filter(
        status=ChangeRequestStatus.PENDING, product__exhibitor__owners=user
    ).values_list("changes", flat=True)
    return on_show + sum(len(_new_files(changes)) for changes in waiting)
