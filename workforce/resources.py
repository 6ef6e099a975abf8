"""Spreadsheet import and export of readiness figures (django-import-export).

A row is one occupation (by slug), one destination country (ISO code), one date and its
two figures; it is matched on those three keys, so importing a file twice changes
nothing, and next month's report adds new dated rows beside the old ones.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from common.spreadsheets import LookupWidget, SafeExportMixin

from .models import Occupation, ReadinessFigure


class CountryCodeWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return str(value or "").strip().upper()

    def render(self, value, obj=None, **kwargs):
        return str(getattr(value, "code", value) or "")


class ReadinessFigureResource(SafeExportMixin, resources.ModelResource):
    occupation = fields.Field(
        attribute="occupation",
        column_name="occupation",
        widget=LookupWidget(Occupation, "slug", _("No occupation has the slug “%(value)s”.")),
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryCodeWidget())

    class Meta:
        model = ReadinessFigure
        name = _("Readiness figures (matched by occupation, country and date)")
        import_id_fields = ("occupation", "country", "as_of")
        fields = ("occupation", "country", "as_of", "in_training", "certified", "source")
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return ReadinessFigure.objects.select_related("occupation")
