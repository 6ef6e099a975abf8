"""The figures staff report after an expo, aggregated in the database.

Every table is one query, whatever the number of leads: the dashboard costs the
same number of queries for ten leads and for ten thousand. A lead counts for an
expo when it is linked to that expo and was received between the first and the
last day of the range, both included, in Jakarta time. Spam never counts, except
in the funnel's own spam line.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from booths.choices import Province, Sector
from buyers.choices import LeadKind, LeadStatus
from buyers.models import ExpressionOfInterest
from common.money import Currency, convert
from deals.models import Deal

JAKARTA = ZoneInfo("Asia/Jakarta")

# The trade pipeline, in order; a lead has reached a stage once its history shows
# that stage or any later one (staff may skip a step).
FUNNEL_STAGES = (
    LeadStatus.NEW,
    LeadStatus.CONTACTED,
    LeadStatus.SAMPLE_SENT,
    LeadStatus.QUOTED,
    LeadStatus.AGREED,
    LeadStatus.SHIPPED,
)
AGREED_STATUSES = (LeadStatus.AGREED, LeadStatus.SHIPPED)


@dataclass(frozen=True)
class Period:
    expo: object
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> list[datetime.date]:
        return [
            self.start + datetime.timedelta(days=offset)
            for offset in range((self.end - self.start).days + 1)
        ]

    def received(self):
        """All leads of the expo received in the period, spam included."""
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=JAKARTA)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=JAKARTA
        )
        return ExpressionOfInterest.objects.filter(
            expo=self.expo, created_at__gte=start, created_at__lt=end
        )

    def leads(self):
        return self.received().exclude(status=LeadStatus.SPAM)


@dataclass
class Table:
    """One table of the dashboard: its columns, its rows, and the CSV file it downloads as."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]
    money_columns: set[int] = field(default_factory=set)
    # How many leading columns hold names rather than figures.
    labels: int = 1

    def csv_rows(self):
        """Rows for the CSV, each amount in USD followed by its value in IDR."""
        for row in self.rows:
            out = []
            for index, value in enumerate(row):
                out.append(_csv_value(value))
                if index in self.money_columns:
                    out.append(_csv_value(usd_to_idr(value)))
            yield out

    def csv_header(self):
        header = []
        for index, column in enumerate(self.columns):
            header.append(f"{column} (USD)" if index in self.money_columns else str(column))
            if index in self.money_columns:
                header.append(f"{column} (IDR)")
        return header


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def usd_to_idr(amount):
    return convert(amount, Currency.USD, Currency.IDR) if amount is not None else None


def _translated(row: dict, prefix: str) -> str:
    """Pick the category name of the active language from a values() row, with fallback."""
    language = "ind" if (get_language() or "en").startswith("id") else "en"
    other = "en" if language == "ind" else "ind"
    return row.get(f"{prefix}_{language}") or row.get(f"{prefix}_{other}") or ""


def visitors_by_country(period: Period) -> Table:
    rows = (
        period.leads()
        .annotate(country=Coalesce("buyer__country", "delegate__country"))
        .values("country")
        .annotate(
            buyers=Count("buyer", distinct=True),
            delegates=Count("delegate", distinct=True),
        )
        .order_by()
    )
    data = sorted(
        (
            [countries.name(row["country"]) or row["country"], row["buyers"], row["delegates"]]
            for row in rows
        ),
        key=lambda r: (-(r[1] + r[2]), r[0]),
    )
    return Table(
        key="visitors-by-country",
        title=_("Visitors by country"),
        columns=[_("Country"), _("Buyers"), _("Delegates")],
        rows=data,
    )


def leads_per_day(period: Period) -> Table:
    rows = (
        period.leads()
        .annotate(day=TruncDate("created_at", tzinfo=JAKARTA))
        .values("day")
        .annotate(
            trade=Count("id", filter=Q(kind=LeadKind.TRADE)),
            placement=Count("id", filter=Q(kind=LeadKind.PLACEMENT)),
        )
        .order_by("day")
    )
    by_day = {row["day"]: row for row in rows}
    data = []
    for day in period.days:
        row = by_day.get(day, {"trade": 0, "placement": 0})
        data.append([day, row["trade"], row["placement"]])
    return Table(
        key="leads-per-day",
        title=_("Leads per day"),
        columns=[_("Day"), _("Trade inquiries"), _("Placement inquiries")],
        rows=data,
    )


def _value_sums():
    return {
        "potential": Sum("estimated_value_usd", filter=~Q(status=LeadStatus.LOST)),
        "agreed": Sum("estimated_value_usd", filter=Q(status__in=AGREED_STATUSES)),
    }


def leads_per_msme(period: Period) -> Table:
    rows = (
        period.leads()
        .filter(kind=LeadKind.TRADE)
        .values("exhibitor_id", "exhibitor__name", "exhibitor__province")
        .annotate(leads=Count("id"), **_value_sums())
        .order_by("-leads", "exhibitor__name")
    )
    provinces = dict(Province.choices)
    return Table(
        key="leads-per-msme",
        title=_("Leads per MSME"),
        columns=[
            _("MSME"),
            _("Province"),
            _("Leads"),
            _("Potential value"),
            _("Agreed value"),
        ],
        rows=[
            [
                row["exhibitor__name"],
                str(provinces.get(row["exhibitor__province"], row["exhibitor__province"])),
                row["leads"],
                row["potential"] or Decimal("0.00"),
                row["agreed"] or Decimal("0.00"),
            ]
            for row in rows
        ],
        money_columns={3, 4},
        labels=2,
    )


def leads_per_category(period: Period) -> Table:
    rows = (
        period.leads()
        .filter(kind=LeadKind.TRADE)
        .annotate(
            main_id=Coalesce("product__category__parent_id", "product__category_id"),
            main_en=Coalesce("product__category__parent__name_en", "product__category__name_en"),
            main_ind=Coalesce("product__category__parent__name_ind", "product__category__name_ind"),
        )
        .values("main_id", "main_en", "main_ind")
        .annotate(leads=Count("id"), **_value_sums())
        .order_by("-leads", "main_en")
    )
    data = []
    for row in rows:
        name = _translated(row, "main") if row["main_id"] else _("No product named")
        data.append(
            [
                name,
                row["leads"],
                row["potential"] or Decimal("0.00"),
                row["agreed"] or Decimal("0.00"),
            ]
        )
    return Table(
        key="leads-per-category",
        title=_("Leads per product category"),
        columns=[_("Category"), _("Leads"), _("Potential value"), _("Agreed value")],
        rows=data,
        money_columns={2, 3},
    )


def leads_per_province(period: Period) -> Table:
    rows = (
        period.leads()
        .filter(kind=LeadKind.TRADE)
        .values("exhibitor__province")
        .annotate(leads=Count("id"), msmes=Count("exhibitor", distinct=True))
        .order_by("-leads", "exhibitor__province")
    )
    provinces = dict(Province.choices)
    return Table(
        key="leads-per-province",
        title=_("Leads per province of the MSME"),
        columns=[_("Province"), _("MSMEs with leads"), _("Leads")],
        rows=[
            [
                str(provinces.get(row["exhibitor__province"], row["exhibitor__province"])),
                row["msmes"],
                row["leads"],
            ]
            for row in rows
        ],
    )


def pipeline_funnel(period: Period) -> Table:
    """Trade leads that reached each stage, from their history; lost and spam alongside."""
    aggregates = {}
    for index, stage in enumerate(FUNNEL_STAGES):
        later = [s.value for s in FUNNEL_STAGES[index:]]
        aggregates[stage.value] = Count(
            "id",
            distinct=True,
            filter=Q(history__to_status__in=later) & ~Q(status=LeadStatus.SPAM),
        )
    totals = (
        period.received()
        .filter(kind=LeadKind.TRADE)
        .aggregate(
            **aggregates,
            lost=Count("id", distinct=True, filter=Q(status=LeadStatus.LOST)),
            spam=Count("id", distinct=True, filter=Q(status=LeadStatus.SPAM)),
        )
    )
    received = totals[LeadStatus.NEW.value] or 0
    rows = []
    for stage in FUNNEL_STAGES:
        count = totals[stage.value] or 0
        label = _("Received") if stage == LeadStatus.NEW else stage.label
        rows.append([label, count, _share(count, received)])
    rows.append([LeadStatus.LOST.label, totals["lost"], _share(totals["lost"], received)])
    rows.append([LeadStatus.SPAM.label, totals["spam"], None])
    return Table(
        key="pipeline-funnel",
        title=_("Pipeline of trade leads"),
        columns=[_("Stage reached"), _("Leads"), _("% of leads received")],
        rows=rows,
    )


def _share(count, total):
    return round(100 * count / total) if total else 0


def transaction_value(period: Period) -> Table:
    totals = period.leads().aggregate(
        **_value_sums(),
        potential_leads=Count(
            "id", filter=Q(estimated_value_usd__isnull=False) & ~Q(status=LeadStatus.LOST)
        ),
        agreed_leads=Count(
            "id", filter=Q(estimated_value_usd__isnull=False, status__in=AGREED_STATUSES)
        ),
    )
    zero = Decimal("0.00")
    return Table(
        key="transaction-value",
        title=_("Transaction value"),
        columns=[_("Figure"), _("Leads with an estimate"), _("Value")],
        rows=[
            [
                _("Potential (estimates of all leads not lost)"),
                totals["potential_leads"],
                totals["potential"] or zero,
            ],
            [
                _("Agreed (estimates of leads agreed or shipped)"),
                totals["agreed_leads"],
                totals["agreed"] or zero,
            ],
        ],
        money_columns={2},
    )


def deal_value(period: Period) -> Table:
    """Potential, agreed and realised value side by side, each from its own source: lead
    estimates, deals with a signed agreement or later, and those deals staff verified."""
    potential = period.leads().aggregate(
        value=Sum("estimated_value_usd", filter=~Q(status=LeadStatus.LOST)),
        leads=Count("id", filter=Q(estimated_value_usd__isnull=False) & ~Q(status=LeadStatus.LOST)),
    )
    deals = Deal.objects.filter(lead__in=period.leads().values("pk")).figures()
    zero = Decimal("0.00")
    return Table(
        key="deal-value",
        title=_("Potential, agreed and realised"),
        columns=[_("Figure"), _("Leads or deals"), _("Value")],
        rows=[
            [
                _("Potential (estimates of all leads not lost)"),
                potential["leads"],
                potential["value"] or zero,
            ],
            [
                _("Agreed (deals with a signed agreement or later, verified or not)"),
                deals["agreed_deals"],
                deals["agreed"],
            ],
            [_("Realised (deals verified by staff)"), deals["realised_deals"], deals["realised"]],
        ],
        money_columns={2},
    )


def placement_demand(period: Period) -> Table:
    """Placement inquiries by the delegate's country and sector.

    Grouped in the database by country and the list of sectors; a lead naming
    several sectors then counts once in each of them.
    """
    rows = (
        period.leads()
        .filter(kind=LeadKind.PLACEMENT)
        .values("delegate__country", "sectors")
        .annotate(leads=Count("id"), workers=Sum("headcount"))
        .order_by()
    )
    sectors = dict(Sector.choices)
    combined: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        for sector in row["sectors"] or [""]:
            counts = combined.setdefault((row["delegate__country"], sector), [0, 0])
            counts[0] += row["leads"]
            counts[1] += row["workers"] or 0
    data = [
        [
            countries.name(country) or country,
            str(sectors.get(sector, sector)) if sector else str(_("Not given")),
            leads,
            workers,
        ]
        for (country, sector), (leads, workers) in combined.items()
    ]
    data.sort(key=lambda r: (-r[3], -r[2], r[0], r[1]))
    return Table(
        key="placement-demand",
        title=_("Placement-cooperation demand by country and sector"),
        columns=[_("Country"), _("Sector"), _("Inquiries"), _("Workers asked for")],
        rows=data,
        labels=2,
    )


TABLES = {
    "visitors-by-country": visitors_by_country,
    "leads-per-day": leads_per_day,
    "leads-per-msme": leads_per_msme,
    "leads-per-category": leads_per_category,
    "leads-per-province": leads_per_province,
    "pipeline-funnel": pipeline_funnel,
    "transaction-value": transaction_value,
    "deal-value": deal_value,
    "placement-demand": placement_demand,
}


def all_tables(period: Period) -> dict[str, Table]:
    return {key: build(period) for key, build in TABLES.items()}
