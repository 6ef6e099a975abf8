"""What the agency prepares workers for, as employers and delegates see it.

Everything here is about occupations and training, never about a person: readiness is an
aggregate figure staff enter or import (so many in training, so many certified, on a
date), not a count of personal records. Public pages show these models alone
(``tests/test_workforce_public.py`` holds that none of them has a personal field).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from booths.choices import Sector
from common.files import RandomUploadPath
from common.images import derive_widths

from .choices import TrainingMode


class OccupationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def for_public_page(self):
        """Published occupations with their published programmes and current figures."""
        return (
            self.published()
            .order_by("sector", "position", "name")
            .prefetch_related(
                Prefetch(
                    "programmes",
                    queryset=TrainingProgramme.objects.published(),
                    to_attr="public_programmes",
                ),
                Prefetch(
                    "figures",
                    queryset=ReadinessFigure.objects.current().order_by("country"),
                    to_attr="current_figures",
                ),
            )
        )


class Occupation(models.Model):
    """An occupation the agency trains for, in one sector, to a stated standard."""

    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(
        _("what the work is"),
        max_length=1000,
        blank=True,
        help_text=_("Two or three sentences for employers."),
    )
    standard = models.CharField(
        _("competency standard"),
        max_length=200,
        blank=True,
        help_text=_("For example: SKKNI welding level 2 (national competency standard)."),
    )
    certification_body = models.CharField(
        _("certification body"),
        max_length=200,
        blank=True,
        help_text=_("Who certifies the competency, e.g. BNSP through a licensed LSP."),
    )
    language_level = models.CharField(
        _("language level"),
        max_length=120,
        blank=True,
        help_text=_("For example: Japanese JFT-Basic A2, English IELTS 5.5."),
    )
    training_hours = models.PositiveIntegerField(_("hours of training"), null=True, blank=True)
    modules = models.TextField(
        _("technical and digital modules"),
        max_length=2000,
        blank=True,
        help_text=_("One module per line."),
    )
    destination_countries = CountryField(
        _("destination countries"),
        multiple=True,
        blank=True,
        help_text=_("The countries workers in this occupation are prepared for."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    published = models.BooleanField(_("shown on the public pages"), default=True)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["sector", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(training_hours__isnull=True) | Q(training_hours__gt=0),
                name="occupation_hours_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return (
            reverse("workforce:sector", kwargs={"sector": self.sector}) + f"#occupation-{self.slug}"
        )

    def cooperation_url(self):
        """The placement-cooperation form with this occupation (and its sector) chosen."""
        return reverse("buyers:cooperation") + f"?occupation={self.slug}"

    @property
    def module_list(self) -> list[str]:
        return [line.strip() for line in self.modules.splitlines() if line.strip()]


class ReadinessFigureQuerySet(models.QuerySet):
    def current(self, on=None):
        """Per occupation and country, the latest figure (dated ``on`` or earlier, if given)."""
        dated = self.model.objects.filter(
            occupation=OuterRef("occupation"), country=OuterRef("country")
        )
        if on is not None:
            dated = dated.filter(as_of__lte=on)
        latest = Subquery(dated.order_by("-as_of").values("as_of")[:1])
        return self.annotate(latest=latest).filter(as_of=F("latest"))


class ReadinessFigure(models.Model):
    """How many candidates are in training and certified for one occupation and country, on
    a date: an aggregate staff report, never derived from personal records."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="figures", verbose_name=_("occupation")
    )
    country = CountryField(_("destination country"))
    in_training = models.PositiveIntegerField(_("in training"), default=0)
    certified = models.PositiveIntegerField(_("certified"), default=0)
    as_of = models.DateField(_("figures as of"))
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the figures come from, e.g. the training centres' monthly report."),
    )

    objects = ReadinessFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("readiness figure")
        verbose_name_plural = _("readiness figures")
        ordering = ["occupation", "country", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "country", "as_of"], name="readiness_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.occupation} · {self.country.name} · {self.as_of:%Y-%m-%d}"

    def clean(self):
        if (
            self.occupation_id
            and self.country
            and self.country not in self.occupation.destination_countries
        ):
            raise ValidationError(
                {
                    "country": _(
                        "%(occupation)s is not prepared for %(country)s. Add the country to "
                        "the occupation's destination countries first."
                    )
                    % {"occupation": self.occupation, "country": self.country.name}
                }
            )


class TrainingProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True).order_by("position", "name")


class TrainingProgramme(models.Model):
    """A course that prepares workers for one or more occupations."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=160)
    provider = models.CharField(
        _("provider"),
        max_length=200,
        help_text=_("The training centre (LPK, BLK) or partner that runs it."),
    )
    mode = models.CharField(_("mode"), max_length=12, choices=TrainingMode.choices)
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"))
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    outcomes = models.TextField(
        _("what a graduate can do"),
        max_length=2000,
        help_text=_("One skill per line."),
    )
    occupations = models.ManyToManyField(
        Occupation,
        related_name="programmes",
        blank=True,
        verbose_name=_("occupations it prepares for"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    published = models.BooleanField(_("shown on the public pages"), default=True)

    objects = TrainingProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_weeks__gt=0), name="programme_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0), name="programme_hours_positive"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workforce:programme", kwargs={"slug": self.slug})

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


class MediaKind(models.TextChoices):
    PHOTO = "photo", _("Photo (upload)")
    VIDEO = "video", _("Video (link)")


class TrainingMedia(models.Model):
    """A photo (uploaded, checked and re-encoded like product photos) or a link to a short
    video of a programme. Videos are links only: pages link to them, never embed them."""

    programme = models.ForeignKey(TrainingProgramme, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(
        _("kind"), max_length=5, choices=MediaKind.choices, default=MediaKind.PHOTO
    )
    image = models.ImageField(
        _("photo"),
        upload_to=RandomUploadPath("training"),
        width_field="width",
        height_field="height",
        blank=True,
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("An https link to the video, e.g. on the agency's YouTube channel."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=200,
        help_text=_("What the photo or video shows, for visitors who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    derived = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("photo or video")
        verbose_name_plural = _("photos and videos")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=MediaKind.PHOTO, video_url="") & ~Q(image="")
                    | Q(kind=MediaKind.VIDEO, image="") & ~Q(video_url="")
                ),
                name="training_media_photo_or_link",
            ),
        ]

    def __str__(self):
        return self.caption

    def clean(self):
        if self.kind == MediaKind.PHOTO:
            if not self.image:
                raise ValidationError({"image": _("Choose the photo to upload.")})
            if self.video_url:
                raise ValidationError(
                    {"video_url": _("A photo has no video link: choose “Video (link)”.")}
                )
        else:
            if not self.video_url:
                raise ValidationError({"video_url": _("Enter the link to the video.")})
            if not self.video_url.lower().startswith("https://"):
                raise ValidationError(
                    {"video_url": _("Enter a secure link that starts with https://.")}
                )
            if self.image:
                raise ValidationError(
                    {"image": _("A video is a link: remove the photo, or choose “Photo (upload)”.")}
                )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.image and not self.derived:
            self.derived = derive_widths(self.image, self.width)
            super().save(update_fields=["derived"])

    @property
    def sources(self) -> list[tuple[str, int, int]]:
        """(url, width, height) of each derived size, narrowest first."""
        return [
            (self.image.storage.url(name), width, height)
            for name, width, height in sorted(self.derived.values(), key=lambda d: d[1])
        ]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for url, width, _height in self.sources)

    @property
    def card(self):
        """The smallest derived size at least 400 pixels wide (else the widest)."""
        sources = self.sources
        return next((s for s in sources if s[1] >= 400), sources[-1] if sources else None)
