import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from booths.choices import Sector
from booths.models import Exhibitor, Expo, TimeStamped
from common.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, Currency, convert
from products.choices import Incoterm, Unit
from products.models import Category, Product
from workforce.models import Occupation

from .choices import (
    BuyerType,
    DelegateType,
    LeadKind,
    LeadRating,
    LeadSource,
    LeadStatus,
    Timeline,
    TradeInterest,
)


class ContactQuerySet(models.QuerySet):
    def mailable(self):
        """Contacts that follow-up mail may go to: an address, and consent not withdrawn."""
        return self.exclude(email="").filter(consent_withdrawn_at__isnull=True)


def follow_up_mail_allowed(email: str) -> bool:
    """False once anyone with this address withdrew consent (the same person may be both a
    buyer and a delegate): every follow-up mail to a buyer or delegate asks this first."""
    email = (email or "").strip()
    if not email:
        return False
    return not any(
        model.objects.filter(email__iexact=email, consent_withdrawn_at__isnull=False).exists()
        for model in (Buyer, Delegate)
    )


class Contact(TimeStamped):
    """What buyers and delegates share: who they are and what they agreed to."""

    name = models.CharField(_("name"), max_length=120)
    # A visitor met at the booth may leave only a phone number.
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    country = CountryField(_("country"))
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    # Withdrawn from the buyer's status page or by staff (UU PDP 27/2022): no more follow-up
    # mail to this contact until a new form gives consent again.
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        # One person, one row: emails compare without case.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Buyer(Contact):
    company = models.CharField(_("company"), max_length=200, blank=True)
    buyer_type = models.CharField(
        _("buyer type"), max_length=20, choices=BuyerType.choices, default=BuyerType.IMPORTER
    )
    website = models.URLField(_("website"), blank=True)
    interests = models.ManyToManyField(
        Category, blank=True, related_name="interested_buyers", verbose_name=_("interests")
    )

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="buyer_email_unique_ci"
            ),
        ]


class Delegate(Contact):
    institution = models.CharField(_("institution"), max_length=200)
    delegate_type = models.CharField(
        _("delegate type"), max_length=20, choices=DelegateType.choices
    )
    position = models.CharField(_("position"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="delegate_email_unique_ci"
            ),
        ]


# A lead still open after this long without a status change or a note needs a follow-up.
FOLLOW_UP_AFTER = datetime.timedelta(days=3)
OPEN_STATUSES = (
    LeadStatus.NEW,
    LeadStatus.CONTACTED,
    LeadStatus.SAMPLE_SENT,
    LeadStatus.QUOTED,
)


def needs_follow_up_q(now=None) -> Q:
    """Open leads nobody has touched (status change or note) for FOLLOW_UP_AFTER."""
    cutoff = (now or timezone.now()) - FOLLOW_UP_AFTER
    return Q(status__in=OPEN_STATUSES) & (
        Q(last_activity_at__lt=cutoff) | Q(last_activity_at__isnull=True, created_at__lt=cutoff)
    )


class ExpressionOfInterestQuerySet(models.QuerySet):
    def trade(self):
        return self.filter(kind=LeadKind.TRADE)

    def placement(self):
        return self.filter(kind=LeadKind.PLACEMENT)

    def for_owner(self, user):
        return self.filter(kind=LeadKind.TRADE, exhibitor__owners=user)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def needs_follow_up(self, now=None):
        return self.filter(needs_follow_up_q(now))

    def with_follow_up(self, now=None):
        """Each lead with ``overdue``: open and untouched for FOLLOW_UP_AFTER."""
        return self.annotate(
            overdue=models.ExpressionWrapper(
                needs_follow_up_q(now), output_field=models.BooleanField()
            )
        )


class ExpressionOfInterest(TimeStamped):
    """A lead: a trade inquiry to an MSME, or a placement-cooperation inquiry to the agency."""

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, editable=False
    )
    inquiry_reference = models.CharField(
        _("inquiry reference"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("Shared by the leads sent together from one inquiry list."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LeadKind.choices)
    expo = models.ForeignKey(
        Expo, on_delete=models.SET_NULL, null=True, blank=True, related_name="leads"
    )
    source = models.CharField(
        _("source"), max_length=12, choices=LeadSource.choices, default=LeadSource.WEB
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )

    buyer = models.ForeignKey(
        Buyer, on_delete=models.PROTECT, null=True, blank=True, related_name="leads"
    )
    delegate = models.ForeignKey(
        Delegate, on_delete=models.PROTECT, null=True, blank=True, related_name="leads"
    )
    # Leads outlive listings: a product or business with leads cannot be deleted.
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.PROTECT, null=True, blank=True, related_name="leads"
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, null=True, blank=True, related_name="leads"
    )

    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    target_price = models.DecimalField(
        _("target price per unit"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    incoterm = models.CharField(
        _("preferred incoterm"), max_length=3, choices=Incoterm.choices, blank=True
    )
    destination_country = CountryField(_("destination country"), blank=True)
    timeline = models.CharField(_("timeline"), max_length=12, choices=Timeline.choices, blank=True)
    interest = models.CharField(
        _("interested in"),
        max_length=10,
        choices=TradeInterest.choices,
        blank=True,
        help_text=_("For an inquiry to a business as a whole rather than about one product."),
    )
    message = models.TextField(_("message"), max_length=4000, blank=True)

    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    occupations = models.CharField(_("occupations"), max_length=500, blank=True)
    # The occupation chosen from the workforce pages, so that demand can be counted per
    # occupation; ``occupations`` keeps what the delegate typed in their own words.
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("occupation chosen"),
    )
    headcount = models.PositiveIntegerField(
        _("workers needed"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    skills = models.TextField(_("skills or certificates required"), max_length=2000, blank=True)

    share_contact = models.BooleanField(
        _("buyer agreed to share contact details with the business"), default=False
    )
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    estimated_value_usd = models.DecimalField(
        _("estimated value (USD)"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_leads",
        verbose_name=_("assigned to"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    # Captured at the stand: by whom, how promising, and when (the device's clock and ours:
    # a capture made offline reaches the server later).
    rating = models.CharField(_("rating"), max_length=4, choices=LeadRating.choices, blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="captured_leads",
        verbose_name=_("captured by"),
    )
    captured_at = models.DateTimeField(_("captured on the device"), null=True, blank=True)
    received_at = models.DateTimeField(_("received by the server"), null=True, blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ExpressionOfInterestQuerySet.as_manager()

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=LeadKind.TRADE,
                        buyer__isnull=False,
                        exhibitor__isnull=False,
                        delegate__isnull=True,
                    )
                    | Q(
                        kind=LeadKind.PLACEMENT,
                        delegate__isnull=False,
                        buyer__isnull=True,
                        exhibitor__isnull=True,
                        product__isnull=True,
                    )
                ),
                name="lead_kind_matches_parties",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="lead_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(headcount__isnull=True) | Q(headcount__gt=0),
                name="lead_headcount_positive",
            ),
            models.CheckConstraint(
                condition=Q(occupation__isnull=True) | Q(kind=LeadKind.PLACEMENT),
                name="lead_occupation_placement_only",
            ),
            models.CheckConstraint(
                condition=Q(target_price__isnull=True) | Q(target_price__gte=0),
                name="lead_target_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(estimated_value_usd__isnull=True) | Q(estimated_value_usd__gte=0),
                name="lead_value_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="lead_status_newest"),
            models.Index(fields=["exhibitor", "-created_at"], name="lead_exhibitor_newest"),
        ]

    def __str__(self):
        return self.reference or _("new lead")

    def clean(self):
        # A lead about a product lands in the inbox of the business that makes it.
        if self.product_id and self.exhibitor_id and self.product.exhibitor_id != self.exhibitor_id:
            raise ValidationError({"product": _("This product belongs to another business.")})

    @property
    def contact(self):
        return self.buyer if self.kind == LeadKind.TRADE else self.delegate

    @property
    def sector_labels(self):
        labels = dict(Sector.choices)
        # Plain strings, so that templates can join them.
        return [str(labels.get(code, code)) for code in self.sectors]

    @property
    def estimated_value_idr(self):
        """The estimate in rupiah at the booth's reporting rate (EXPO_USD_IDR_RATE)."""
        return convert(self.estimated_value_usd, Currency.USD, Currency.IDR)


class Inquiry(models.Model):
    """An inquiry list sent in one go: its leads (one per business) share this reference."""

    reference = models.CharField(
        _("inquiry reference"), max_length=20, unique=True, null=True, editable=False
    )
    # The hidden key of the form that sent it, so sending it twice makes one inquiry.
    idempotency_key = models.UUIDField(unique=True, editable=False)
    buyer = models.ForeignKey(
        Buyer, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("buyer")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("inquiry list")
        verbose_name_plural = _("inquiry lists")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference or _("new inquiry list")


class LeadItem(models.Model):
    """A product named in a lead that came from an inquiry list, with the quantity asked for."""

    lead = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="lead_items", verbose_name=_("product")
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("product asked about")
        verbose_name_plural = _("products asked about")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "product"], name="lead_item_product_once"),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="lead_item_quantity_positive",
            ),
        ]

    def __str__(self):
        return str(self.product)

    def clean(self):
        if self.product_id and self.lead_id and self.product.exhibitor_id != self.lead.exhibitor_id:
            raise ValidationError({"product": _("This product belongs to another business.")})


class LeadEvent(models.Model):
    """One step in a lead's history: a status change or a note, by whom and when."""

    lead = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=12, choices=LeadStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=LeadStatus.choices, blank=True)
    note = models.TextField(_("note"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("lead history entry")
        verbose_name_plural = _("lead history")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.lead} {self.from_status}→{self.to_status}"
