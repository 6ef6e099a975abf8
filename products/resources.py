"""Spreadsheet import and export of products (django-import-export).

A row is matched to an existing product by its slug; the business is named by its
NIB or slug, the category by its slug. Importing the same file twice changes
nothing the second time.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from booths.models import Exhibitor
from common.spreadsheets import CodeListWidget, LookupWidget, SafeExportMixin

from .models import Category, Product
from .proposals import REVIEWED_FIELDS


class ExhibitorKeyWidget(LookupWidget):
    """The business by its 13-digit NIB or, failing that, by its slug."""

    def __init__(self):
        super().__init__(
            Exhibitor,
            "slug",
            _("No exhibitor has the NIB or slug “%(value)s”. Import the exhibitors first."),
        )

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value)).zfill(13)
        if text.isdigit():
            found = Exhibitor.objects.filter(nib=text).first()
            if found:
                return found
        return super().clean(text, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.nib or value.slug


class YesNoWidget(widgets.BooleanWidget):
    """Yes or no (also 1/0, true/false, ya/tidak); an empty cell is no."""

    TRUE_TEXT = {"1", "true", "yes", "y", "ya"}
    FALSE_TEXT = {"", "0", "false", "no", "n", "tidak"}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool | int | float):
            return bool(value)
        text = str(value).strip().lower()
        if text in self.TRUE_TEXT:
            return True
        if text in self.FALSE_TEXT:
            return False
        raise ValueError(_("Write yes or no, not “%(value)s”.") % {"value": value})


class ProductResource(SafeExportMixin, resources.ModelResource):
    exhibitor = fields.Field(
        attribute="exhibitor", column_name="exhibitor", widget=ExhibitorKeyWidget()
    )
    category = fields.Field(
        attribute="category",
        column_name="category",
        widget=LookupWidget(Category, "slug", _("No category has the slug “%(value)s”.")),
    )
    incoterms = fields.Field(
        attribute="incoterms", column_name="incoterms", widget=CodeListWidget()
    )
    custom_orders = fields.Field(
        attribute="custom_orders", column_name="custom_orders", widget=YesNoWidget()
    )

    class Meta:
        model = Product
        name = _("Products (matched by slug)")
        import_id_fields = ("slug",)
        fields = ("slug", "exhibitor", *REVIEWED_FIELDS)
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Product.objects.select_related("exhibitor", "category")

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            if instance.pk is None:
                instance.created_by = user
            instance.updated_by = user
