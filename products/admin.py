from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .choices import Incoterm
from .models import Category, Certification, Product, ProductImage


class ProductImageInline(TranslationTabularInline):
    model = ProductImage
    extra = 0
    fields = ("image", "alt_text", "position")


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class ProductAdminForm(forms.ModelForm):
    incoterms = forms.MultipleChoiceField(
        choices=Incoterm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Product
        fields = ["incoterms"]


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("name", "parent", "position")
    list_filter = ("parent",)
    search_fields = ("name_en", "name_ind", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("parent",)


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    form = ProductAdminForm
    list_display = (
        "name",
        "exhibitor",
        "category",
        "price_min",
        "price_max",
        "currency",
        "moq",
        "review_status",
        "featured",
        "is_archived",
    )
    list_filter = ("review_status", "featured", "is_archived", "category", "currency")
    list_select_related = ("exhibitor", "category", "category__parent")
    search_fields = ("name_en", "name_ind", "slug", "hs_code", "exhibitor__name")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("exhibitor", "category")
    readonly_fields = (
        "created_at",
        "updated_at",
        "reviewed_at",
        "published_at",
        "created_by",
        "updated_by",
    )
    inlines = [ProductImageInline, CertificationInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
