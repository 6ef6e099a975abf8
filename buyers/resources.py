"""Spreadsheet exports of leads, buyers and delegates (django-import-export), respecting consent.

These are the staff's exports: BP2MI runs the follow-up of every lead, so the rule,
in one place (``contact_shareable``), is the privacy notice, not the "share my
details" tick: anonymised contacts are never exported, and a buyer's or delegate's
name, email and phone appear when their consent to the privacy notice is recorded;
elsewhere the cells say that the details are withheld. The tick governs what the
businesses see and is agreed per lead: the lead export shows it for each lead.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from common.money import Currency, convert
from common.privacy import ANONYMISED_EMAIL_DOMAIN
from common.spreadsheets import JakartaDateTimeWidget, ReadableHeadersMixin, SafeExportMixin

from .choices import LeadKind
from .models import Buyer, Delegate, ExpressionOfInterest

WITHHELD = _("withheld (no consent)")


def contact_shareable(contact) -> bool:
    """May this contact's name, email and phone leave the portal in a staff spreadsheet?"""
    if contact is None or contact.email.endswith("@" + ANONYMISED_EMAIL_DOMAIN):
        return False
    return bool(contact.consent_version or contact.consented_at)


def _text(value) -> str:
    return "" if value is None else str(value)


class _ContactColumns:
    """Name, email and phone, or "withheld" where consent is missing."""

    def _contact(self, obj):
        return obj

    def _shared(self, obj, attribute):
        contact = self._contact(obj)
        if contact is None:
            return ""
        if not contact_shareable(contact):
            return str(WITHHELD)
        return _text(getattr(contact, attribute))

    def dehydrate_name(self, obj):
        return self._shared(obj, "name")

    def dehydrate_email(self, obj):
        return self._shared(obj, "email")

    def dehydrate_phone(self, obj):
        return self._shared(obj, "phone")


class BuyerResource(
    _ContactColumns, ReadableHeadersMixin, SafeExportMixin, resources.ModelResource
):
    name = fields.Field(column_name=_("name"))
    email = fields.Field(column_name=_("email"))
    phone = fields.Field(column_name=_("phone"))
    company = fields.Field(attribute="company", column_name=_("company"))
    buyer_type = fields.Field(column_name=_("buyer type"))
    country = fields.Field(column_name=_("country"))
    website = fields.Field(attribute="website", column_name=_("website"))
    interests = fields.Field(column_name=_("interests"))
    created = fields.Field(
        attribute="created_at",
        column_name=_("registered (Jakarta time)"),
        widget=JakartaDateTimeWidget(),
    )

    class Meta:
        model = Buyer
        name = _("Buyers")
        fields = (
            "name",
            "email",
            "phone",
            "company",
            "buyer_type",
            "country",
            "website",
            "interests",
            "created",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.exclude(email__endswith="@" + ANONYMISED_EMAIL_DOMAIN).prefetch_related(
            "interests"
        )

    def dehydrate_buyer_type(self, buyer):
        return buyer.get_buyer_type_display()

    def dehydrate_country(self, buyer):
        return buyer.country.name

    def dehydrate_interests(self, buyer):
        return ", ".join(category.name for category in buyer.interests.all())


class DelegateResource(
    _ContactColumns, ReadableHeadersMixin, SafeExportMixin, resources.ModelResource
):
    name = fields.Field(column_name=_("name"))
    email = fields.Field(column_name=_("email"))
    phone = fields.Field(column_name=_("phone"))
    institution = fields.Field(attribute="institution", column_name=_("institution"))
    delegate_type = fields.Field(column_name=_("delegate type"))
    position = fields.Field(attribute="position", column_name=_("position"))
    country = fields.Field(column_name=_("country"))
    created = fields.Field(
        attribute="created_at",
        column_name=_("registered (Jakarta time)"),
        widget=JakartaDateTimeWidget(),
    )

    class Meta:
        model = Delegate
        name = _("Delegates")
        fields = (
            "name",
            "email",
            "phone",
            "institution",
            "delegate_type",
            "position",
            "country",
            "created",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.exclude(email__endswith="@" + ANONYMISED_EMAIL_DOMAIN)

    def dehydrate_delegate_type(self, delegate):
        return delegate.get_delegate_type_display()

    def dehydrate_country(self, delegate):
        return delegate.country.name


class LeadResource(_ContactColumns, ReadableHeadersMixin, SafeExportMixin, resources.ModelResource):
    reference = fields.Field(attribute="reference", column_name=_("reference"))
    received = fields.Field(
        attribute="created_at",
        column_name=_("received (Jakarta time)"),
        widget=JakartaDateTimeWidget(),
    )
    kind = fields.Field(column_name=_("kind"))
    status = fields.Field(column_name=_("status"))
    source = fields.Field(column_name=_("source"))
    expo = fields.Field(column_name=_("expo"))
    exhibitor = fields.Field(column_name=_("MSME"))
    product = fields.Field(column_name=_("product"))
    name = fields.Field(column_name=_("contact name"))
    email = fields.Field(column_name=_("email"))
    phone = fields.Field(column_name=_("phone"))
    organisation = fields.Field(column_name=_("company or institution"))
    shared = fields.Field(column_name=_("contact shared with the MSME"))
    country = fields.Field(column_name=_("country"))
    quantity = fields.Field(attribute="quantity", column_name=_("quantity"))
    unit = fields.Field(column_name=_("unit"))
    target_price = fields.Field(attribute="target_price", column_name=_("target price per unit"))
    currency = fields.Field(column_name=_("currency"))
    incoterm = fields.Field(attribute="incoterm", column_name=_("incoterm"))
    timeline = fields.Field(column_name=_("timeline"))
    sectors = fields.Field(column_name=_("sectors"))
    headcount = fields.Field(attribute="headcount", column_name=_("workers needed"))
    message = fields.Field(attribute="message", column_name=_("message"))
    value_usd = fields.Field(
        attribute="estimated_value_usd", column_name=_("estimated value (USD)")
    )
    value_idr = fields.Field(column_name=_("estimated value (IDR)"))
    assigned_to = fields.Field(column_name=_("assigned to"))
    last_activity = fields.Field(
        attribute="last_activity_at",
        column_name=_("last activity (Jakarta time)"),
        widget=JakartaDateTimeWidget(),
    )

    class Meta:
        model = ExpressionOfInterest
        name = _("Leads")
        fields = (
            "reference",
            "received",
            "kind",
            "status",
            "source",
            "expo",
            "exhibitor",
            "product",
            "name",
            "email",
            "phone",
            "organisation",
            "shared",
            "country",
            "quantity",
            "unit",
            "target_price",
            "currency",
            "incoterm",
            "timeline",
            "sectors",
            "headcount",
            "message",
            "value_usd",
            "value_idr",
            "assigned_to",
            "last_activity",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "buyer", "delegate", "exhibitor", "product", "expo", "assigned_to"
        )

    def _contact(self, lead):
        return lead.buyer if lead.kind == LeadKind.TRADE else lead.delegate

    def dehydrate_kind(self, lead):
        return lead.get_kind_display()

    def dehydrate_status(self, lead):
        return lead.get_status_display()

    def dehydrate_source(self, lead):
        return lead.get_source_display()

    def dehydrate_expo(self, lead):
        return _text(lead.expo)

    def dehydrate_exhibitor(self, lead):
        return lead.exhibitor.name if lead.exhibitor else ""

    def dehydrate_product(self, lead):
        return _text(lead.product.name) if lead.product else ""

    def dehydrate_organisation(self, lead):
        contact = self._contact(lead)
        if contact is None or contact.email.endswith("@" + ANONYMISED_EMAIL_DOMAIN):
            return ""
        return contact.company if isinstance(contact, Buyer) else contact.institution

    def dehydrate_shared(self, lead):
        # Placement inquiries go to the agency only: no business to share with.
        if lead.kind != LeadKind.TRADE:
            return ""
        return str(_("yes") if lead.share_contact else _("no"))

    def dehydrate_country(self, lead):
        contact = self._contact(lead)
        return contact.country.name if contact else ""

    def dehydrate_currency(self, lead):
        # The currency of the buyer's target price: none without one (placement inquiries
        # never have one), where the column used to show the field's default.
        return lead.currency if lead.target_price is not None else ""

    def dehydrate_unit(self, lead):
        return lead.get_unit_display()

    def dehydrate_timeline(self, lead):
        return lead.get_timeline_display()

    def dehydrate_sectors(self, lead):
        return ", ".join(str(label) for label in lead.sector_labels)

    def dehydrate_value_idr(self, lead):
        return _text(convert(lead.estimated_value_usd, Currency.USD, Currency.IDR))

    def dehydrate_assigned_to(self, lead):
        user = lead.assigned_to
        return (user.get_full_name() or user.get_username()) if user else ""
