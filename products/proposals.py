"""An owner's proposed product: reviewed fields, photos and certifications, as one type.

The portal builds a ``ProductProposal`` from its form; ``products.services`` checks it
(``clean``, the only place its rules live) and applies it, or keeps it for review in a
``ProductChangeRequest`` as JSON (``to_json`` and ``from_json``, the only serializer);
``diff`` shows two proposals side by side to staff and owners.

A proposal may be partial: a field it does not name, or photos / certifications left
``None``, stay as they are.
"""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.fieldlists import flattened, with_translations
from common.proposals import FieldChange, FieldProposal, field_changes, shown_value

from .models import Category, Certification, Product, ProductImage

# What an owner may change on a product, and staff must approve first, in the groups
# and order of the owner's form and the admin. Not the slug: printed QR codes point at
# it. Translated fields by their base name (see common.fieldlists). The portal form, the
# admin and the spreadsheet import all take their product fields from here.
REVIEWED_GROUPS = (
    (gettext_lazy("About the product"), ("name", "category", "description", "materials")),
    (
        gettext_lazy("Price and orders"),
        ("currency", "price_min", "price_max", "unit", "moq", "custom_orders"),
    ),
    (
        gettext_lazy("Making and delivery"),
        ("monthly_capacity", "lead_time_days", "shelf_life_days", "incoterms", "hs_code"),
    ),
)
REVIEWED_FIELDS = with_translations(Product, flattened(REVIEWED_GROUPS))
RELATIONS = ("photos", "certifications")
MAX_PHOTOS_PER_PRODUCT = 10


def _model_field(name):
    return Product._meta.get_field(name)


@dataclass(frozen=True)
class ProposedPhoto:
    """A photo in the proposed order: one on show (``id``), a new one waiting for review
    (``file``, its name in storage), or a new one not stored yet (``upload``, a checked,
    re-encoded file from ``common.uploads.clean_image_upload``)."""

    id: int | None = None
    file: str = ""
    upload: File | None = None
    alt_text_en: str = ""
    alt_text_ind: str = ""

    def to_json(self) -> dict:
        if self.upload is not None:
            raise ValueError("Store a new photo before keeping it as JSON.")
        where = {"id": self.id} if self.id is not None else {"file": self.file}
        return {**where, "alt_text_en": self.alt_text_en, "alt_text_ind": self.alt_text_ind}

    @classmethod
    def from_json(cls, data: dict) -> "ProposedPhoto":
        return cls(
            id=data.get("id"),
            file=data.get("file", ""),
            alt_text_en=data.get("alt_text_en") or "",
            alt_text_ind=data.get("alt_text_ind") or "",
        )

    @classmethod
    def of_image(cls, image: ProductImage) -> "ProposedPhoto":
        return cls(
            id=image.pk, alt_text_en=image.alt_text_en or "", alt_text_ind=image.alt_text_ind or ""
        )


@dataclass(frozen=True)
class ProposedCertification:
    kind: str
    number: str
    issuer: str = ""
    valid_until: datetime.date | None = None

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "number": self.number,
            "issuer": self.issuer,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }

    @classmethod
    def from_json(cls, data: dict) -> "ProposedCertification":
        valid_until = data.get("valid_until")
        return cls(
            kind=data["kind"],
            number=data["number"],
            issuer=data.get("issuer") or "",
            valid_until=datetime.date.fromisoformat(valid_until) if valid_until else None,
        )

    @classmethod
    def of_certification(cls, certification: Certification) -> "ProposedCertification":
        return cls(
            kind=certification.kind,
            number=certification.number,
            issuer=certification.issuer,
            valid_until=certification.valid_until,
        )


@dataclass(frozen=True)
class ProductProposal(FieldProposal):
    """New values for some of a product's reviewed fields, its photos and certifications."""

    model = Product
    reviewed_fields = REVIEWED_FIELDS

    photos: list[ProposedPhoto] | None = None
    certifications: list[ProposedCertification] | None = None

    # ---- As stored -------------------------------------------------------------------

    def to_json(self) -> dict:
        """The proposal as a change request keeps it. Photos in order (the first is the
        card photo), each {"id"} or {"file"} with its texts; certifications by kind."""
        data = dict(self.fields)
        if self.photos is not None:
            data["photos"] = [photo.to_json() for photo in self.photos]
        if self.certifications is not None:
            data["certifications"] = [entry.to_json() for entry in self.certifications]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ProductProposal":
        photos, certifications = data.get("photos"), data.get("certifications")
        return cls(
            fields={name: value for name, value in data.items() if name not in RELATIONS},
            photos=None if photos is None else [ProposedPhoto.from_json(p) for p in photos],
            certifications=None
            if certifications is None
            else [ProposedCertification.from_json(c) for c in certifications],
        )

    @classmethod
    def of_product(cls, product: Product, names=None) -> "ProductProposal":
        """The product as it is (``names`` only, if given), in the proposal's terms.

        Photos and certifications come from the product's prefetched ones where it has
        them: prefetch them whole and in their usual order, never filtered."""
        names = set(REVIEWED_FIELDS + RELATIONS if names is None else names)
        return cls(
            fields=cls.stored_fields(product, names),
            photos=[ProposedPhoto.of_image(image) for image in product.images.all()]
            if "photos" in names
            else None,
            certifications=[
                ProposedCertification.of_certification(entry)
                for entry in product.certifications.all()
            ]
            if "certifications" in names
            else None,
        )

    # ---- Combining -------------------------------------------------------------------

    def names(self) -> list[str]:
        return [*self.fields, *(name for name in RELATIONS if getattr(self, name) is not None)]

    def merged(self, later: "ProductProposal") -> "ProductProposal":
        """This proposal with ``later`` proposed on top of it."""
        return ProductProposal(
            fields={**self.fields, **later.fields},
            photos=self.photos if later.photos is None else later.photos,
            certifications=self.certifications
            if later.certifications is None
            else later.certifications,
        )

    def new_files(self) -> set[str]:
        """Names in storage of the new photos waiting in this proposal."""
        return {photo.file for photo in self.photos or () if photo.file}

    def uploads(self) -> int:
        return sum(photo.upload is not None for photo in self.photos or ())

    # ---- Checking --------------------------------------------------------------------

    def clean(self, candidate: Product, *, live_ids, waiting_files) -> "ProductProposal":
        """Check the proposal on ``candidate`` (the product it would change, unsaved).

        Photos on show must be the product's own (``live_ids``); a new file must be one
        already waiting in its change request (``waiting_files``). Returns the proposal
        with values as stored; raises one ``ValidationError`` with every mistake.
        """
        fields, errors = self.checked_fields(candidate)
        photos, certifications = self.photos, self.certifications
        if photos is not None:
            try:
                photos = _clean_photos(photos, live_ids=live_ids, waiting_files=waiting_files)
            except ValidationError as error:
                errors.update(error.message_dict)
        if certifications is not None:
            try:
                certifications = _clean_certifications(candidate, certifications)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)
        return ProductProposal(
            fields=fields,
            photos=photos,
            certifications=certifications,
        )


def _clean_photos(photos, *, live_ids, waiting_files) -> list[ProposedPhoto]:
    if len(photos) > MAX_PHOTOS_PER_PRODUCT:
        raise ValidationError(
            {
                "photos": _(
                    "A product can have at most %(count)s photos. Choose fewer or remove some."
                )
                % {"count": MAX_PHOTOS_PER_PRODUCT}
            }
        )
    max_length = ProductImage._meta.get_field("alt_text_en").max_length
    cleaned = []
    for photo in photos:
        photo = replace(
            photo, alt_text_en=photo.alt_text_en.strip(), alt_text_ind=photo.alt_text_ind.strip()
        )
        if max(len(photo.alt_text_en), len(photo.alt_text_ind)) > max_length:
            raise ValidationError(
                {
                    "photos": _("Describe a photo in at most %(count)s characters.")
                    % {"count": max_length}
                }
            )
        known = (
            photo.upload is not None
            or (photo.id is None and photo.file in waiting_files)
            or (photo.id is not None and photo.id in live_ids)
        )
        if not known:
            raise ValidationError(
                {"photos": _("A photo was removed meanwhile. Please open the page again.")}
            )
        cleaned.append(photo)
    return cleaned


def _clean_certifications(product: Product, entries) -> list[ProposedCertification]:
    errors, cleaned, kinds = [], [], set()
    for entry in entries:
        certification = Certification(
            product=product,
            kind=entry.kind or "",
            number=(entry.number or "").strip(),
            issuer=(entry.issuer or "").strip(),
            valid_until=entry.valid_until,
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
        cleaned.append(ProposedCertification.of_certification(certification))
    if errors:
        raise ValidationError({"certifications": errors})
    return sorted(cleaned, key=lambda entry: entry.kind)


# ---- Showing two proposals side by side ----------------------------------------------------


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
    return str(_model_field(name).verbose_name)


def _display(name: str, value, categories: dict) -> str:
    if value in (None, "", []):
        return "—"
    if name == "photos":
        return _display_photos(value)
    if name == "certifications":
        return _display_certifications(value)
    if name == "category":
        return str(categories.get(value, value))
    return shown_value(_model_field(name), value)


def diff(before: ProductProposal, after: ProductProposal) -> list[FieldChange]:
    """Each value ``after`` proposes next to the one in ``before``, ready to show."""
    before_json, after_json = before.to_json(), after.to_json()
    category_ids = {
        values["category"]
        for values in (before_json, after_json)
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
    return field_changes(
        before_json,
        after_json,
        label=_label,
        show=lambda name, value: _display(name, value, categories),
    )
