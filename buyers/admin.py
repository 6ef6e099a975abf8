from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Buyer, Delegate, ExpressionOfInterest, LeadEvent


class LeadEventInline(admin.TabularInline):
    model = LeadEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "from_status", "to_status", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class BuyerLeadInline(admin.TabularInline):
    model = ExpressionOfInterest
    fk_name = "buyer"
    extra = 0
    can_delete = False
    fields = ("reference", "exhibitor", "product", "status", "created_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    list_display = ("name", "company", "email", "country", "buyer_type", "created_at")
    list_filter = ("buyer_type", "country", "share_with_exhibitors")
    search_fields = ("name", "company", "email")
    filter_horizontal = ("interests",)
    readonly_fields = ("created_at", "updated_at", "consented_at", "consent_version")
    inlines = [BuyerLeadInline]


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ("name", "institution", "delegate_type", "country", "email", "created_at")
    list_filter = ("delegate_type", "country")
    search_fields = ("name", "institution", "email")
    readonly_fields = ("created_at", "updated_at", "consented_at", "consent_version")


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "kind",
        "contact_name",
        "exhibitor",
        "product",
        "status",
        "source",
        "estimated_value_usd",
        "created_at",
    )
    list_filter = ("status", "kind", "source", "expo", "created_at")
    list_select_related = ("buyer", "delegate", "exhibitor", "product")
    search_fields = (
        "reference",
        "inquiry_reference",
        "buyer__name",
        "buyer__email",
        "buyer__company",
        "delegate__name",
        "delegate__email",
        "delegate__institution",
    )
    autocomplete_fields = ("buyer", "delegate", "exhibitor", "product", "assigned_to")
    date_hierarchy = "created_at"
    readonly_fields = ("reference", "created_at", "updated_at", "last_activity_at")
    inlines = [LeadEventInline]

    @admin.display(description=_("contact"))
    def contact_name(self, lead):
        contact = lead.contact
        return contact.name if contact else ""
