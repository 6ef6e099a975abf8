from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from booths.choices import Province
from common.admin_helpers import (
    AdminStyles,
    AuditedAdminMixin,
    CardPrintingMixin,
    PendingChangesFilter,
    PublicContentAdmin,
    ReviewAdminMixin,
    badge,
    present_choices_filter,
    review_badge,
    run_review,
    thumbnail,
)
from common.choices import ChangeRequestStatus
from common.spreadsheets import SpreadsheetFormatsMixin
from common.uploads import ADMIN_IMAGE_FIELD

from . import services
from .choices import Incoterm
from .models import (
    Category,
    Certification,
    Product,
    ProductChangeRequest,
    ProductImage,
)
from .proposals import REVIEWED_GROUPS
from .resources import ProductResource


class ProductImageInline(TranslationTabularInline):
    model = ProductImage
    extra = 0
    fields = ("image", "alt_text", "position")
    # Checked and re-encoded like the owners' photos.
    formfield_overrides = {models.ImageField: ADMIN_IMAGE_FIELD}


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


def diff_table(change_request):
    rows = services.change_request_diff(change_request)
    if not rows:
        return "—"
    body = format_html_join(
        "",
        "<tr><th scope='row'>{}</th><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
        ((str(row.label).capitalize(), row.before, row.after) for row in rows),
    )
    return format_html(
        "<table class='expo-diff'><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th>"
        "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
        _("Field"),
        _("Approved"),
        _("Proposed"),
        body,
    )


class ChangeRequestInline(admin.TabularInline):
    """The product's review history: every set of changes its owners proposed."""

    model = ProductChangeRequest
    extra = 0
    can_delete = False
    fields = ("submitted_at", "submitted_by", "status", "changes_table", "reviewed_by", "reason")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Changes proposed by the owners")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("product", "submitted_by", "reviewed_by")
        )

    @admin.display(description=gettext_lazy("changes"))
    def changes_table(self, change_request):
        return diff_table(change_request)


class ProductAdminForm(forms.ModelForm):
    """Incoterms as checkboxes; the admin's fieldsets choose the other fields."""

    incoterms = forms.MultipleChoiceField(
        choices=Incoterm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class MainCategoryFilter(admin.SimpleListFilter):
    """Main categories, each with its subcategories."""

    title = gettext_lazy("category")
    parameter_name = "main_category"

    def lookups(self, request, model_admin):
        return [(str(c.pk), c.name) for c in Category.objects.top_level().order_by("position")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(category_id=self.value()) | Q(category__parent_id=self.value())
            )
        return queryset


@admin.register(Category)
class CategoryAdmin(PublicContentAdmin, TranslationAdmin):
    list_display = ("name", "parent", "position")
    list_filter = ("parent",)
    list_select_related = ("parent",)
    search_fields = ("name_en", "name_ind", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("parent",)


@admin.register(Product)
class ProductAdmin(
    PublicContentAdmin,
    ReviewAdminMixin,
    SpreadsheetFormatsMixin,
    ImportExportMixin,
    CardPrintingMixin,
    AuditedAdminMixin,
    TranslationAdmin,
):
    form = ProductAdminForm
    resource_classes = [ProductResource]
    card_parameter = "product"
    list_display = ("photo", "name", "exhibitor", "category_name", "price", "min_order", "status")
    list_display_links = ("photo", "name")
    list_filter = (
        "review_status",
        PendingChangesFilter,
        "featured",
        "is_archived",
        MainCategoryFilter,
        present_choices_filter(
            "exhibitor__province", gettext_lazy("province of the MSME"), Province.choices
        ),
        "currency",
        "created_at",
    )
    list_select_related = ("exhibitor", "category", "category__parent")
    search_fields = ("name_en", "name_ind", "slug", "hs_code", "exhibitor__name", "exhibitor__nib")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("exhibitor", "category")
    # The review moves through the services alone (the list actions, the buttons on this page).
    readonly_fields = (
        "review_status",
        "rejection_reason",
        "created_at",
        "updated_at",
        "reviewed_at",
        "published_at",
        "created_by",
        "updated_by",
    )
    inlines = [ProductImageInline, CertificationInline, ChangeRequestInline]
    actions = ["approve", "reject", "feature", "unfeature", "print_cards"]
    list_per_page = 50
    review_diff = staticmethod(services.change_request_diff)

    Media = AdminStyles

    def get_queryset(self, request):
        pending = ProductChangeRequest.objects.filter(
            product=OuterRef("pk"), status=ChangeRequestStatus.PENDING
        )
        return (
            super()
            .get_queryset(request)
            .annotate(has_pending_changes=Exists(pending))
            .prefetch_related(
                Prefetch(
                    "images",
                    queryset=ProductImage.objects.order_by("position", "id"),
                    to_attr="admin_images",
                )
            )
        )

    fieldsets = (
        (None, {"fields": ("exhibitor", "slug")}),
        *((title, {"fields": names}) for title, names in REVIEWED_GROUPS),
        (
            gettext_lazy("Review and staff only"),
            {
                "fields": (
                    "review_status",
                    "rejection_reason",
                    "featured",
                    "is_archived",
                    "reviewed_at",
                    "published_at",
                    "created_at",
                    "updated_at",
                    "created_by",
                    "updated_by",
                )
            },
        ),
    )

    @admin.display(description=gettext_lazy("photo"))
    def photo(self, product):
        images = getattr(product, "admin_images", None) or []
        if not images:
            return thumbnail("")
        image = images[0]
        best = image.best(96) if hasattr(image, "best") else None
        return thumbnail(best[0] if best else image.image.url, "")

    @admin.display(description=gettext_lazy("price per unit"), ordering="price_min_usd")
    def price(self, product):
        if product.price_min is None and product.price_max is None:
            return "—"
        places = 0 if product.currency == "IDR" else 2
        low, high = (
            number_format(price, decimal_pos=places, force_grouping=True)
            for price in (
                product.price_min if product.price_min is not None else product.price_max,
                product.price_max if product.price_max is not None else product.price_min,
            )
        )
        return f"{product.currency} {low}" if low == high else f"{product.currency} {low}–{high}"

    @admin.display(description=gettext_lazy("category"), ordering="category__name")
    def category_name(self, product):
        return product.category.name

    @admin.display(description=gettext_lazy("MOQ"), ordering="moq")
    def min_order(self, product):
        return f"{product.moq} {product.get_unit_display()}"

    @admin.display(description=gettext_lazy("review status"), ordering="review_status")
    def status(self, product):
        html = review_badge(product)
        if product.has_pending_changes:
            html = format_html("{}{}", html, badge(_("changes to review"), "warning"))
        if product.featured:
            html = format_html("{}{}", html, badge(_("featured"), "info"))
        if product.is_archived:
            html = format_html("{}{}", html, badge(_("archived"), "muted"))
        return html

    def review_approve(self, product, user):
        return services.product_approve(product=product, actor=user)

    def review_reject(self, product, user, reason):
        return services.product_reject(product=product, actor=user, reason=reason)

    @admin.action(
        description=gettext_lazy("Approve selected products (and their pending changes)"),
        permissions=["change"],
    )
    def approve(self, request, queryset):
        return run_review(self, request, queryset, approve=self.review_approve)

    @admin.action(
        description=gettext_lazy("Reject selected products or their changes, with a reason…"),
        permissions=["change"],
    )
    def reject(self, request, queryset):
        return run_review(
            self,
            request,
            queryset,
            reject=self.review_reject,
            describe=lambda product: self.review_context(product)["diff"],
        )

    @admin.action(description=gettext_lazy("Feature selected products"), permissions=["change"])
    def feature(self, request, queryset):
        count = services.products_set_featured(products=queryset, featured=True, actor=request.user)
        self.message_user(request, _("Featured %(count)d product(s).") % {"count": count})

    @admin.action(
        description=gettext_lazy("Stop featuring selected products"), permissions=["change"]
    )
    def unfeature(self, request, queryset):
        count = services.products_set_featured(
            products=queryset, featured=False, actor=request.user
        )
        self.message_user(request, _("Stopped featuring %(count)d product(s).") % {"count": count})
