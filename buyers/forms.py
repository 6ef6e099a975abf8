"""The public forms: a trade inquiry (product or business), the inquiry list, placement cooperation.

Every text field has a length limit and refuses NUL characters; one-line fields (and
the email address above all) refuse line breaks. What a visitor types is kept as text:
templates escape it wherever it is shown, mail included.
"""

import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from phonenumber_field.formfields import PhoneNumberField

from booths.choices import Sector
from common.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, Currency
from common.validators import validate_mailable_email, validate_visible_name
from common.widgets import LongSelect
from products.choices import Incoterm, Unit
from workforce.models import Occupation

from .choices import BuyerType, DelegateType, Timeline, TradeInterest

NUL_MESSAGE = _(
    "This field contains an invisible NUL character (\\0), which is not allowed. "
    "Please type it again."
)
QUANTITY_MESSAGE = _("Enter a quantity above 0 with at most 12 digits, e.g. 500 or 12.5.")
PRICE_MESSAGE = _("Enter the price per unit as a number above 0, e.g. 12.50.")
# Every way a number can be wrong gets the one message that says what is right.
NUMBER_ERRORS = ("invalid", "min_value", "max_digits", "max_decimal_places", "max_whole_digits")
CONSENT_LABEL = _(
    "I have read the privacy notice and agree that BP2MI keeps my details to follow up."
)


def _no_nul(value):
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(NUL_MESSAGE, code="null_characters_not_allowed")


class TextField(forms.CharField):
    """Text of several lines (a message)."""

    def to_python(self, value):
        _no_nul(value)
        return super().to_python(value)


class LineField(forms.CharField):
    """One line of text: a line break is refused rather than silently joined."""

    line_break_message = _("Enter this on one line, without line breaks.")

    def to_python(self, value):
        _no_nul(value)
        # Checked before Django strips the ends, so a trailing CR LF is refused too.
        if isinstance(value, str) and ("\r" in value or "\n" in value):
            raise ValidationError(self.line_break_message, code="line_break")
        return super().to_python(value)


class StrictEmailField(forms.EmailField):
    """An email address; a CR or LF anywhere in it (header injection) is refused, and so
    is an address no mail server takes (``common.validators.validate_mailable_email``)."""

    default_validators = [*forms.EmailField.default_validators, validate_mailable_email]

    def to_python(self, value):
        _no_nul(value)
        if isinstance(value, str) and ("\r" in value or "\n" in value):
            raise ValidationError(
                _("An email address cannot contain a line break."), code="line_break"
            )
        return super().to_python(value)


def country_choices(blank_label):
    """Countries sorted by their names in the language of the page, after a blank choice."""

    def choices():
        return [("", blank_label), *countries]

    return choices


def blank_choices(choices, blank_label):
    return [("", blank_label), *choices]


def quantity_field(**kwargs):
    return forms.DecimalField(
        label=kwargs.pop("label", _("Quantity")),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        error_messages=dict.fromkeys(NUMBER_ERRORS, QUANTITY_MESSAGE),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )


class PortalForm(forms.Form):
    """The fields every public form shares: the idempotency key, the honeypot and the
    consent to the privacy notice. Templates render each field with partials/field.html."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    # Invisible to people (moved off-screen by CSS, skipped by keyboard and screen
    # readers); form-filling robots fill it in.
    leave_empty = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={
            "required": _(
                "Please agree to the privacy notice, so that we may pass on your inquiry."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)

    @property
    def privacy_version(self) -> str:
        return settings.EXPO_PRIVACY_NOTICE_VERSION

    def full_clean(self):
        super().full_clean()
        if "idempotency_key" in self.errors:
            # A mangled hidden key is not the visitor's fault: give the form a fresh one.
            del self.errors["idempotency_key"]
            self.add_error(None, _("The form had expired. Please check it and send it again."))
            data = self.data.copy()
            data["idempotency_key"] = str(uuid.uuid4())
            self.data = data

    def clean_leave_empty(self):
        value = self.cleaned_data.get("leave_empty", "")
        if value:
            raise ValidationError(
                _("This form could not be sent. Leave the last field empty and try again."),
                code="honeypot",
            )
        return value

    # The fields of the person (buyer or delegate), in their model's names.
    contact_fields: tuple[str, ...] = ()

    def contact(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.contact_fields}
        data["phone"] = data.get("phone") or ""
        return data


class BuyerFieldsForm(PortalForm):
    """Who the buyer is, and the consent to share their details with the business."""

    name = LineField(label=_("Your name"), max_length=120, validators=[validate_visible_name])
    company = LineField(
        label=_("Company"), max_length=200, required=False, validators=[validate_visible_name]
    )
    email = StrictEmailField(label=_("Email"), max_length=254)
    phone = PhoneNumberField(
        label=_("Phone or WhatsApp"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("With the country code, e.g. +81 90 1234 5678."),
        error_messages={
            "invalid": _("Enter a phone number with its country code, e.g. +81 90 1234 5678.")
        },
    )
    country = forms.ChoiceField(
        label=_("Your country"),
        choices=country_choices(_("Choose your country")),
        widget=LongSelect,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    buyer_type = forms.ChoiceField(
        label=_("You are"), choices=BuyerType.choices, initial=BuyerType.IMPORTER
    )
    share_contact = forms.BooleanField(
        label=_("Share my name, email and phone with the business so that it can reply to me."),
        required=False,
    )

    contact_fields = ("name", "company", "email", "phone", "country", "buyer_type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {
            "name": "name",
            "company": "organization",
            "email": "email",
            "country": "country",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["email"].widget.attrs["inputmode"] = "email"


class TradeInquiryForm(BuyerFieldsForm):
    """An inquiry about one product (``product`` given) or to a business as a whole."""

    interest = forms.ChoiceField(
        label=_("I am interested in"),
        choices=TradeInterest.choices,
        initial=TradeInterest.PRODUCTS,
        widget=forms.RadioSelect,
    )
    quantity = quantity_field()
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, required=False)
    target_price = forms.DecimalField(
        label=_("Target price per unit"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        error_messages=dict.fromkeys(NUMBER_ERRORS, PRICE_MESSAGE),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=Currency.choices, initial=Currency.USD
    )
    incoterm = forms.ChoiceField(
        label=_("Preferred delivery terms (incoterm)"),
        choices=blank_choices(Incoterm.choices, _("No preference")),
        required=False,
    )
    destination_country = forms.ChoiceField(
        label=_("Ship to (destination country)"),
        choices=country_choices(_("Not decided yet")),
        widget=LongSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    timeline = forms.ChoiceField(
        label=_("When do you need it?"),
        choices=blank_choices(Timeline.choices, _("Not sure yet")),
        required=False,
    )
    message = TextField(
        label=_("Message"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sizes, packaging, samples, certificates: anything the business should know."),
    )

    detail_fields = (
        "quantity",
        "unit",
        "target_price",
        "currency",
        "incoterm",
        "destination_country",
        "timeline",
        "message",
    )

    def __init__(self, *args, product=None, **kwargs):
        self.product = product
        super().__init__(*args, **kwargs)
        if product is not None:
            # About one product: the unit defaults to the product's own, and the
            # "interested in" choice only applies to a business as a whole.
            del self.fields["interest"]
            self.fields["unit"].initial = product.unit
            self.fields["currency"].initial = product.currency
        else:
            self.fields["unit"].initial = Unit.PIECE

    def clean(self):
        data = super().clean()
        if data.get("quantity") is not None and not data.get("unit"):
            self.add_error("unit", _("Choose the unit of the quantity."))
        return data

    def details(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.detail_fields}
        if data["quantity"] is None:
            data["unit"] = ""
        data["interest"] = self.cleaned_data.get("interest", "")
        return data


class InquiryListForm(BuyerFieldsForm):
    """Send the whole inquiry list: the buyer, a quantity per product, one message."""

    destination_country = TradeInquiryForm.base_fields["destination_country"]
    incoterm = TradeInquiryForm.base_fields["incoterm"]
    timeline = TradeInquiryForm.base_fields["timeline"]
    message = TextField(
        label=_("Message to the businesses"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    detail_fields = ("incoterm", "destination_country", "timeline", "message")

    def __init__(self, *args, products=(), **kwargs):
        self.products = list(products)
        super().__init__(*args, **kwargs)
        for product in self.products:
            label = _("Quantity (%(unit)s)") % {"unit": product.get_unit_display()}
            self.fields[self.quantity_name(product)] = quantity_field(label=label)

    @staticmethod
    def quantity_name(product) -> str:
        return f"quantity_{product.pk}"

    def groups(self) -> list[dict]:
        """The list by business: {"exhibitor", "rows": [(product, bound quantity field)]}."""
        groups: dict[int, dict] = {}
        for product in self.products:
            group = groups.setdefault(
                product.exhibitor_id, {"exhibitor": product.exhibitor, "rows": []}
            )
            group["rows"].append((product, self[self.quantity_name(product)]))
        return list(groups.values())

    def items(self) -> list[tuple]:
        return [
            (product, self.cleaned_data.get(self.quantity_name(product)))
            for product in self.products
        ]

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.detail_fields}


class PlacementForm(PortalForm):
    """A delegate's or employer's interest in placing Indonesian workers."""

    name = LineField(label=_("Your name"), max_length=120, validators=[validate_visible_name])
    position = LineField(label=_("Position"), max_length=120, required=False)
    institution = LineField(
        label=_("Institution or company"), max_length=200, validators=[validate_visible_name]
    )
    delegate_type = forms.ChoiceField(
        label=_("Type of institution"),
        choices=blank_choices(DelegateType.choices, _("Choose one")),
    )
    email = StrictEmailField(label=_("Email"), max_length=254)
    phone = BuyerFieldsForm.base_fields["phone"]
    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices(_("Choose your country")),
        widget=LongSelect,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        # Checked in clean(): an occupation chosen from the list brings its sector.
        required=False,
    )
    occupation = forms.ChoiceField(
        label=_("Occupation from our workforce pages"),
        required=False,
        help_text=_("The occupation you would like to talk about first, if it is listed."),
        error_messages={"invalid_choice": _("Choose an occupation from the list.")},
    )
    occupations = LineField(
        label=_("Occupations in your own words"),
        max_length=500,
        required=False,
        help_text=_("For example: welders, caregivers for the elderly, hotel cooks."),
    )
    headcount = forms.IntegerField(
        label=_("Workers needed"),
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={
            code: _("Enter a number of workers from 1 to 100,000.")
            for code in ("invalid", "min_value", "max_value")
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    skills = TextField(
        label=_("Skills or certificates required"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: language level, trade certificates, years of experience."),
    )
    timeline = forms.ChoiceField(
        label=_("When do you need them?"),
        choices=blank_choices(Timeline.choices, _("Not sure yet")),
        required=False,
    )
    message = TextField(
        label=_("Message"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={
            "required": _("Please agree to the privacy notice, so that we may follow up.")
        },
    )

    contact_fields = (
        "name",
        "position",
        "institution",
        "delegate_type",
        "email",
        "phone",
        "country",
    )
    detail_fields = ("sectors", "occupations", "headcount", "skills", "timeline", "message")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.occupations_by_slug = {
            occupation.slug: occupation
            for occupation in Occupation.objects.published().order_by("sector", "position")
        }
        groups: dict[str, list] = {}
        for occupation in self.occupations_by_slug.values():
            groups.setdefault(occupation.sector, []).append((occupation.slug, occupation.name))
        sectors = dict(Sector.choices)
        self.fields["occupation"].choices = [
            ("", _("None of these, or several")),
            *((sectors[sector], choices) for sector, choices in groups.items()),
        ]
        if not groups:
            del self.fields["occupation"]
        for name, value in {
            "name": "name",
            "position": "organization-title",
            "institution": "organization",
            "email": "email",
            "country": "country",
        }.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    preselected = None

    def preselect(self, slug: str) -> None:
        """Open the form with the occupation ``slug`` (from its workforce page) and its
        sector chosen; an unknown or hidden occupation leaves the form as it is."""
        occupation = self.occupations_by_slug.get(slug)
        if occupation is not None:
            self.initial["occupation"] = occupation.slug
            self.initial["sectors"] = [occupation.sector]
        self.preselected = occupation

    def clean(self):
        data = super().clean()
        sectors = list(data.get("sectors") or [])
        occupation = self.occupations_by_slug.get(data.get("occupation") or "")
        data["occupation"] = occupation
        if occupation is not None and occupation.sector not in sectors:
            sectors.append(occupation.sector)
        data["sectors"] = sectors
        if not sectors and "sectors" not in self.errors:
            self.add_error("sectors", _("Choose at least one sector."))
        return data

    def details(self) -> dict:
        details = {name: self.cleaned_data[name] for name in self.detail_fields}
        details["occupation"] = self.cleaned_data.get("occupation")
        return details


class StatusRequestForm(forms.Form):
    """On the buyer's status page: a message, a sample request or a call request about
    one of their own inquiries (``leads`` holds only those)."""

    lead = forms.TypedChoiceField(label=_("About"), coerce=int)
    request = forms.ChoiceField(label=_("What would you like?"), widget=forms.RadioSelect)
    message = TextField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a sample or a call: say what, where and when suits you."),
    )

    def __init__(self, *args, leads, **kwargs):
        from .status import Request

        super().__init__(*args, **kwargs)
        self.leads = {lead.pk: lead for lead in leads}
        self.fields["lead"].choices = [
            (lead.pk, f"{lead.reference} · {lead.exhibitor or _('BP2MI placement team')}")
            for lead in leads
        ]
        self.fields["request"].choices = Request.CHOICES
        self.fields["request"].initial = Request.MESSAGE
        self.Request = Request

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("request") == self.Request.MESSAGE and not cleaned.get("message"):
            self.add_error("message", _("Write your message."))
        return cleaned

    def chosen_lead(self):
        return self.leads[self.cleaned_data["lead"]]
