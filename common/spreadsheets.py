"""Spreadsheet exports that cannot run code when opened.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be
read as a formula by Excel, LibreOffice or Google Sheets ("CSV injection"). Every
export of the portal passes its cells through :func:`neutralise_formula`, here and
nowhere else: the admin's CSV/XLSX exports through :class:`SafeExportMixin`, the
staff pages' CSV downloads through :func:`csv_response`.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

import defusedcsv.csv as defused_csv
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.formats import base_formats

JAKARTA = ZoneInfo("Asia/Jakarta")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain (signed) number cannot run anything, so "-12.50" and "+62812..." stay as they are.
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9][0-9,.]*$")


def neutralise_formula(value):
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_NUMBER.match(value):
        return value
    return "'" + value


class SafeExportMixin:
    """For import-export resources: every exported cell goes through neutralise_formula."""

    def export_field(self, field, instance, **kwargs):
        return neutralise_formula(super().export_field(field, instance, **kwargs))

    def get_export_headers(self, selected_fields=None):
        return [
            neutralise_formula(header)
            for header in super().get_export_headers(selected_fields=selected_fields)
        ]


class ReadableHeadersMixin:
    """For export-only resources: headers in sentence case ("Contact name").

    Not for the exhibitor and product files, whose headers are the import's field names.
    """

    def get_export_headers(self, selected_fields=None):
        return [
            capfirst(header)
            for header in super().get_export_headers(selected_fields=selected_fields)
        ]


class JakartaDateTimeWidget(widgets.Widget):
    """A moment as the booth reads it: Jakarta time, to the second (2024-10-09 14:05:31).

    A real date and time in XLSX, text in CSV; stored times are UTC with microseconds.
    """

    def render(self, value, obj=None, **kwargs):
        if not isinstance(value, datetime.datetime):
            return ""
        if timezone.is_aware(value):
            value = value.astimezone(JAKARTA)
        value = value.replace(microsecond=0, tzinfo=None)
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%Y-%m-%d %H:%M:%S")


class SpreadsheetFormatsMixin:
    """For import-export admins: CSV and XLSX only, and all-or-nothing imports."""

    # What the exported file is called, before its date; the model's plural name if empty.
    export_file_name = ""

    def get_export_filename(self, request, queryset, file_format):
        """``leads-2024-10-09.xlsx``: what it holds and the day in Jakarta."""
        name = slugify(str(self.export_file_name or self.model._meta.verbose_name_plural))
        day = timezone.now().astimezone(JAKARTA).date()
        return f"{name}-{day:%Y-%m-%d}.{file_format.get_extension()}"

    @property
    def import_formats(self):
        return [base_formats.CSV, base_formats.XLSX]

    @property
    def export_formats(self):
        return [base_formats.CSV, base_formats.XLSX]

    def get_import_data_kwargs(self, **kwargs):
        # One bad row and nothing of the file is kept, even if the data changed
        # between the preview and the confirmation.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            rows = [number for number, _errors in result.row_errors()] + [
                row.number for row in result.invalid_rows
            ]
            messages.error(
                request,
                _(
                    "Nothing was imported: the file has errors (in row %(rows)s). "
                    "Import it again to see them."
                )
                % {"rows": ", ".join(str(number) for number in sorted(rows))},
            )
            return HttpResponseRedirect(request.path.replace("process_import/", "import/"))
        return super().process_result(result, request)


class CodeListWidget(widgets.Widget):
    """A list of codes in one cell, e.g. ``EXW, FOB`` or ``JP, KR``; upper-cased, no blanks."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return []
        return [code.strip().upper() for code in str(value).split(",") if code.strip()]

    def render(self, value, obj=None, **kwargs):
        return ", ".join(str(getattr(code, "code", code)) for code in value or [])


class DigitsWidget(widgets.CharWidget):
    """An identifier made of digits (an NIB) that a spreadsheet may have turned into a number."""

    def __init__(self, length: int, **kwargs):
        self.length = length
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            return str(value).zfill(self.length)
        # No identifier is "none yet" (NULL), which unique constraints do not count.
        return super().clean(value, row, **kwargs).strip() or None


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key by a readable key; an unknown key is a clear row error, not a crash."""

    def __init__(self, model, field, message, **kwargs):
        self.message = message
        super().__init__(model, field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = "" if value is None else str(value).strip()
        if not value:
            return None
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(self.message % {"value": value}) from None


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download written by defusedcsv, with the portal's own neutralising first."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark so Excel reads the file as UTF-8 (names such as "Café").
    response.write("\ufeff")
    writer = defused_csv.writer(response)
    writer.writerow([neutralise_formula(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([neutralise_formula(cell) for cell in row])
    return response
