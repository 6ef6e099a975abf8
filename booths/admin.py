from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Booth, BoothPresence, Exhibitor, Expo, SupportProgramme


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0
    fields = ("name", "hall", "stand_number", "opening_time", "closing_time")
    show_change_link = True


class BoothPresenceInline(admin.TabularInline):
    model = BoothPresence
    extra = 0
    autocomplete_fields = ("exhibitor", "booth")


@admin.register(Expo)
class ExpoAdmin(TranslationAdmin):
    list_display = ("name", "edition", "venue", "city", "start_date", "end_date", "is_current")
    list_filter = ("is_current", "city")
    search_fields = ("name_en", "name_ind", "venue", "city")
    prepopulated_fields = {"slug": ("name_en",)}
    date_hierarchy = "start_date"
    inlines = [BoothInline]


@admin.register(Booth)
class BoothAdmin(TranslationAdmin):
    list_display = ("name", "expo", "hall", "stand_number", "opening_time", "closing_time")
    list_filter = ("expo",)
    search_fields = ("name_en", "name_ind", "hall", "stand_number")
    autocomplete_fields = ("expo",)
    inlines = [BoothPresenceInline]


@admin.register(SupportProgramme)
class SupportProgrammeAdmin(TranslationAdmin):
    list_display = ("name", "code")
    search_fields = ("name_en", "name_ind", "code")


@admin.register(Exhibitor)
class ExhibitorAdmin(TranslationAdmin):
    list_display = (
        "name",
        "founder_name",
        "province",
        "former_placement_country",
        "export_readiness",
        "review_status",
        "featured",
    )
    list_filter = (
        "review_status",
        "featured",
        "province",
        "former_placement_country",
        "export_readiness",
        "scale",
        "support_programmes",
    )
    search_fields = ("name", "founder_name", "nib", "email", "regency")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("owners",)
    filter_horizontal = ("support_programmes",)
    readonly_fields = ("created_at", "updated_at", "reviewed_at", "created_by", "updated_by")
    inlines = [BoothPresenceInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "tagline", "story", "logo")}),
        (
            _("Founder's migration story"),
            {
                "fields": (
                    "founder_name",
                    "former_placement_country",
                    "sector_abroad",
                    "years_abroad",
                    "year_returned",
                )
            },
        ),
        (
            _("Business"),
            {
                "fields": (
                    "province",
                    "regency",
                    "nib",
                    "scale",
                    "employees",
                    "established_year",
                    "export_readiness",
                    "export_markets",
                )
            },
        ),
        (
            _("Contact"),
            {
                "fields": (
                    "contact_name",
                    "email",
                    "phone",
                    "whatsapp",
                    "website",
                    "instagram",
                    "address",
                )
            },
        ),
        (
            _("Review and staff only"),
            {
                "fields": (
                    "review_status",
                    "rejection_reason",
                    "featured",
                    "owners",
                    "support_programmes",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                    "created_by",
                    "updated_by",
                )
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
