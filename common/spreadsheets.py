"""Spreadsheet exports that cannot run code when opened.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be
read as a formula by Excel, LibreOffice or Google Sheets ("CSV injection"). Every
export of the portal passes its cells through :func:`neutralise_formula`, here and
nowhere else: the admin's CSV/XLSX exports through :class:`SafeExportMixin`, the
staff pages' CSV downloads through :func:`csv_response`.
"""

import re
from collections.abc import Iterable, Sequence

import defusedcsv.csv as defused_csv
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.formats import base_formats

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


class SpreadsheetFormatsMixin:
    """For import-export admins: CSV and XLSX only, and all-or-nothing imports."""

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
