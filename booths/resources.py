"""Spreadsheet import and export of exhibitors (django-import-export).

A row is matched to an existing exhibitor by its NIB, else by its slug, so
importing the same file twice changes nothing the second time.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from common.spreadsheets import CodeListWidget, DigitsWidget, SafeExportMixin

from .models import Exhibitor
from .services import OWNER_PROFILE_FIELDS


class ExhibitorResource(SafeExportMixin, resources.ModelResource):
    nib = fields.Field(attribute="nib", column_name="nib", widget=DigitsWidget(length=13))
    export_markets = fields.Field(
        attribute="export_markets", column_name="export_markets", widget=CodeListWidget()
    )

    class Meta:
        model = Exhibitor
        name = _("Exhibitors (matched by NIB, else slug)")
        import_id_fields = ("slug",)
        fields = ("nib", "slug", "name", *OWNER_PROFILE_FIELDS, "export_markets")
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_instance(self, instance_loader, row):
        nib = DigitsWidget(length=13).clean(row.get("nib"))
        if nib:
            found = Exhibitor.objects.filter(nib=nib).first()
            if found:
                return found
        slug = str(row.get("slug") or "").strip()
        return Exhibitor.objects.filter(slug=slug).first() if slug else None

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            if instance.pk is None:
                instance.created_by = user
            instance.updated_by = user
