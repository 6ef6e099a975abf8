"""The expo report: the results of one expo and date range as a PDF or an XLSX file.

What the agency sends upward after an expo: the headline figures (buyers met, leads,
meetings held, potential, agreed and realised value, placement demand), every table of
``results.all_tables`` with its chart, and the stories of the MSMEs behind the largest
deals. The tables come from ``all_tables`` as they are, so a table added there appears
in both files. Like the results page, the report costs a fixed number of queries.
"""

import datetime
import functools
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.staticfiles import finders
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from booths.models import Exhibitor
from common.money import Currency, convert
from common.spreadsheets import neutralise_formula
from deals.models import amount_usd_expression

from . import charts
from .results import Period, Table, all_tables

# The MSMEs whose stories the report tells: the largest agreed value first.
TOP_STORIES = 5
DEALS_PER_STORY = 3
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31


def results_figures(tables: dict[str, Table]) -> dict:
    """The headline figures of the results tables, by name: counts, and amounts in USD
    with their rupiah at the reporting rate. Potential, agreed and realised each come
    from their own table and are never added together."""
    visitors = tables["visitors-by-country"]
    per_day = tables["leads-per-day"].rows
    value = tables["transaction-value"].rows
    deals = tables["deal-value"].rows
    meetings = tables["meetings-held"].rows
    placement = tables["placement-demand"].rows
    figures = {
        "buyers": sum(row[1] for row in visitors.rows),
        "delegates": sum(row[2] for row in visitors.rows),
        "countries": len(visitors.rows),
        "trade_leads": sum(row[1] for row in per_day),
        "placement_leads": sum(row[2] for row in per_day),
        "msmes": len(tables["leads-per-msme"].rows),
        "meetings_msmes": sum(row[1] for row in meetings),
        "meetings_agency": sum(row[2] for row in meetings),
        "potential": value[0][2],
        "agreed": value[1][2],
        "agreed_deals": deals[1][2],
        "agreed_deal_count": deals[1][1],
        "realised": deals[2][2],
        "realised_deal_count": deals[2][1],
        "workers": sum(row[3] or 0 for row in placement),
        "placement_countries": len({row[0] for row in placement}),
    }
    figures["meetings"] = figures["meetings_msmes"] + figures["meetings_agency"]
    for name in ("potential", "agreed", "agreed_deals", "realised"):
        figures[f"{name}_idr"] = convert(figures[name], Currency.USD, Currency.IDR)
    return figures


@dataclass
class Figure:
    label: str
    value: int | Decimal
    # An amount is in USD and shown with its rupiah; a count has no currency.
    money: bool = False

    @property
    def idr(self) -> Decimal | None:
        return convert(self.value, Currency.USD, Currency.IDR) if self.money else None


@dataclass
class FigureGroup:
    title: str
    figures: list[Figure]


@dataclass
class Story:
    """An MSME behind the largest deals, its founder's story and its largest deals."""

    exhibitor: Exhibitor
    agreed: Decimal
    realised: Decimal
    deal_count: int
    deals: list = field(default_factory=list)


@dataclass
class Report:
    period: Period
    tables: dict[str, Table]
    charts: dict
    headline: list[FigureGroup]
    stories: list[Story]
    made_at: datetime.datetime
    rate: Decimal

    @property
    def overview(self):
        """The charts of the overview page, with their titles."""
        return [
            (_("Buyers and delegates met, by country"), self.charts["visitors-by-country"]),
            (_("Potential, agreed and realised (USD)"), self.charts["deal-value"]),
            (_("Workers asked for by country"), self.charts["workers-by-country"]),
            (_("Workers asked for by sector"), self.charts["placement-demand"]),
        ]

    @property
    def sections(self) -> list["Section"]:
        """Every table with its chart, in the order of ``all_tables``. Days without any
        figure are left out of the PDF's tables of days (a year of follow-up would fill
        pages with zeros); the spreadsheet keeps every row."""
        sections = []
        for key, table in self.tables.items():
            rows = [row for row in table.rows if not _empty_day(row, table.labels)]
            sections.append(Section(table, self.charts.get(key), rows, len(table.rows) - len(rows)))
        return sections


@dataclass
class Section:
    table: Table
    chart: object
    rows: list
    left_out: int


def _empty_day(row, labels: int) -> bool:
    return isinstance(row[0], datetime.date) and not any(row[labels:])


def _headline(figures: dict) -> list[FigureGroup]:
    return [
        FigureGroup(
            _("Buyers and leads"),
            [
                Figure(_("Buyers met"), figures["buyers"]),
                Figure(_("Countries of buyers and delegates"), figures["countries"]),
                Figure(_("Delegates met"), figures["delegates"]),
                Figure(_("Trade inquiries"), figures["trade_leads"]),
                Figure(_("MSMEs with leads"), figures["msmes"]),
                Figure(_("Meetings held"), figures["meetings"]),
            ],
        ),
        FigureGroup(
            _("Transaction value"),
            [
                Figure(_("Potential (lead estimates)"), figures["potential"], money=True),
                Figure(_("Agreed (deals agreed)"), figures["agreed_deals"], money=True),
                Figure(_("Realised (verified deals)"), figures["realised"], money=True),
                Figure(_("Deals agreed"), figures["agreed_deal_count"]),
                Figure(_("Deals realised"), figures["realised_deal_count"]),
            ],
        ),
        FigureGroup(
            _("Placement cooperation"),
            [
                Figure(_("Placement inquiries"), figures["placement_leads"]),
                Figure(_("Workers asked for"), figures["workers"]),
                Figure(_("Countries asking for workers"), figures["placement_countries"]),
            ],
        ),
    ]


def _stories(period: Period) -> list[Story]:
    """The MSMEs with the largest agreed value, in three queries whatever the deals."""
    amount = amount_usd_expression()
    deals = period.agreed_deals().filter(lead__exhibitor__isnull=False)
    top = list(
        deals.values("lead__exhibitor")
        .annotate(
            agreed=Sum(amount),
            realised=Sum(amount, filter=Q(verified_at__isnull=False)),
            deal_count=Count("pk"),
        )
        .order_by("-agreed", "lead__exhibitor")[:TOP_STORIES]
    )
    if not top:
        return []
    ids = [row["lead__exhibitor"] for row in top]
    exhibitors = Exhibitor.objects.in_bulk(ids)
    largest = (
        deals.filter(lead__exhibitor__in=ids)
        .annotate(
            usd=amount,
            rank=Window(
                RowNumber(),
                partition_by=F("lead__exhibitor"),
                order_by=[F("usd").desc(), F("pk").asc()],
            ),
        )
        .filter(rank__lte=DEALS_PER_STORY)
        .select_related("lead__buyer", "lead__product")
        .order_by("lead__exhibitor", "rank")
    )
    stories = {
        row["lead__exhibitor"]: Story(
            exhibitor=exhibitors[row["lead__exhibitor"]],
            agreed=_cents(row["agreed"]),
            realised=_cents(row["realised"]),
            deal_count=row["deal_count"],
        )
        for row in top
    }
    for deal in largest:
        deal.usd = _cents(deal.usd)
        stories[deal.lead.exhibitor_id].deals.append(deal)
    return [stories[pk] for pk in ids]


def _cents(value) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.01"))


def report_build(period: Period) -> Report:
    """Everything the report shows, read from the database once."""
    tables = all_tables(period)
    figures = results_figures(tables)
    report_charts = charts.results_charts(tables)
    placement_rows = tables["placement-demand"].rows
    report_charts["workers-by-country"] = charts.horizontal_bars(
        _("Workers asked for by country"),
        charts.sum_by(placement_rows, label=0, value=3),
        label=0,
        values=[1],
    )
    return Report(
        period=period,
        tables=tables,
        charts=report_charts,
        headline=_headline(figures),
        stories=_stories(period),
        made_at=timezone.localtime(),
        rate=convert(Decimal(1), Currency.USD, Currency.IDR),
    )


def report_filename(report: Report, extension: str, language: str) -> str:
    period = report.period
    return (
        f"{period.expo.slug}-report-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        f"-{language}.{extension}"
    )


# --- PDF ------------------------------------------------------------------------------


def _fetch_nothing(url, *args, **kwargs):
    """The report is drawn from its own HTML and stylesheet alone: no image, font or
    stylesheet is ever fetched, from the network or the disk, whatever a text holds."""
    raise ValueError(f"The report fetches nothing ({url}).")


# WeasyPrint is imported when a PDF is made: it loads Pango, which no other page needs.
@functools.cache
def _stylesheet():
    from common.pdf import CSS

    return CSS(filename=finders.find("backoffice/report.css"), url_fetcher=_fetch_nothing)


def report_pdf(report: Report) -> bytes:
    """The report as an A4 PDF in the active language."""
    from common.pdf import HTML

    html = render_to_string("backoffice/report/report.html", {"report": report})
    document = HTML(string=html, url_fetcher=_fetch_nothing)
    return document.write_pdf(stylesheets=[_stylesheet()])


# --- XLSX -----------------------------------------------------------------------------

USD_FORMAT = "#,##0.00"
IDR_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_title(title: str, taken: set) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = " ".join(str(title).translate(_SHEET_FORBIDDEN).split())
    if len(base) > SHEET_TITLE_LENGTH:
        # Cut at a word where one ends early enough, not in the middle of one.
        words = base[: SHEET_TITLE_LENGTH + 1].rsplit(" ", 1)
        cut = words[0].rstrip(",;") if len(words) == 2 else ""
        base = cut if len(cut) >= SHEET_TITLE_LENGTH // 2 else base[:SHEET_TITLE_LENGTH]
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name = base[: SHEET_TITLE_LENGTH - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(name.lower())
    return name


def _cell(value):
    """Numbers and dates stay numbers and dates; text cannot run as a formula."""
    if isinstance(value, str):
        return neutralise_formula(value)
    if value is None or isinstance(value, int | Decimal | datetime.date):
        return value
    return neutralise_formula(str(value))


def _header(sheet, titles):
    sheet.append([_cell(str(title)) for title in titles])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _widths(sheet, widths):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def report_xlsx(report: Report) -> bytes:
    """One sheet of headline figures, then one sheet per results table. Amounts in USD
    are followed by their rupiah at the reporting rate, as in the tables' CSV files."""
    book = Workbook()
    taken: set[str] = set()
    sheet = book.active
    sheet.title = _sheet_title(_("Headline figures"), taken)
    _header(sheet, [_("Section"), _("Figure"), _("Value"), _("Unit")])
    for group in report.headline:
        for figure in group.figures:
            if figure.money:
                for currency, value in ((Currency.USD, figure.value), (Currency.IDR, figure.idr)):
                    sheet.append([_cell(group.title), _cell(figure.label), value, currency.value])
                    number_format = USD_FORMAT if currency == Currency.USD else IDR_FORMAT
                    sheet.cell(sheet.max_row, 3).number_format = number_format
            else:
                sheet.append([_cell(group.title), _cell(figure.label), figure.value, None])
                sheet.cell(sheet.max_row, 3).number_format = IDR_FORMAT
    _widths(sheet, [28, 40, 20, 8])

    for table in report.tables.values():
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        _header(sheet, table.csv_header())
        formats = []
        for index in range(len(table.columns)):
            formats.append(None)
            if index in table.money_columns:
                formats[-1] = USD_FORMAT
                formats.append(IDR_FORMAT)
        for row in table.rows:
            cells = []
            for index, value in enumerate(row):
                cells.append(_cell(value))
                if index in table.money_columns:
                    idr = convert(value, Currency.USD, Currency.IDR) if value is not None else None
                    cells.append(idr)
            sheet.append(cells)
            for column, number_format in enumerate(formats, start=1):
                cell = sheet.cell(sheet.max_row, column)
                if isinstance(cell.value, datetime.date):
                    cell.number_format = DATE_FORMAT
                elif number_format:
                    cell.number_format = number_format
        _widths(sheet, [34 if index < table.labels else 18 for index in range(len(formats))])

    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
