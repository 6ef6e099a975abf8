"""Bar charts as plain geometry, drawn as SVG by templates/backoffice/partials/*.svg.

No chart library: a dashboard of counts needs bars, labels and a legend, and
server-rendered SVG prints, scales and works without JavaScript. Colours come from
CSS classes (``chart-series-1`` ...), never from style attributes.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

WIDTH = 480
LABEL_WIDTH = 160
VALUE_GAP = 6
CHAR_WIDTH = 7.5  # of a digit at the chart's font size, to leave room for the value
ROW_HEIGHT = 26
BAR_HEIGHT = 16
MAX_BARS = 12
MAX_COLUMN_WIDTH = 48
LABEL_CHARS = 20


@dataclass
class Segment:
    x: float
    width: float
    series: int


@dataclass
class Bar:
    label: str
    short_label: str
    y: float
    text_y: float
    value_text: str
    value_x: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class HorizontalBarChart:
    template = "backoffice/partials/hbar_chart.html"

    title: str
    width: int
    height: int
    label_x: int
    bars: list[Bar]
    legend: list[tuple[int, str]]
    hidden_rows: int


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def horizontal_bars(
    title, rows, *, label, values, legend=(), max_bars=MAX_BARS, value_format=None
) -> HorizontalBarChart:
    """Stacked horizontal bars: ``label`` and each of ``values`` are column indexes of ``rows``."""
    shown = [row for row in rows if sum(row[index] or 0 for index in values) > 0][:max_bars]
    hidden = len([row for row in rows if sum(row[index] or 0 for index in values) > 0]) - len(shown)
    largest = max((sum(row[i] or 0 for i in values) for row in shown), default=0)

    def value_text(total):
        return value_format(total) if value_format else number_format(total, force_grouping=True)

    longest = max((len(value_text(sum(row[i] or 0 for i in values))) for row in shown), default=0)
    area = WIDTH - LABEL_WIDTH - VALUE_GAP * 2 - longest * CHAR_WIDTH
    bars = []
    for position, row in enumerate(shown):
        x = float(LABEL_WIDTH)
        segments = []
        for series, index in enumerate(values, start=1):
            width = area * float(row[index] or 0) / float(largest) if largest else 0
            if width:
                segments.append(
                    Segment(x=round(x, 1), width=round(max(width, 1.5), 1), series=series)
                )
            x += width
        total = sum(row[i] or 0 for i in values)
        bars.append(
            Bar(
                label=str(row[label]),
                short_label=_shorten(row[label]),
                y=position * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=position * ROW_HEIGHT + ROW_HEIGHT / 2,
                value_text=value_text(total),
                value_x=round(x + VALUE_GAP, 1),
                segments=segments,
            )
        )
    return HorizontalBarChart(
        title=str(title),
        width=WIDTH,
        height=max(len(bars), 1) * ROW_HEIGHT,
        label_x=LABEL_WIDTH - VALUE_GAP,
        bars=bars,
        legend=[(series, str(name)) for series, name in enumerate(legend, start=1)],
        hidden_rows=hidden,
    )


@dataclass
class Column:
    label: str
    x: float
    width: float
    label_x: float
    show_label: bool
    value_text: str
    segments: list[tuple[float, float, int]]  # (y, height, series)


@dataclass
class ColumnChart:
    template = "backoffice/partials/column_chart.html"

    title: str
    width: int
    height: int
    plot_bottom: int
    columns: list[Column]
    legend: list[tuple[int, str]]
    gridlines: list[tuple[float, str]]


def day_columns(title, rows, *, values, legend=()) -> ColumnChart:
    """Stacked columns, one per day (``rows[i][0]`` is a date)."""
    height, top, bottom = 220, 10, 190
    left, right = 40, WIDTH - 10
    plot = bottom - top
    largest = max((sum(row[i] or 0 for i in values) for row in rows), default=0)
    scale_max = max(largest, 1)
    count = max(len(rows), 1)
    slot = (right - left) / count
    every = max(1, round(count / 10))
    columns = []
    for position, row in enumerate(rows):
        # A few days get columns of a sensible width, centred in their slot.
        width = min(slot * 0.7, MAX_COLUMN_WIDTH)
        x = left + position * slot + (slot - width) / 2
        y = float(bottom)
        segments = []
        for series, index in enumerate(values, start=1):
            h = plot * float(row[index] or 0) / scale_max
            if h:
                y -= h
                segments.append((round(y, 1), round(h, 1), series))
        total = sum(row[i] or 0 for i in values)
        columns.append(
            Column(
                label=date_format(row[0], "j M"),
                x=round(x, 1),
                width=round(width, 1),
                label_x=round(x + width / 2, 1),
                show_label=position % every == 0,
                value_text=number_format(total),
                segments=segments,
            )
        )
    gridlines = []
    if largest:
        for fraction in (0.5, 1):
            value = scale_max * fraction
            gridlines.append((round(bottom - plot * fraction, 1), number_format(round(value))))
    return ColumnChart(
        title=str(title),
        width=WIDTH,
        height=height,
        plot_bottom=bottom,
        columns=columns,
        legend=[(series, str(name)) for series, name in enumerate(legend, start=1)],
        gridlines=gridlines,
    )


def _usd(amount):
    return "USD " + number_format(amount or 0, decimal_pos=0, force_grouping=True)


def sum_by(rows, *, label, value):
    totals: dict[str, int] = {}
    for row in rows:
        totals[row[label]] = totals.get(row[label], 0) + (row[value] or 0)
    return sorted(([name, total] for name, total in totals.items()), key=lambda r: -r[1])


def results_charts(tables) -> dict:
    """The chart of each results table that has one, by the table's key
    (``backoffice.results.all_tables``): the results page and the expo report draw the same."""
    visitors = tables["visitors-by-country"]
    funnel = tables["pipeline-funnel"]
    value = tables["transaction-value"]
    potential, agreed = value.rows[0][2], value.rows[1][2]
    deals = tables["deal-value"]
    agreed_deals, realised = deals.rows[1][2], deals.rows[2][2]
    meetings = tables["meetings-held"]
    return {
        "visitors-by-country": horizontal_bars(
            visitors.title,
            visitors.rows,
            label=0,
            values=[1, 2],
            legend=visitors.columns[1:3],
        ),
        "leads-per-day": day_columns(
            tables["leads-per-day"].title,
            tables["leads-per-day"].rows,
            values=[1, 2],
            legend=tables["leads-per-day"].columns[1:3],
        ),
        "meetings-held": day_columns(
            meetings.title, meetings.rows, values=[1, 2], legend=meetings.columns[1:3]
        ),
        "leads-per-msme": horizontal_bars(
            tables["leads-per-msme"].title, tables["leads-per-msme"].rows, label=0, values=[2]
        ),
        "leads-per-category": horizontal_bars(
            tables["leads-per-category"].title,
            tables["leads-per-category"].rows,
            label=0,
            values=[1],
        ),
        "leads-per-province": horizontal_bars(
            tables["leads-per-province"].title,
            tables["leads-per-province"].rows,
            label=0,
            values=[2],
        ),
        "pipeline-funnel": horizontal_bars(funnel.title, funnel.rows[:-2], label=0, values=[1]),
        "placement-demand": horizontal_bars(
            tables["placement-demand"].title,
            sum_by(tables["placement-demand"].rows, label=1, value=3),
            label=0,
            values=[1],
        ),
        "transaction-value": horizontal_bars(
            value.title,
            [[_("Potential"), potential], [_("Agreed"), agreed]],
            label=0,
            values=[1],
            value_format=_usd,
        ),
        "deal-value": horizontal_bars(
            deals.title,
            [[_("Potential"), potential], [_("Agreed"), agreed_deals], [_("Realised"), realised]],
            label=0,
            values=[1],
            value_format=_usd,
        ),
    }
