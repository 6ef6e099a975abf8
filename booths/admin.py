from django.contrib import admin
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin

from common.admin_helpers import (
    AdminStyles,
    AuditedAdminMixin,
    CardPrintingMixin,
    PendingChangesFilter,
    PublicContentAdmin,
    ReviewAdminMixin,
    badge,
    present_choices_filter,
    present_countries_filter,
    review_badge,
    run_review,
    thumbnail,
)
from common.choices import ChangeRequestStatus
from common.spreadsheets import SpreadsheetFormatsMixin
from common.uploads import ADMIN_IMAGE_FIELD

from . import services
from .choices import Province
from .models import (
    Booth,
    BoothPresence,
    Exhibitor,
    ExhibitorChangeRequest,
    Expo,
    SupportProgramme,
)
from .resources import ExhibitorResource


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
class ExpoAdmin(PublicContentAdmin, TranslationAdmin):
    list_display = ("name", "edition", "venue", "city", "start_date", "end_date", "is_current")
    list_filter = ("is_current", "city")
    search_fields = ("name_en", "name_ind", "venue", "city")
    prepopulated_fields = {"slug": ("name_en",)}
    date_hierarchy = "start_date"
    inlines = [BoothInline]


@admin.register(Booth)
class BoothAdmin(PublicContentAdmin, TranslationAdmin):
    list_display = ("name", "expo", "hall", "stand_number", "opening_time", "closing_time")
    list_filter = ("expo",)
    list_select_related = ("expo",)
    search_fields = ("name_en", "name_ind", "hall", "stand_number")
    autocomplete_fields = ("expo",)
    inlines = [BoothPresenceInline]


@admin.register(SupportProgramme)
class SupportProgrammeAdmin(PublicContentAdmin, TranslationAdmin):
    list_display = ("name", "code", "badge")
    search_fields = ("name_en", "name_ind", "code")


@admin.register(Exhibitor)
class ExhibitorAdmin(
    PublicContentAdmin,
    ReviewAdminMixin,
    SpreadsheetFormatsMixin,
    ImportExportMixin,
    CardPrintingMixin,
    AuditedAdminMixin,
    TranslationAdmin,
):
    resource_classes = [ExhibitorResource]
    card_parameter = "exhibitor"
    list_display = (
        "logo_thumbnail",
        "name",
        "founder_name",
        "province",
        "placement_country",
        "product_count",
        "status",
    )
    list_display_links = ("logo_thumbnail", "name")
    list_filter = (
        "review_status",
        PendingChangesFilter,
        "featured",
        present_choices_filter("province", gettext_lazy("province"), Province.choices),
        present_countries_filter("former_placement_country", gettext_lazy("placement country")),
        "export_readiness",
        "scale",
        "support_programmes",
        "created_at",
    )
    search_fields = ("name", "slug", "founder_name", "nib", "email", "regency")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("owners",)
    filter_horizontal = ("support_programmes",)
    # The review moves through the services alone (the list actions, the buttons on the page).
    readonly_fields = (
        "review_status",
        "rejection_reason",
        "created_at",
        "updated_at",
        "reviewed_at",
        "created_by",
        "updated_by",
    )
    inlines = [BoothPresenceInline]
    actions = ["approve", "reject", "feature", "unfeature", "print_cards"]
    review_diff = staticmethod(services.profile_change_diff)
    list_per_page = 50
    # The logo is checked and re-encoded like the one owners upload.
    formfield_overrides = {models.ImageField: ADMIN_IMAGE_FIELD}
    fieldsets = (
        (None, {"fields": ("name", "slug", "tagline", "story", "logo")}),
        (
            gettext_lazy("Founder's migration story"),
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
            gettext_lazy("Business"),
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
            gettext_lazy("Contact"),
            {
                "fields": (
                    "contact_name",
                    "email",
                    "phone",
                    "whatsapp",
                    "whatsapp_public",
                    "website",
                    "instagram",
                    "address",
                )
            },
        ),
        (
            gettext_lazy("Review and staff only"),
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

    Media = AdminStyles

    def get_queryset(self, request):
        pending = ExhibitorChangeRequest.objects.filter(
            exhibitor=OuterRef("pk"), status=ChangeRequestStatus.PENDING
        )
        return (
            super()
            .get_queryset(request)
            .annotate(product_total=Count("products"), has_pending_changes=Exists(pending))
        )

    @admin.display(description=gettext_lazy("logo"))
    def logo_thumbnail(self, exhibitor):
        return thumbnail(exhibitor.logo.url if exhibitor.logo else "", "")

    @admin.display(description=gettext_lazy("products"), ordering="product_total")
    def product_count(self, exhibitor):
        return exhibitor.product_total

    @admin.display(description=gettext_lazy("country abroad"), ordering="former_placement_country")
    def placement_country(self, exhibitor):
        return exhibitor.former_placement_country.name

    @admin.display(description=gettext_lazy("review status"), ordering="review_status")
    def status(self, exhibitor):
        html = review_badge(exhibitor)
        if exhibitor.has_pending_changes:
            html = format_html("{}{}", html, badge(_("changes to review"), "warning"))
        if exhibitor.featured:
            html = format_html("{}{}", html, badge(_("featured"), "info"))
        return html

    def review_approve(self, exhibitor, user):
        return services.exhibitor_approve(exhibitor=exhibitor, actor=user)

    def review_reject(self, exhibitor, user, reason):
        return services.exhibitor_reject(exhibitor=exhibitor, actor=user, reason=reason)

    @admin.action(
        description=gettext_lazy("Approve selected exhibitors (and their pending changes)"),
        permissions=["change"],
    )
    def approve(self, request, queryset):
        return run_review(self, request, queryset, approve=self.review_approve)

    @admin.action(
        description=gettext_lazy("Reject selected exhibitors or their changes, with a reason…"),
        permissions=["change"],
    )
    def reject(self, request, queryset):
        return run_review(
            self,
            request,
            queryset,
            reject=self.review_reject,
            describe=lambda exhibitor: self.review_context(exhibitor)["diff"],
        )

    @admin.action(description=gettext_lazy("Feature selected exhibitors"), permissions=["change"])
    def feature(self, request, queryset):
        count = services.exhibitors_set_featured(
            exhibitors=queryset, featured=True, actor=request.user
        )
        self.message_user(request, _("Featured %(count)d exhibitor(s).") % {"count": count})

    @admin.action(
        description=gettext_lazy("Stop featuring selected exhibitors"), permissions=["change"]
    )
    def unfeature(self, request, queryset):
        count = services.exhibitors_set_featured(
            exhibitors=queryset, featured=False, actor=request.user
        )
        self.message_user(
            request, _("Stopped featuring %(count)d exhibitor(s).") % {"count": count}
        )
