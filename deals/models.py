"""A deal: what a lead became (a sample order, then a container), stage by stage.

Money is reported three ways and never mixed: *potential* is what leads were estimated to
be worth (``ExpressionOfInterest.estimated_value_usd``), *agreed* is the amount of deals
that reached an agreement or a later stage, *realised* is the agreed amount of deals that
staff verified. Each deal keeps the USD/IDR rate of its own day, so a rupiah deal is worth
the same in dollars whatever the reporting rate is later.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, Func, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from booths.models import TimeStamped
from buyers.models import ExpressionOfInterest
from common.documents import RandomDocumentPath, private_storage
from common.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, Currency
from products.choices import Incoterm, Unit

RATE_MAX_DIGITS = 12
RATE_DECIMAL_PLACES = 4

# The stages in their order: (date field, label). A deal is at the last stage with a date.
STAGES = (
    ("sample_sent_on", _("Sample sent")),
    ("quoted_on", _("Quotation sent")),
    ("agreement_signed_on", _("Agreement signed")),
    ("purchase_order_on", _("Purchase order received")),
    ("shipped_on", _("Shipped")),
    ("paid_on", _("Paid")),
)
STAGE_FIELDS = tuple(name for name, _label in STAGES)
# From the agreement on, a deal's amount counts as agreed.
AGREED_FIELDS = ("agreement_signed_on", "purchase_order_on", "shipped_on", "paid_on")


def agreed_q(prefix: str = "") -> Q:
    q = Q()
    for name in AGREED_FIELDS:
        q |= Q(**{f"{prefix}{name}__isnull": False})
    return q


class Divide(Func):
    """``dividend / divisor`` that keeps its fractions on every database: SQLite stores a
    round decimal as a whole number and divides two of them as integers (100 / 3 = 33)."""

    arity = 2
    arg_joiner = " / "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        dividend, dividend_params = compiler.compile(self.source_expressions[0])
        divisor, divisor_params = compiler.compile(self.source_expressions[1])
        return f"(CAST({dividend} AS REAL) / {divisor})", (*dividend_params, *divisor_params)


def amount_usd_expression(prefix: str = ""):
    """The deal's amount in USD, at the rate stored with the deal."""
    return Case(
        When(**{f"{prefix}currency": Currency.USD}, then=F(f"{prefix}amount")),
        default=Divide(F(f"{prefix}amount"), F(f"{prefix}usd_idr_rate")),
        output_field=models.DecimalField(max_digits=MONEY_MAX_DIGITS + 6, decimal_places=6),
    )


def _cents(value) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.01"))


class DealQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(lead__exhibitor__owners=user)

    def agreed(self):
        """Deals with an agreement or a later stage, verified or not."""
        return self.filter(agreed_q(), amount__isnull=False)

    def realised(self):
        """Agreed deals that staff verified: the only ones reported as realised."""
        return self.agreed().filter(verified_at__isnull=False)

    def value_usd(self) -> Decimal:
        total = self.aggregate(total=Sum(amount_usd_expression()))["total"]
        return _cents(total)

    def figures(self) -> dict:
        """Agreed and realised value in USD and how many deals each, in one query."""
        amount = amount_usd_expression()
        agreed = agreed_q()
        realised = agreed & Q(verified_at__isnull=False)
        totals = self.filter(amount__isnull=False).aggregate(
            agreed=Sum(amount, filter=agreed),
            realised=Sum(amount, filter=realised),
            agreed_deals=Count("pk", filter=agreed),
            realised_deals=Count("pk", filter=realised),
        )
        return {
            "agreed": _cents(totals["agreed"]),
            "realised": _cents(totals["realised"]),
            "agreed_deals": totals["agreed_deals"],
            "realised_deals": totals["realised_deals"],
        }


def results_usd(leads) -> dict:
    """Potential (lead estimates), agreed and realised value in USD of ``leads``'s deals:
    three separate sums, never added together."""
    potential = leads.aggregate(total=Sum("estimated_value_usd"))["total"]
    figures = Deal.objects.filter(lead__in=leads.values("pk")).figures()
    return {
        "potential": _cents(potential),
        "agreed": figures["agreed"],
        "realised": figures["realised"],
    }


class Deal(TimeStamped):
    lead = models.ForeignKey(
        ExpressionOfInterest,
        on_delete=models.PROTECT,
        related_name="deals",
        verbose_name=_("inquiry"),
    )
    title = models.CharField(
        _("what is sold"),
        max_length=200,
        help_text=_("For example: sample order of 20 kg, or first container."),
    )
    sample_sent_on = models.DateField(_("sample sent on"), null=True, blank=True)
    quoted_on = models.DateField(_("quotation sent on"), null=True, blank=True)
    quoted_amount = models.DecimalField(
        _("quoted amount"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    agreement_signed_on = models.DateField(_("agreement or MoU signed on"), null=True, blank=True)
    document = models.FileField(
        _("signed agreement (PDF or photo)"),
        upload_to=RandomDocumentPath("deals"),
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    purchase_order_on = models.DateField(_("purchase order received on"), null=True, blank=True)
    shipped_on = models.DateField(_("shipped on"), null=True, blank=True)
    shipped_quantity = models.DecimalField(
        _("quantity shipped"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    amount = models.DecimalField(
        _("deal amount"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The value agreed with the buyer, in the currency of the deal."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    usd_idr_rate = models.DecimalField(
        _("rupiah per US dollar on the day"),
        max_digits=RATE_MAX_DIGITS,
        decimal_places=RATE_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_("The exchange rate of the deal's day. Needed for a deal in rupiah."),
    )
    destination_country = CountryField(_("destination country"), blank=True)
    incoterm = models.CharField(
        _("delivery terms"), max_length=3, choices=Incoterm.choices, blank=True
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)

    objects = DealQuerySet.as_manager()

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["lead", "created_at", "pk"]
        permissions = [("verify_deal", _("Can verify deals (count them as realised)"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="deal_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quoted_amount__isnull=True) | Q(quoted_amount__gte=0),
                name="deal_quoted_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(usd_idr_rate__isnull=True) | Q(usd_idr_rate__gt=0),
                name="deal_rate_positive",
            ),
            models.CheckConstraint(
                condition=Q(currency=Currency.USD) | Q(usd_idr_rate__isnull=False),
                name="deal_rupiah_has_rate",
            ),
            models.CheckConstraint(
                condition=Q(shipped_quantity__isnull=True) | Q(shipped_quantity__gt=0),
                name="deal_shipped_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True) | Q(amount__isnull=False),
                name="deal_verified_has_amount",
            ),
        ]

    def __str__(self):
        return f"{self.lead} · {self.title}"

    def clean(self):
        errors = {}
        today = timezone.localdate()
        for name in STAGE_FIELDS:
            value = getattr(self, name)
            if value and value > today:
                errors[name] = ValidationError(
                    _("This date is in the future. Enter the day it happened."),
                    code="future_date",
                )
        if self.currency != Currency.USD and self.usd_idr_rate is None:
            errors["usd_idr_rate"] = ValidationError(
                _(
                    "A deal in rupiah needs the exchange rate of its day (rupiah per US "
                    "dollar), so it can be reported in US dollars."
                ),
                code="rate_required",
            )
        if self.quoted_amount is not None and not self.quoted_on:
            errors.setdefault(
                "quoted_on",
                ValidationError(
                    _("Enter the day the quotation was sent."), code="quoted_on_required"
                ),
            )
        if self.shipped_quantity is not None and not self.shipped_on:
            errors.setdefault(
                "shipped_on",
                ValidationError(_("Enter the day it was shipped."), code="shipped_on_required"),
            )
        if self.is_agreed and self.amount is None:
            errors.setdefault(
                "amount",
                ValidationError(
                    _("Enter the amount agreed with the buyer."), code="amount_required"
                ),
            )
        if errors:
            raise ValidationError(errors)

    @property
    def stage(self):
        """The label of the last stage reached, or None before the first."""
        reached = None
        for name, label in STAGES:
            if getattr(self, name):
                reached = label
        return reached

    @property
    def is_agreed(self) -> bool:
        return any(getattr(self, name) for name in AGREED_FIELDS)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def amount_usd(self) -> Decimal | None:
        if self.amount is None:
            return None
        if self.currency == Currency.USD:
            return self.amount
        return _cents(self.amount / self.usd_idr_rate)
