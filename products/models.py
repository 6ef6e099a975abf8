from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from booths.models import Exhibitor, TimeStamped

# Products' code and tests have always imported it from here.
from common.choices import ChangeRequestStatus as ChangeRequestStatus
from common.choices import ReviewStatus
from common.files import RandomUploadPath
from common.images import derive_widths
from common.models import ChangeRequest, change_request_constraints
from common.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, Currency, convert

from .choices import CERTIFICATION_SHORT_NAMES, CertificationKind, Incoterm, Unit

# What a buyer reads on a product page; longer text is a paste gone wrong.
MAX_DESCRIPTION_LENGTH = 5000
MAX_MATERIALS_LENGTH = 2000

hs_code_validator = RegexValidator(
    r"^[0-9]{4}(\.?[0-9]{2}){0,3}$",
    _("Enter an HS code of 4 to 10 digits, e.g. 0901.21 or 6304.91."),
)


class CategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    """Two levels: a main category (Food and beverages) and its subcategories (Coffee)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    icon = models.CharField(
        _("icon"), max_length=40, blank=True, help_text=_("A Bootstrap Icons name, e.g. cup-hot.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="category_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("Categories have two levels: choose a main category as parent.")}
            )
        if self.parent_id and self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("This category has subcategories, so it must stay a main category.")}
            )


# What a product card shows (products/partials/card.html), photos and certificates aside.
CARD_FIELDS = (
    "slug",
    "name",
    "moq",
    "unit",
    "price_min",
    "price_max",
    "currency",
    "exhibitor__name",
    "exhibitor__province",
    "exhibitor__export_readiness",
)


class ProductQuerySet(models.QuerySet):
    def published(self):
        """What buyers may see: approved, not archived, of an approved exhibitor."""
        return self.filter(
            review_status=ReviewStatus.APPROVED,
            is_archived=False,
            exhibitor__review_status=ReviewStatus.APPROVED,
        )

    def owned_by(self, user):
        return self.filter(exhibitor__owners=user)

    def with_card_data(self):
        """Everything a product card shows, and the category, in a fixed number of queries."""
        return self.select_related("category", "category__parent")._with_card_relations(
            Certification.objects.all()
        )

    def cards_only(self):
        """What a product card shows (``CARD_FIELDS``) and nothing else, for lists of cards
        alone: a product row has some fifty columns, most texts in two languages, and
        making models of them all costs more than reading them (24 cards: 6 ms, not 10)."""
        return self._with_card_relations(
            Certification.objects.only("product_id", "kind", "valid_until")
        ).only(*CARD_FIELDS)

    def _with_card_relations(self, certifications):
        # As plain lists (to_attr): Django then makes no manager and queryset per product,
        # a third of the cost of 24 cards' products.
        return self.select_related("exhibitor").prefetch_related(
            Prefetch(
                "images",
                queryset=ProductImage.objects.order_by("position", "id"),
                to_attr="card_photos",
            ),
            Prefetch("certifications", queryset=certifications, to_attr="card_certificates"),
        )


class Product(TimeStamped):
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="products", verbose_name=_("exhibitor")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION_LENGTH, blank=True)
    materials = models.TextField(
        _("materials or ingredients"), max_length=MAX_MATERIALS_LENGTH, blank=True
    )

    hs_code = models.CharField(
        _("HS code"), max_length=13, blank=True, validators=[hs_code_validator]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    moq = models.PositiveIntegerField(
        _("minimum order quantity"), default=1, validators=[MinValueValidator(1)]
    )
    price_min = models.DecimalField(
        _("lowest price per unit"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_max = models.DecimalField(
        _("highest price per unit"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.IDR
    )
    # The price range in US dollars, kept by save() so buyers can filter and sort
    # products priced in different currencies together.
    price_min_usd = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    price_max_usd = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    incoterms = models.JSONField(
        _("incoterms"),
        default=list,
        blank=True,
        help_text=_("Delivery terms the business can offer, e.g. EXW, FOB."),
    )
    monthly_capacity = models.PositiveIntegerField(
        _("monthly capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many units the business can make in a month."),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    shelf_life_days = models.PositiveSmallIntegerField(
        _("shelf life (days)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    custom_orders = models.BooleanField(_("accepts custom or made-to-order work"), default=False)

    review_status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
    )
    rejection_reason = models.TextField(_("reason for changes"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    # Kept current by a PostgreSQL trigger (see products/search_sql.py); unused on
    # SQLite. The small name vector ranks results cheaply; the full one finds them.
    search_vector = SearchVectorField(null=True, editable=False)
    name_vector = SearchVectorField(null=True, editable=False)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *(
                        LessThanOrEqual(Length(name), MAX_DESCRIPTION_LENGTH)
                        for name in ("description", "description_en", "description_ind")
                    )
                ),
                name="product_description_length",
                violation_error_message=format_lazy(
                    _("Keep the description to {limit} characters at most."),
                    limit=MAX_DESCRIPTION_LENGTH,
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    *(
                        LessThanOrEqual(Length(name), MAX_MATERIALS_LENGTH)
                        for name in ("materials", "materials_en", "materials_ind")
                    )
                ),
                name="product_materials_length",
                violation_error_message=format_lazy(
                    _("Keep the materials to {limit} characters at most."),
                    limit=MAX_MATERIALS_LENGTH,
                ),
            ),
            models.CheckConstraint(condition=Q(moq__gt=0), name="product_moq_positive"),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=F("price_max")),
                name="product_price_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True) | Q(price_min__gte=0),
                name="product_price_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(price_max__isnull=True) | Q(price_max__gte=0),
                name="product_price_max_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(monthly_capacity__isnull=True) | Q(monthly_capacity__gt=0),
                name="product_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(lead_time_days__isnull=True) | Q(lead_time_days__gt=0),
                name="product_lead_time_positive",
            ),
            models.CheckConstraint(
                condition=Q(shelf_life_days__isnull=True) | Q(shelf_life_days__gt=0),
                name="product_shelf_life_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["review_status", "category"], name="product_status_category"),
            models.Index(fields=["review_status", "-created_at"], name="product_status_newest"),
            models.Index(fields=["review_status", "price_min_usd"], name="product_status_price"),
            models.Index(fields=["featured", "review_status"], name="product_featured"),
            # "More like this" on a product page: the first few of its category in order,
            # without sorting the whole category.
            models.Index(
                fields=["category", "-featured", "-published_at"],
                name="product_category_related",
                condition=Q(review_status="approved", is_archived=False),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("products:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        prices = (self.price_min, self.price_max)
        if None not in prices and self.price_min > self.price_max:
            errors["price_max"] = _("The highest price cannot be below the lowest price.")
        valid_incoterms = set(Incoterm.values)
        if not isinstance(self.incoterms, list) or not set(self.incoterms) <= valid_incoterms:
            errors["incoterms"] = _("Choose incoterms from the list.")
        if errors:
            raise ValidationError(errors)

    @property
    def valid_certifications(self) -> list:
        """Certificates in force today, the product's badges: from the plain list of a
        product read for its card (with_card_data(), cards_only()), else the prefetched."""
        certificates = self.__dict__.get("card_certificates")
        if certificates is None:
            certificates = self.certifications.all()
        return [cert for cert in certificates if not cert.is_expired]

    @property
    def is_public(self) -> bool:
        return (
            self.review_status == ReviewStatus.APPROVED
            and not self.is_archived
            and self.exhibitor.review_status == ReviewStatus.APPROVED
        )

    def set_usd_prices(self):
        self.price_min_usd = convert(self.price_min, self.currency, Currency.USD)
        self.price_max_usd = convert(self.price_max, self.currency, Currency.USD)

    def save(self, *args, **kwargs):
        if self.review_status == ReviewStatus.APPROVED and self.published_at is None:
            self.published_at = timezone.now()
        self.set_usd_prices()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"price_min", "price_max", "currency"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "price_min_usd", "price_max_usd"}
        super().save(*args, **kwargs)


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("photo"),
        upload_to=RandomUploadPath("products"),
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for buyers who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    derived = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["position", "id"]

    def __str__(self):
        return self.alt_text or self.image.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.image and not self.derived:
            self.derived = derive_widths(self.image, self.width)
            super().save(update_fields=["derived"])

    def _derived_url(self, name):
        return self.image.storage.url(name)

    @property
    def sources(self) -> list[tuple[str, int, int]]:
        """(url, width, height) of each derived size, narrowest first."""
        return [
            (self._derived_url(name), width, height)
            for name, width, height in sorted(self.derived.values(), key=lambda d: d[1])
        ]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for url, width, _height in self.sources)

    def best(self, width: int):
        """The smallest derived size at least ``width`` pixels wide (else the widest)."""
        sources = self.sources
        for source in sources:
            if source[1] >= width:
                return source
        return sources[-1] if sources else None

    @property
    def card(self):
        return self.best(400)

    @property
    def large(self):
        return self.best(800)


class SearchTerm(models.Model):
    """A word used in the catalogue, for correcting buyers' typos (PostgreSQL only).

    Filled by the same trigger that keeps ``Product.search_vector`` current;
    ``products`` (how many public products use the word in their own names or
    materials) is kept by triggers of its own (``products.search_sql.WORD_COUNTS``).
    """

    word = models.CharField(max_length=60, unique=True)
    products = models.PositiveIntegerField(_("products using it"), default=0, db_default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word


class CertificationQuerySet(models.QuerySet):
    def valid(self, on=None):
        """Certificates in force on ``on`` (today in Jakarta): no end date, or not ended yet.

        Only these count for buyers (the catalogue's filter, its counts, the badges);
        expired ones stay on the product page, marked as expired.
        """
        on = on or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))


class Certification(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("certification"), max_length=10, choices=CertificationKind.choices)
    number = models.CharField(_("certificate number"), max_length=80)
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["product", "kind"], name="certification_once_per_kind"),
        ]
        indexes = [models.Index(fields=["kind"], name="certification_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def short_name(self):
        return CERTIFICATION_SHORT_NAMES.get(self.kind, self.get_kind_display())

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()


class ProductChangeRequest(ChangeRequest):
    """Changes an owner made to a published product, waiting for staff approval.

    ``changes`` and ``previous`` hold ``products.proposals.ProductProposal.to_json``.
    Written only by ``products.services``.
    """

    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("product"),
    )

    class Meta(ChangeRequest.Meta):
        verbose_name = _("product change request")
        verbose_name_plural = _("product change requests")
        constraints = change_request_constraints("product")

    def __str__(self):
        return f"{self.product} ({self.get_status_display()})"
