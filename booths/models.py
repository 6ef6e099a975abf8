from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from common.choices import ReviewStatus
from common.files import RandomUploadPath
from common.models import ChangeRequest, ChecksInOneQuery, change_request_constraints

from .choices import BusinessScale, ExportReadiness, Province, Sector

# About two pages: room for a founder's story, not for a pasted document.
MAX_STORY_LENGTH = 5000
MAX_ADDRESS_LENGTH = 500

nib_validator = RegexValidator(r"^[0-9]{13}$", _("An NIB is exactly 13 digits."))


class TimeStamped(ChecksInOneQuery):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ExpoQuerySet(models.QuerySet):
    def current(self):
        """The edition the portal presents now: the one marked current, else the latest."""
        return self.order_by("-is_current", "-start_date").first()


class Expo(TimeStamped):
    """One edition of the trade fair, e.g. Trade Expo Indonesia 2024 (the 39th)."""

    name = models.CharField(_("name"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("edition"), validators=[MinValueValidator(1)])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    venue = models.CharField(_("venue"), max_length=200)
    city = models.CharField(_("city"), max_length=120)
    address = models.CharField(_("address"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    website = models.URLField(_("website"), blank=True)
    is_current = models.BooleanField(
        _("current edition"),
        default=False,
        help_text=_("The edition the public pages present. Only one can be current."),
    )

    objects = ExpoQuerySet.as_manager()

    class Meta:
        verbose_name = _("expo")
        verbose_name_plural = _("expos")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="expo_dates_in_order"
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="expo_one_current"
            ),
        ]

    def __str__(self):
        # Most editions carry their year in the name already ("Trade Expo Indonesia 2024").
        year = f"{self.start_date:%Y}" if self.start_date else ""
        return self.name if year in self.name else f"{self.name} {year}"

    @property
    def days(self):
        from datetime import timedelta

        return [
            self.start_date + timedelta(days=offset)
            for offset in range((self.end_date - self.start_date).days + 1)
        ]


class Booth(TimeStamped):
    """The agency's stand at one expo: where it is and when it is open."""

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="booths")
    name = models.CharField(_("name"), max_length=200)
    host = models.CharField(_("host"), max_length=200, default="BP2MI")
    hall = models.CharField(_("hall"), max_length=40)
    stand_number = models.CharField(_("stand number"), max_length=40)
    opening_time = models.TimeField(_("opens at"))
    closing_time = models.TimeField(_("closes at"))
    directions = models.TextField(_("how to get there"), blank=True)
    exhibitors = models.ManyToManyField(
        "Exhibitor", through="BoothPresence", related_name="booths", blank=True
    )

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["expo", "hall", "stand_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["expo", "hall", "stand_number"], name="booth_unique_stand"
            ),
            models.CheckConstraint(
                condition=Q(closing_time__gt=F("opening_time")), name="booth_hours_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.hall} {self.stand_number})"


class SupportProgrammeQuerySet(models.QuerySet):
    def public(self):
        """Programmes buyers see as badges: those staff gave a badge text (in either
        language: the other falls back to it)."""
        return self.filter(Q(badge_en__gt="") | Q(badge_ind__gt="")).order_by("code")


def public_programmes(lookup: str = "support_programmes") -> models.Prefetch:
    """The badges of a business as ``exhibitor.public_programmes``, in one query; ``lookup``
    is the path to its programmes (``exhibitor__support_programmes`` from a product)."""
    return models.Prefetch(
        lookup, queryset=SupportProgramme.objects.public(), to_attr="public_programmes"
    )


class SupportProgramme(models.Model):
    """Agency support an MSME takes part in (halal certification route, KUR referral, ...).

    Staff set them on a business once verified; owners see them in the portal but never
    set them. A programme with a badge text shows on the business's public page and its
    products as that badge with its one-line explanation; one without stays staff-only.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    badge = models.CharField(
        _("badge for buyers"),
        max_length=40,
        blank=True,
        help_text=_(
            "A few words shown to buyers, e.g. “Financed through KUR”. Leave empty to keep "
            "the programme for staff only."
        ),
    )
    explanation = models.CharField(
        _("one-line explanation for buyers"),
        max_length=160,
        blank=True,
        help_text=_("What the badge means to a buyer, in one sentence."),
    )

    objects = SupportProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ExhibitorQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(review_status=ReviewStatus.APPROVED)

    def owned_by(self, user):
        return self.filter(owners=user)


class Exhibitor(TimeStamped):
    """An MSME run by a returned migrant worker, with the founder's story."""

    name = models.CharField(_("business name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    story = models.TextField(_("founder's story"), max_length=MAX_STORY_LENGTH, blank=True)

    founder_name = models.CharField(_("founder's name"), max_length=120)
    former_placement_country = CountryField(_("former placement country"))
    sector_abroad = models.CharField(
        _("sector while abroad"), max_length=20, choices=Sector.choices, blank=True
    )
    years_abroad = models.PositiveSmallIntegerField(
        _("years abroad"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    year_returned = models.PositiveSmallIntegerField(
        _("year returned"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1970), MaxValueValidator(2100)],
    )

    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    regency = models.CharField(_("regency or city"), max_length=120, blank=True)
    nib = models.CharField(
        _("NIB (business ID)"),
        max_length=13,
        unique=True,
        null=True,
        blank=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha: 13 digits from OSS."),
    )
    scale = models.CharField(
        _("business scale"), max_length=10, choices=BusinessScale.choices, default="micro"
    )
    employees = models.PositiveIntegerField(_("employees"), default=1)
    established_year = models.PositiveSmallIntegerField(
        _("year established"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1970), MaxValueValidator(2100)],
    )
    export_readiness = models.CharField(
        _("export readiness"),
        max_length=10,
        choices=ExportReadiness.choices,
        default=ExportReadiness.NOT_YET,
    )
    export_markets = CountryField(_("export markets"), multiple=True, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    # Shown only to buyers who sent the business an inquiry, on their status page.
    whatsapp_public = models.BooleanField(
        _("buyers who sent an inquiry may chat on WhatsApp"), default=False
    )
    website = models.URLField(_("website"), blank=True)
    instagram = models.CharField(_("Instagram"), max_length=60, blank=True)
    address = models.TextField(_("address"), max_length=MAX_ADDRESS_LENGTH, blank=True)
    logo = models.ImageField(_("logo"), upload_to=RandomUploadPath("logos"), blank=True)

    review_status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
    )
    rejection_reason = models.TextField(_("reason for changes"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)

    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="exhibitors",
        blank=True,
        verbose_name=_("owner accounts"),
        help_text=_("Accounts that may edit this business and its products."),
    )
    support_programmes = models.ManyToManyField(
        SupportProgramme, blank=True, verbose_name=_("support programmes")
    )
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

    objects = ExhibitorQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nib__isnull=True) | Q(nib__regex=r"^[0-9]{13}$"),
                name="exhibitor_nib_13_digits",
            ),
            models.CheckConstraint(
                condition=Q(employees__gte=1), name="exhibitor_employees_positive"
            ),
            models.CheckConstraint(
                condition=Q(
                    *(
                        LessThanOrEqual(Length(name), MAX_STORY_LENGTH)
                        for name in ("story", "story_en", "story_ind")
                    )
                ),
                name="exhibitor_story_length",
                violation_error_message=format_lazy(
                    _("Keep the story to {limit} characters at most."), limit=MAX_STORY_LENGTH
                ),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("address"), MAX_ADDRESS_LENGTH),
                name="exhibitor_address_length",
                violation_error_message=format_lazy(
                    _("Keep the address to {limit} characters at most."),
                    limit=MAX_ADDRESS_LENGTH,
                ),
            ),
            models.CheckConstraint(
                condition=Q(whatsapp_public=False) | ~Q(whatsapp=""),
                name="exhibitor_public_whatsapp_has_number",
                violation_error_message=_(
                    "Fill in your WhatsApp number to let buyers chat with you on WhatsApp."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["review_status", "province"], name="exhibitor_status_province"),
            models.Index(
                fields=["review_status", "former_placement_country"],
                name="exhibitor_status_country",
            ),
        ]

    def __str__(self):
        return self.name

    def get_province_display(self):
        # Django's own makes a dict of all 38 provinces, translated, on every call: a sixth
        # of a millisecond on each product card.
        try:
            return Province(self.province).label
        except ValueError:
            return self.province

    def get_absolute_url(self):
        return reverse("booths:exhibitor-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.review_status == ReviewStatus.APPROVED

    @property
    def buyer_whatsapp(self):
        """The WhatsApp number buyers who asked may chat on: approved and opted in, else ""."""
        if self.is_public and self.whatsapp_public and self.whatsapp:
            return self.whatsapp
        return ""

    def save(self, *args, **kwargs):
        # An empty NIB is "none yet", which the unique constraint must not count.
        if not self.nib:
            self.nib = None
        super().save(*args, **kwargs)


class ExhibitorChangeRequest(ChangeRequest):
    """Changes owners made to the public fields of an approved business profile.

    ``changes`` and ``previous`` hold ``booths.proposals.ProfileProposal.to_json``.
    Written only by ``booths.services``.
    """

    exhibitor = models.ForeignKey(
        Exhibitor,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("exhibitor"),
    )

    class Meta(ChangeRequest.Meta):
        verbose_name = _("profile change request")
        verbose_name_plural = _("profile change requests")
        constraints = change_request_constraints("exhibitor")

    def __str__(self):
        return f"{self.exhibitor} ({self.get_status_display()})"


class BoothPresence(models.Model):
    """Which exhibitor stands at which booth on which expo day."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="presences")
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="presences")
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("booth day")
        verbose_name_plural = _("booth days")
        ordering = ["day", "exhibitor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["booth", "exhibitor", "day"], name="presence_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} @ {self.booth} {self.day}"

    def clean(self):
        from django.core.exceptions import ValidationError

        expo = self.booth.expo if self.booth_id else None
        if expo and self.day and not (expo.start_date <= self.day <= expo.end_date):
            raise ValidationError({"day": _("This day is not one of the expo's days.")})
