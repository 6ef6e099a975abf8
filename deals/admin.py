"""Staff record deals for owners and verify them; every write goes through deals.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buyers.models import ExpressionOfInterest
from common.admin_helpers import AdminStyles
from common.documents import DocumentField

from . import services
from .models import Deal


class DealAdminForm(forms.ModelForm):
    class Meta:
        model = Deal
        fields = ("lead", *services.DEAL_FIELDS)
        field_classes = {"document": DocumentField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "lead" in self.fields:
            # Deals come from trade inquiries, not from placement cooperation.
            self.fields["lead"].queryset = ExpressionOfInterest.objects.trade()


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    form = DealAdminForm
    list_display = (
        "title",
        "lead",
        "business",
        "stage_label",
        "amount",
        "currency",
        "verified",
    )
    list_filter = (("verified_at", admin.EmptyFieldListFilter), "currency", "lead__expo")
    list_select_related = ("lead", "lead__exhibitor")
    search_fields = ("title", "lead__reference", "lead__exhibitor__name")
    autocomplete_fields = ("lead",)
    # The workflow (who recorded it, who verified it) is the services' to write.
    readonly_fields = (
        "document_link",
        "created_by",
        "created_at",
        "updated_at",
        "verified_by",
        "verified_at",
    )
    fieldsets = (
        (None, {"fields": ("lead", "title", "amount", "currency", "usd_idr_rate")}),
        (
            gettext_lazy("Stages"),
            {
                "fields": (
                    "sample_sent_on",
                    ("quoted_on", "quoted_amount"),
                    "agreement_signed_on",
                    "document",
                    "document_link",
                    "purchase_order_on",
                    ("shipped_on", "shipped_quantity", "unit"),
                    "paid_on",
                )
            },
        ),
        (gettext_lazy("Shipping"), {"fields": ("destination_country", "incoterm")}),
        (
            gettext_lazy("Record"),
            {"fields": ("created_by", "created_at", "updated_at", "verified_by", "verified_at")},
        ),
    )
    actions = ["verify"]

    Media = AdminStyles

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # A deal stays with the lead it was recorded on.
        return readonly if obj is None else ("lead", *readonly)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_verify_permission(self, request):
        return request.user.has_perm("deals.verify_deal")

    @admin.display(description=gettext_lazy("business"), ordering="lead__exhibitor__name")
    def business(self, deal):
        return deal.lead.exhibitor

    @admin.display(description=gettext_lazy("stage"))
    def stage_label(self, deal):
        return deal.stage or "–"

    @admin.display(description=gettext_lazy("verified"), boolean=True, ordering="verified_at")
    def verified(self, deal):
        return deal.is_verified

    @admin.display(description=gettext_lazy("signed agreement"))
    def document_link(self, deal):
        if not deal.pk or not deal.document:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("deals:document", args=[deal.pk]), _("Open")
        )

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name]
            for name in services.DEAL_FIELDS
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }
        if "document" in data and not data["document"]:
            data["document"] = ""
        if change:
            deal = services.deal_update(deal=obj, actor=request.user, **data)
        else:
            deal = services.deal_record(lead=form.cleaned_data["lead"], actor=request.user, **data)
        obj.pk = deal.pk
        obj._state.adding = False
        obj.refresh_from_db()

    @admin.action(description=gettext_lazy("Verify selected deals"), permissions=["verify"])
    def verify(self, request, queryset):
        verified, refused = 0, 0
        for deal in queryset:
            try:
                services.deal_verify(deal=deal, actor=request.user)
                verified += 1
            except ValidationError:
                refused += 1
        self.message_user(
            request,
            _(
                "%(verified)d deal(s) verified; %(refused)d without a signed agreement or an "
                "amount were left as they were."
            )
            % {"verified": verified, "refused": refused},
            messages.SUCCESS if not refused else messages.WARNING,
        )
