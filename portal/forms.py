"""The owner's forms: one column, large fields, plain words, Indonesian first.

Forms only list the fields an owner may set; the services check the same lists
again, so extra POST data (review status, featured, owners, ...) is never applied.
Photos go through ``common.uploads`` before anything is stored.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from booths.models import Exhibitor
from booths.proposals import PUBLIC_PROFILE_FIELDS, ProfileProposal
from booths.services import OWNER_PROFILE_FIELDS, OWNER_PROFILE_GROUPS, PRIVATE_PROFILE_FIELDS
from buyers.choices import LeadStatus
from common.documents import clean_document_upload
from common.fieldlists import flattened, with_translations
from common.forms import UsernameLengthMixin
from common.mail import queue_mail
from common.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from common.uploads import clean_image_upload
from common.validators import validate_mailable_email, validate_visible_name
from deals.models import Deal
from products.choices import CertificationKind, Incoterm, Unit
from products.models import Category, Product
from products.proposals import (
    REVIEWED_GROUPS,
    ProductProposal,
    ProposedCertification,
    ProposedPhoto,
)

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


def _fieldsets(form, model, groups):
    """``(title, bound fields)`` for each group, Indonesian before English: what
    templates/partials/fieldsets.html shows."""
    return [
        (title, [form[name] for name in with_translations(model, names, indonesian_first=True)])
        for title, names in groups
    ]


# ---- Numbers typed the way people type them -----------------------------------------

_CURRENCY = re.compile(r"^(rp\.?|idr|usd|us\$|\$)", re.IGNORECASE)
# Whole part with thousands grouped by "." or "," (or not grouped), then 1-2 decimals.
_NUMBER = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?")


class PriceField(forms.DecimalField):
    """A price per unit that accepts "85000", "85.000", "85,000", "Rp 85.000" and "12,50".

    A dot or comma followed by exactly three digits separates thousands; followed by
    one or two digits it is the decimal point. Both ways of writing are common here.
    """

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MONEY_MAX_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_DECIMAL_PLACES)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("required", False)
        message = _("Enter the price as a number, e.g. 85000 or 12.50.")
        kwargs.setdefault(
            "error_messages",
            dict.fromkeys(
                ("invalid", "max_digits", "max_decimal_places", "max_whole_digits"), message
            )
            | {"min_value": _("A price cannot be below 0.")},
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            text = _CURRENCY.sub("", value.strip()).replace(" ", "")
            number = _NUMBER.fullmatch(text)
            if number:
                whole, cents = number.groups()
                text = re.sub(r"[.,]", "", whole) + (f".{cents}" if cents else "")
            value = text
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            try:
                return format(value.normalize(), "f")
            except InvalidOperation:
                return value
        return value


def whole_number_field(**kwargs):
    field = forms.IntegerField(**kwargs)
    field.widget.attrs.update({"inputmode": "numeric"})
    field.error_messages["invalid"] = _("Enter a whole number, e.g. 20.")
    return field


# ---- Business profile ------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class ProfileForm(forms.ModelForm):
    new_logo = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 5 MB. It replaces the old logo."),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    phone = PhoneNumberField(
        label=_("Phone"),
        required=False,
        help_text=_("For example 0812 3456 7890."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    whatsapp = PhoneNumberField(
        label=_("WhatsApp"),
        required=False,
        help_text=_("Leave empty if it is the same as your phone."),
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    whatsapp_public = forms.BooleanField(
        label=_("Let buyers who sent me an inquiry chat with me on WhatsApp"),
        required=False,
        help_text=_(
            "They see a “Chat on WhatsApp” button with your WhatsApp number on their page "
            "of inquiries. BP2MI staff check it first. Fill in your WhatsApp number above."
        ),
    )

    class Meta:
        model = Exhibitor
        fields = list(OWNER_PROFILE_FIELDS)
        labels = {
            "tagline_ind": _("Short description in Indonesian"),
            "tagline_en": _("Short description in English"),
            "story_ind": _("Your story in Indonesian"),
            "story_en": _("Your story in English"),
            "founder_name": _("Founder's name"),
            "former_placement_country": _("Country where you worked abroad"),
            "sector_abroad": _("Your work there"),
            "years_abroad": _("Years abroad"),
            "year_returned": _("Year you came home"),
            "province": _("Province"),
            "regency": _("Regency or city"),
            "address": _("Address"),
            "scale": _("Size of the business"),
            "employees": _("People working in the business"),
            "established_year": _("Year the business started"),
            "export_readiness": _("Export experience"),
            "contact_name": _("Contact person"),
            "email": _("Email"),
            "instagram": _("Instagram"),
        }
        help_texts = {
            "tagline_ind": _("One line, e.g. “Hand-drawn batik from Pekalongan”."),
            "tagline_en": _("Optional. Helps foreign buyers."),
            "story_ind": _(
                "How did you start? What did you learn abroad? Buyers like to know who "
                "makes the products."
            ),
            "story_en": _("Optional. BP2MI staff can help you translate it."),
            "employees": _("Count yourself too."),
            "instagram": _("Your account name, e.g. @batiksekar."),
            "address": _("Only BP2MI staff see the full address."),
        }
        error_messages = {
            **{
                name: {
                    "max_length": _(
                        "Keep the story to %(limit_value)d characters at most (it has "
                        "%(show_value)d now)."
                    )
                }
                for name in ("story_ind", "story_en")
            },
            "address": {
                "max_length": _(
                    "Keep the address to %(limit_value)d characters at most (it has "
                    "%(show_value)d now)."
                )
            },
        }
        widgets = {
            "story_ind": forms.Textarea(attrs={"rows": 6}),
            "story_en": forms.Textarea(attrs={"rows": 6}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "years_abroad": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "year_returned": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "established_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "employees": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def fieldsets(self):
        groups = list(OWNER_PROFILE_GROUPS)
        logo = ["new_logo", *(["remove_logo"] if "remove_logo" in self.fields else [])]
        # The logo belongs with the business, before the owner's story abroad.
        groups.insert(1, (_("Logo"), logo))
        return _fieldsets(self, Exhibitor, groups)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.instance and self.instance.logo):
            del self.fields["remove_logo"]
        employees = self.fields["employees"]
        employees.min_value = 1
        employees.validators.append(MinValueValidator(1))
        employees.error_messages["min_value"] = _("Count at least yourself: 1 or more.")
        for name in ("founder_name", "contact_name"):
            self.fields[name].validators.append(validate_visible_name)
        # Leads are mailed to this address.
        self.fields["email"].validators.append(validate_mailable_email)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("whatsapp_public") and not cleaned.get("whatsapp"):
            self.add_error(
                "whatsapp_public",
                _("Fill in your WhatsApp number to let buyers chat with you on WhatsApp."),
            )
        return cleaned

    def clean_new_logo(self):
        upload = self.cleaned_data.get("new_logo")
        if not upload:
            return None
        return clean_image_upload(upload)

    def profile_proposal(self) -> ProfileProposal:
        """What buyers would see: reviewed first on an approved business."""
        return ProfileProposal(
            fields={name: self.cleaned_data[name] for name in PUBLIC_PROFILE_FIELDS}
        )

    def private_changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in PRIVATE_PROFILE_FIELDS}


# ---- Products ----------------------------------------------------------------------------


class CategoryField(forms.ChoiceField):
    """Categories grouped under their main category (one query when the form is made)."""

    def __init__(self, **kwargs):
        categories = list(Category.objects.select_related("parent").order_by("position", "pk"))
        self.by_pk = {category.pk: category for category in categories}
        groups = []
        for main in (c for c in categories if c.parent_id is None):
            children = [(c.pk, c.name) for c in categories if c.parent_id == main.pk]
            groups.append((main.name, children or [(main.pk, main.name)]))
        super().__init__(choices=[("", _("Choose a category")), *groups], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.by_pk[int(value)] if value else None

    def valid_value(self, value):
        return str(value).isdigit() and int(value) in self.by_pk

    def prepare_value(self, value):
        return value.pk if isinstance(value, Category) else value


class ProductForm(forms.ModelForm):
    price_min = PriceField(
        label=_("Lowest price per unit"),
        help_text=_("For large orders. Numbers only, e.g. 85000."),
    )
    price_max = PriceField(
        label=_("Highest price per unit"),
        help_text=_("For small orders. Leave empty if there is one price."),
    )
    incoterms = forms.MultipleChoiceField(
        label=_("How you can deliver"),
        choices=Incoterm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "If you are not sure, choose EXW: the buyer collects the goods from you. "
            "BP2MI staff can explain the others."
        ),
    )

    class Meta:
        model = Product
        fields = with_translations(Product, flattened(REVIEWED_GROUPS), indonesian_first=True)
        labels = {
            "name_ind": _("Product name in Indonesian"),
            "name_en": _("Product name in English"),
            "description_ind": _("Description in Indonesian"),
            "description_en": _("Description in English"),
            "materials_ind": _("Materials or ingredients in Indonesian"),
            "materials_en": _("Materials or ingredients in English"),
            "currency": _("Currency of your prices"),
            "unit": _("You sell it per"),
            "moq": _("Smallest order"),
            "custom_orders": _("I also make products to order (own design, size or label)"),
            "monthly_capacity": _("How many you can make in a month"),
            "lead_time_days": _("Days to prepare an order"),
            "shelf_life_days": _("Shelf life in days"),
            "hs_code": _("HS code"),
        }
        help_texts = {
            "name_ind": _("E.g. “Kopi arabika Gayo, sangrai sedang”."),
            "name_en": _("Most buyers read English. BP2MI staff can help you translate."),
            "description_ind": _("What is it, how is it made, what makes it special?"),
            "description_en": _("Optional, but it helps foreign buyers."),
            "materials_ind": _("Optional, e.g. “100% arabica coffee” or “cotton, natural dye”."),
            "materials_en": _("Optional."),
            "moq": _("In the unit above, e.g. 10 (kilograms)."),
            "monthly_capacity": _("Optional. In the unit above."),
            "lead_time_days": _("Optional. From the order to the goods being ready."),
            "shelf_life_days": _("Only for food and drinks. Leave empty otherwise."),
            "hs_code": _(
                "Optional. If you know it from export papers, e.g. 0901.21. Leave empty "
                "if you do not know it."
            ),
        }
        widgets = {
            "description_ind": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "materials_ind": forms.Textarea(attrs={"rows": 2}),
            "materials_en": forms.Textarea(attrs={"rows": 2}),
            "moq": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "monthly_capacity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "lead_time_days": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "shelf_life_days": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "hs_code": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }
        error_messages = {
            **{
                name: {
                    "max_length": _(
                        "Keep the description to %(limit_value)d characters at most (it has "
                        "%(show_value)d now)."
                    )
                }
                for name in ("description_ind", "description_en")
            },
            **{
                name: {
                    "max_length": _(
                        "Keep the materials to %(limit_value)d characters at most (it has "
                        "%(show_value)d now)."
                    )
                }
                for name in ("materials_ind", "materials_en")
            },
        }

    def about_fieldsets(self):
        """The first part of the form (above the photos)."""
        return _fieldsets(self, Product, REVIEWED_GROUPS[:1])

    def more_fieldsets(self):
        """The rest of the form (below the photos)."""
        return _fieldsets(self, Product, REVIEWED_GROUPS[1:])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made here, not at import: the choices come from the database.
        self.fields["category"] = CategoryField(
            label=_("Category"),
            help_text=_("Where buyers will find it in the catalogue."),
            initial=self.fields["category"].initial,
        )
        for name in ("name_ind", "name_en"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
            # One of the two names is needed (clean() says so): neither is "optional".
            self.fields[name].either_required = True

    def clean(self):
        data = super().clean()
        if not (data.get("name_ind") or "").strip() and not (data.get("name_en") or "").strip():
            self.add_error("name_ind", _("Give the product a name, in Indonesian or in English."))
        return data

    def proposed_fields(self) -> dict:
        fields = {}
        for name in self._meta.fields:
            value = self.cleaned_data[name]
            if isinstance(value, Category):
                value = value.pk
            fields[name] = value.strip() if isinstance(value, str) else value
        return fields


class PhotoForm(forms.Form):
    """A photo already on the product (or waiting for review): its text, place, removal."""

    key = forms.CharField(widget=forms.HiddenInput)
    alt_text_ind = forms.CharField(
        label=_("What the photo shows (Indonesian)"),
        max_length=200,
        required=False,
        help_text=_("For buyers who cannot see the picture, e.g. “A pack of 250 g”."),
    )
    alt_text_en = forms.CharField(
        label=_("What the photo shows (English)"), max_length=200, required=False
    )
    position = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=99,
        help_text=_("1 is the first photo, shown on the product card."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
    )
    remove = forms.BooleanField(label=_("Remove this photo"), required=False)


def photo_key(photo: ProposedPhoto) -> str:
    """How the form names a photo: on show by its id, waiting for review by its file."""
    return f"id:{photo.id}" if photo.id is not None else f"file:{photo.file}"


def _photo_of_key(key: str, **texts) -> ProposedPhoto:
    kind, _sep, value = key.partition(":")
    return (
        ProposedPhoto(id=int(value), **texts)
        if kind == "id"
        else ProposedPhoto(file=value, **texts)
    )


class BasePhotoFormSet(forms.BaseFormSet):
    def __init__(self, *args, photos=(), **kwargs):
        initial = [
            {
                "key": photo_key(photo),
                "alt_text_ind": photo.alt_text_ind,
                "alt_text_en": photo.alt_text_en,
                "position": position,
            }
            for position, photo in enumerate(photos, start=1)
        ]
        self.allowed_keys = {row["key"] for row in initial}
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            key = form.cleaned_data.get("key")
            # Only photos this page showed: never another product's photo or a path.
            if key not in self.allowed_keys or key in seen:
                raise ValidationError(
                    _("The photos changed meanwhile. Please open the page again."),
                    code="stale",
                )
            seen.add(key)

    def kept(self) -> list[ProposedPhoto]:
        """The photos to keep, in the order the owner chose, with their texts."""
        rows = [
            (form.cleaned_data["position"], index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if not form.cleaned_data.get("remove")
        ]
        return [
            _photo_of_key(
                data["key"], alt_text_ind=data["alt_text_ind"], alt_text_en=data["alt_text_en"]
            )
            for _position, _index, data in sorted(rows, key=lambda r: (r[0], r[1]))
        ]


PhotoFormSet = forms.formset_factory(PhotoForm, formset=BasePhotoFormSet, extra=0)


class MultipleImageField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": IMAGE_ACCEPT, "multiple": True})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class NewPhotosForm(forms.Form):
    new_photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        help_text=_(
            "Choose one or more photos (JPEG, PNG or WebP, at most 5 MB each). Good light "
            "and a plain background help."
        ),
    )

    def clean_new_photos(self):
        cleaned, errors = [], []
        for upload in self.cleaned_data.get("new_photos") or []:
            try:
                cleaned.append(clean_image_upload(upload))
            except ValidationError as error:
                errors.append(
                    _("%(name)s: %(problem)s")
                    % {"name": upload.name[-60:], "problem": " ".join(error.messages)}
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class CertificationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Certificate"),
        choices=[("", _("Choose a certificate")), *CertificationKind.choices],
        required=False,
    )
    number = forms.CharField(label=_("Certificate number"), max_length=80, required=False)
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=120,
        required=False,
        help_text=_("Optional, e.g. BPJPH or BPOM."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Leave empty if it does not end."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, e.g. 31/12/2027.")},
    )

    def clean(self):
        data = super().clean()
        if self.cleaned_data.get("DELETE"):
            return data
        if data.get("kind") and not (data.get("number") or "").strip():
            self.add_error("number", _("Enter the number printed on the certificate."))
        if not data.get("kind") and (data.get("number") or data.get("valid_until")):
            self.add_error("kind", _("Choose which certificate this is."))
        return data


class BaseCertificationFormSet(forms.BaseFormSet):
    def __init__(self, *args, certifications=(), **kwargs):
        initial = [
            {
                "kind": entry.kind,
                "number": entry.number,
                "issuer": entry.issuer,
                "valid_until": entry.valid_until,
            }
            for entry in certifications
        ]
        super().__init__(*args, initial=initial, **kwargs)

    def entries(self) -> list[ProposedCertification]:
        return [
            ProposedCertification(
                kind=form.cleaned_data["kind"],
                number=form.cleaned_data["number"],
                issuer=form.cleaned_data.get("issuer", ""),
                valid_until=form.cleaned_data.get("valid_until"),
            )
            for form in self.forms
            if form.cleaned_data.get("kind") and not form.cleaned_data.get("DELETE")
        ]


CertificationFormSet = forms.formset_factory(
    CertificationForm,
    formset=BaseCertificationFormSet,
    extra=1,
    can_delete=True,
    max_num=len(CertificationKind.choices),
)


class ProductFormParts:
    """The product page: fields, photos on show, new photos and certificates, checked
    together (so the owner sees every mistake at once) and read as one proposal."""

    def __init__(self, data=None, files=None, *, instance, proposal: ProductProposal):
        self.form = ProductForm(data, instance=instance)
        self.photos = PhotoFormSet(data, prefix="photos", photos=proposal.photos or ())
        self.new_photos = NewPhotosForm(data, files)
        self.certifications = CertificationFormSet(
            data, prefix="certs", certifications=proposal.certifications or ()
        )

    def is_valid(self) -> bool:
        parts = (self.form, self.photos, self.new_photos, self.certifications)
        # Every part is checked, not only up to the first with a mistake.
        valid = [part.is_valid() for part in parts]
        return all(valid)

    def proposal(self) -> ProductProposal:
        uploads = [
            ProposedPhoto(upload=upload.file)
            for upload in self.new_photos.cleaned_data["new_photos"]
        ]
        return ProductProposal(
            fields=self.form.proposed_fields(),
            photos=self.photos.kept() + uploads,
            certifications=self.certifications.entries(),
        )

    def add_error(self, error: ValidationError) -> None:
        """Show a ValidationError of the services (or the photo quota) on the part it names."""
        if not hasattr(error, "error_dict"):
            self.form.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            if name == "photos":
                self.new_photos.add_error("new_photos", messages)
            elif name == "certifications":
                self.certifications.non_form_errors().extend(messages)
            else:
                # A product without any name is told so at its Indonesian name.
                name = "name_ind" if name == "name" else name
                self.form.add_error(name if name in self.form.fields else None, messages)


# ---- Leads -------------------------------------------------------------------------------


class LeadStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Where is this inquiry now?"), choices=LeadStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, e.g. “Sent a price list by WhatsApp”."),
    )


class LeadNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Add a note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you, other owners of this business and BP2MI staff can read it."),
    )


# ---- Deals -------------------------------------------------------------------------------

DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp"


def _amount_field(label, help_text=""):
    message = _("Enter the amount as a number, e.g. 85000 or 12.50.")
    return PriceField(
        label=label,
        help_text=help_text,
        error_messages=dict.fromkeys(
            ("invalid", "max_digits", "max_decimal_places", "max_whole_digits"), message
        )
        | {"min_value": _("An amount cannot be below 0.")},
    )


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, e.g. 31/12/2026.")},
    )


class DealForm(forms.ModelForm):
    """A deal as its owner records it: what, how much, then a date for each stage reached.

    The signed agreement arrives as ``new_document`` and goes through
    ``common.documents.clean_document_upload``; verification is staff's, never in here."""

    amount = _amount_field(
        _("Deal amount"), _("The value agreed with the buyer. Leave empty until it is agreed.")
    )
    quoted_amount = _amount_field(_("Quoted amount"))
    usd_idr_rate = forms.DecimalField(
        label=_("Rupiah per US dollar on the day"),
        required=False,
        max_digits=12,
        decimal_places=4,
        min_value=Decimal("0.0001"),
        help_text=_(
            "The exchange rate of the deal's day, e.g. 15750. Needed for a deal in rupiah."
        ),
        error_messages={
            "invalid": _("Enter the rate as a number, e.g. 15750."),
            "min_value": _("The rate must be above 0."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    sample_sent_on = _date_field(_("Sample sent on"))
    quoted_on = _date_field(_("Quotation sent on"))
    agreement_signed_on = _date_field(_("Agreement or MoU signed on"))
    purchase_order_on = _date_field(_("Purchase order received on"))
    shipped_on = _date_field(_("Shipped on"))
    paid_on = _date_field(_("Paid on"))
    shipped_quantity = forms.DecimalField(
        label=_("Quantity shipped"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "invalid": _("Enter a quantity, e.g. 20."),
            "min_value": _("The quantity must be above 0."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    new_document = forms.FileField(
        label=_("Signed agreement or MoU"),
        required=False,
        help_text=_(
            "A PDF of at most 8 MB, or a photo of the signed page. Only you, other owners of "
            "this business and BP2MI staff can open it."
        ),
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )

    class Meta:
        model = Deal
        fields = [
            "title",
            "amount",
            "currency",
            "usd_idr_rate",
            "destination_country",
            "incoterm",
            "sample_sent_on",
            "quoted_on",
            "quoted_amount",
            "agreement_signed_on",
            "purchase_order_on",
            "shipped_on",
            "shipped_quantity",
            "unit",
            "paid_on",
        ]
        labels = {"title": _("What is sold")}

    deal_fields = ("title", "amount", "currency", "usd_idr_rate", "destination_country", "incoterm")
    stage_fields = (
        "sample_sent_on",
        "quoted_on",
        "quoted_amount",
        "agreement_signed_on",
        "new_document",
        "purchase_order_on",
        "shipped_on",
        "shipped_quantity",
        "unit",
        "paid_on",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("usd_idr_rate", Decimal(str(settings.EXPO_USD_IDR_RATE)))
        self.fields["incoterm"].choices = [("", _("Not agreed yet")), *Incoterm.choices]
        countries = [choice for choice in self.fields["destination_country"].choices if choice[0]]
        self.fields["destination_country"].choices = [("", _("Not known yet")), *countries]
        self.fields["unit"].choices = [("", _("Choose one")), *Unit.choices]
        self.fields["unit"].label = _("Unit of the quantity")

    def clean_new_document(self):
        upload = self.cleaned_data.get("new_document")
        return clean_document_upload(upload) if upload else None

    def _post_clean(self):
        # The service validates the deal (dates, rate); only the form's own fields here.
        pass

    def deal_fields_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if self.cleaned_data.get("new_document"):
            data["document"] = self.cleaned_data["new_document"]
        return data

    def grouped(self):
        return [
            (_("The deal"), [self[name] for name in self.deal_fields]),
            (_("What has happened so far"), [self[name] for name in self.stage_fields]),
        ]


# ---- Accounts ----------------------------------------------------------------------------


class LoginForm(UsernameLengthMixin, auth_forms.AuthenticationForm):
    # One plain sentence of our own: Django's ("Please enter a correct %(username)s and
    # password") reads badly in Indonesian with our field label in it.
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or the password is not right. Check them and try again "
            "(capital letters count)."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].help_text = _("It is in the invitation email from BP2MI.")
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )
        self.fields["password"].label = _("Password")


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also sends a link to invited owners who have not chosen a password yet.

    The mail is queued (``common.mail``) like all other mail, in the language of the page:
    a slow mail server never holds the request. ``email_template_name`` names the
    templates' common stem (``<stem>_subject.txt``, ``.txt``, ``.html``).
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Links point at the public address when one is set (never at whatever Host header
        # the request came with).
        base = context.get("base_url") or f"{context['protocol']}://{context['domain']}"
        path = reverse(
            "portal:password-reset-confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        queue_mail(
            to=[to_email],
            template=email_template_name,
            context={**context, "url": base + path},
            language=get_language(),
        )

    def get_users(self, email):
        model = get_user_model()
        email_field = model.get_email_field_name()
        return model._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        ).iterator()


class InvitationForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the email"),
        choices=[("id", _("Bahasa Indonesia")), ("en", _("English"))],
        initial="id",
    )
