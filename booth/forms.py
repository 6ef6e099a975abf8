"""The capture form the booth's devices send, as JSON or as a plain form post.

Its fields reuse the public forms' field classes and validators, so a visitor's details
are checked exactly as on the website.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from buyers.choices import BuyerType, DelegateType, LeadRating
from buyers.forms import (
    BuyerFieldsForm,
    LineField,
    PlacementForm,
    PortalForm,
    StrictEmailField,
    TextField,
    TradeInquiryForm,
    quantity_field,
)
from common.validators import validate_visible_name

BUYER, DELEGATE = "buyer", "delegate"


def visitor_kinds():
    return [
        (_("Buyer"), [(f"{BUYER}:{value}", label) for value, label in BuyerType.choices]),
        (
            _("Placement cooperation"),
            [(f"{DELEGATE}:{value}", label) for value, label in DelegateType.choices],
        ),
    ]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class CaptureForm(PortalForm):
    """One visitor met at the stand, and what they are interested in."""

    name = LineField(label=_("Name"), max_length=120, validators=[validate_visible_name])
    company = LineField(
        label=_("Company or institution"),
        max_length=200,
        required=False,
        validators=[validate_visible_name],
    )
    email = StrictEmailField(label=_("Email"), max_length=254, required=False)
    phone = BuyerFieldsForm.base_fields["phone"]
    country = PlacementForm.base_fields["country"]
    visitor_kind = forms.ChoiceField(
        label=_("Type of visitor"), choices=visitor_kinds, initial=f"{BUYER}:{BuyerType.IMPORTER}"
    )
    language = forms.ChoiceField(
        label=_("Language for the visitor's mail"), choices=settings.LANGUAGES
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products of interest"), queryset=None, required=False
    )
    exhibitors = forms.ModelMultipleChoiceField(
        label=_("Businesses of interest (as a whole)"), queryset=None, required=False
    )
    target_price = TradeInquiryForm.base_fields["target_price"]
    currency = TradeInquiryForm.base_fields["currency"]
    rating = forms.ChoiceField(
        label=_("Rating"),
        choices=LeadRating.choices,
        initial=LeadRating.WARM,
        widget=forms.RadioSelect,
    )
    notes = TextField(
        label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_by = StaffChoiceField(
        label=_("Who follows up"),
        queryset=get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("first_name", "username"),
        required=False,
        empty_label=_("Not decided yet"),
    )
    share_contact = BuyerFieldsForm.base_fields["share_contact"]
    consent = forms.BooleanField(
        label=PortalForm.base_fields["consent"].label,
        error_messages={
            "required": _(
                "The visitor must tick the consent box on the screen themselves: "
                "without their consent nothing is stored."
            )
        },
    )
    captured_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, businesses, products, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products.select_related("exhibitor").order_by(
            "exhibitor__name", "name"
        )
        self.fields["exhibitors"].queryset = businesses.order_by("name")
        if not staff:
            # An owner follows up their own leads.
            del self.fields["follow_up_by"]
        for pk in self._product_ids():
            self.fields[f"quantity_{pk}"] = quantity_field()

    def _product_ids(self) -> list[int]:
        raw = self.data.getlist("products") if hasattr(self.data, "getlist") else []
        return [int(value) for value in raw if str(value).isdigit()]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Enter the visitor's email or phone number (at least one)."))
        kind = data.get("visitor_kind", "")
        if kind.startswith(f"{DELEGATE}:"):
            if not data.get("company"):
                self.add_error("company", _("Enter the delegate's institution or company."))
        elif kind and not data.get("products") and not data.get("exhibitors"):
            # An invalid choice already says what is wrong with the products.
            if "products" in self.errors:
                return data
            self.add_error(
                "products",
                _("Choose at least one product or business the visitor is interested in."),
            )
        return data

    def items(self) -> list[tuple]:
        return [
            (product, self.cleaned_data.get(f"quantity_{product.pk}"))
            for product in self.cleaned_data.get("products", [])
        ]

    def capture(self) -> dict:
        """The visitor and their interest, as the booth's capture service takes them."""
        data = self.cleaned_data
        kind, _sep, subtype = data["visitor_kind"].partition(":")
        return {
            "idempotency_key": data["idempotency_key"],
            "contact": {
                "name": data["name"],
                "email": data["email"],
                "phone": data["phone"] or "",
                "country": data["country"],
            },
            "company": data["company"],
            "delegate_type": subtype if kind == DELEGATE else None,
            "buyer_type": subtype if kind == BUYER else None,
            "items": [] if kind == DELEGATE else self.items(),
            "exhibitors": [] if kind == DELEGATE else list(data["exhibitors"]),
            "target_price": data["target_price"],
            "currency": data["currency"],
            "rating": data["rating"],
            "notes": data["notes"],
            "assigned_to": data.get("follow_up_by"),
            "share_contact": data["share_contact"],
            "language": data["language"],
            "consent_version": self.privacy_version,
            "captured_at": data["captured_at"],
        }
