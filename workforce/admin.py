"""The workforce pages' content in the admin: every change lands in the object's history
(the admin's log). Booth admins edit; Booth staff may only look (see the roles migration)."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from common.admin_helpers import PublicContentAdmin, thumbnail
from common.spreadsheets import SpreadsheetFormatsMixin
from common.uploads import ADMIN_IMAGE_FIELD

from .models import Occupation, ReadinessFigure, TrainingMedia, TrainingProgramme
from .resources import ReadinessFigureResource


class ReadinessFigureInline(admin.TabularInline):
    model = ReadinessFigure
    extra = 0
    fields = ("country", "as_of", "in_training", "certified", "source")
    ordering = ("country", "-as_of")


@admin.register(Occupation)
class OccupationAdmin(PublicContentAdmin, TranslationAdmin):
    list_display = ("name", "sector", "standard", "training_hours", "countries", "published")
    list_filter = ("sector", "published")
    search_fields = ("name_en", "name_ind", "slug", "standard_en", "standard_ind")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [ReadinessFigureInline]
    fieldsets = (
        (None, {"fields": ("sector", "name", "slug", "summary", "position", "published")}),
        (
            _("Standard the workers are trained to"),
            {
                "fields": (
                    "standard",
                    "certification_body",
                    "language_level",
                    "training_hours",
                    "modules",
                    "destination_countries",
                )
            },
        ),
    )

    @admin.display(description=_("destination countries"))
    def countries(self, obj):
        return ", ".join(country.code for country in obj.destination_countries)


@admin.register(ReadinessFigure)
class ReadinessFigureAdmin(
    PublicContentAdmin, SpreadsheetFormatsMixin, ImportExportMixin, admin.ModelAdmin
):
    resource_classes = [ReadinessFigureResource]
    list_display = ("occupation", "country", "as_of", "in_training", "certified", "source")
    list_filter = ("occupation__sector", "country", "as_of")
    list_select_related = ("occupation",)
    search_fields = ("occupation__name_en", "occupation__name_ind", "source")
    autocomplete_fields = ("occupation",)
    date_hierarchy = "as_of"


class TrainingMediaInline(TranslationStackedInline):
    model = TrainingMedia
    extra = 0
    fields = ("kind", "image", "preview", "video_url", "caption", "position")
    readonly_fields = ("preview",)
    # Checked and re-encoded like the owners' product photos; a link typed without its
    # scheme is read as https.
    formfield_overrides = {
        models.ImageField: ADMIN_IMAGE_FIELD,
        models.URLField: {"assume_scheme": "https"},
    }

    @admin.display(description=_("preview"))
    def preview(self, obj):
        card = obj.card if obj.pk else None
        return thumbnail(card[0], obj.caption) if card else "—"


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(PublicContentAdmin, TranslationAdmin):
    list_display = ("name", "provider", "mode", "duration_weeks", "hours", "published")
    list_filter = ("mode", "published", "occupations__sector")
    search_fields = ("name_en", "name_ind", "provider", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("occupations",)
    inlines = [TrainingMediaInline]
