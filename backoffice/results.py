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

from django.conf import settings
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncDate, TruncMonth
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from booths.choices import Province, Sector
from buyers.choices import LeadKind, LeadStatus
from buyers.models import ExpressionOfInterest
from common.money import Currency, convert
from deals.models import AGREED_FIELDS, Deal, agreed_q, amount_usd_expression
from meetings.choices import MeetingStatus
from meetings.models import Meeting
from workforce.models import ReadinessFigure

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
# The longest range the results cover, in days (a year of follow-up and then some).
MAX_PERIOD_DAYS = 400


def follow_up_end(expo) -> datetime.date:
    """The last day of an expo's follow-up period: ``EXPO_FOLLOW_UP_DAYS`` after its last day."""
    return expo.end_date + datetime.timedelta(days=settings.EXPO_FOLLOW_UP_DAYS)


def default_end(expo, today: datetime.date) -> datetime.date:
    """Where the results of ``expo`` end when no day is chosen: today, or the end of the
    follow-up period once it is over; an expo still to come shows its own days."""
    if today < expo.start_date:
        return expo.end_date
    longest = expo.start_date + datetime.timedelta(days=MAX_PERIOD_DAYS - 1)
    return max(expo.end_date, min(today, follow_up_end(expo), longest))


def latest_day(expo, today: datetime.date) -> datetime.date:
    """The last day results can be asked for: today, or the last day of an expo to come."""
    return max(today, expo.end_date)


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
        return ExpressionOfInterest.objects.filter(
            expo=self.expo,
            created_at__gte=self._moment(self.start),
            created_at__lt=self._moment(self.end + datetime.timedelta(days=1)),
        )

    def leads(self):
        return self.received().exclude(status=LeadStatus.SPAM)

    def agreed_deals(self):
        """Agreed deals (an agreement or a later stage, with an amount) of the period's
        leads: the deals that ``deal_value`` counts, so every deal table adds up to its
        figures."""
        leads = self.leads().values("pk")
        return Deal.objects.filter(agreed_q(), amount__isnull=False, lead__in=leads)

    def meetings(self):
        """The expo's meetings at the booth that started in the period."""
        return Meeting.objects.for_expo(self.expo).filter(
            starts_at__gte=self._moment(self.start),
            starts_at__lt=self._moment(self.end + datetime.timedelta(days=1)),
        )

    @staticmethod
    def _moment(day):
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=JAKARTA)


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
    # The sentence of an empty table.
    empty: str = _("No leads in this period.")
    # A column whose values above zero need attention (a shortfall), if any.
    attention_column: int | None = None

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


def meetings_held(period: Period) -> Table:
    """Meetings at the booth tables that took place, per day: with an MSME (a buyer's
    meeting) or with the agency (a delegate's), and the guests who did not come."""
    held = Q(status=MeetingStatus.ATTENDED)
    rows = (
        period.meetings()
        .filter(status__in=(MeetingStatus.ATTENDED, MeetingStatus.NO_SHOW))
        .annotate(day=TruncDate("starts_at", tzinfo=JAKARTA))
        .values("day")
        .annotate(
            msmes=Count("id", filter=held & Q(exhibitor__isnull=False)),
            agency=Count("id", filter=held & Q(exhibitor__isnull=True)),
            no_show=Count("id", filter=Q(status=MeetingStatus.NO_SHOW)),
        )
        .order_by("day")
    )
    return Table(
        key="meetings-held",
        title=_("Meetings held at the booth"),
        columns=[_("Day"), _("With MSMEs"), _("With the agency"), _("Guest did not come")],
        rows=[[row["day"], row["msmes"], row["agency"], row["no_show"]] for row in rows],
        empty=_("No meetings held in this period."),
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


def demand_readiness(period: Period) -> Table:
    """Workers asked for in placement leads that chose an occupation, per occupation and
    destination country, beside the candidates in training and certified.

    Demand: the period's placement leads (spam aside) naming an occupation from the
    workforce pages, by the lead's destination country, else the delegate's country.
    Readiness: per occupation and country, the latest figure dated on or before the
    period's last day. The shortfall is what is asked for beyond both together. Two
    queries, whatever the number of leads and figures.
    """
    demand = (
        period.leads()
        .filter(kind=LeadKind.PLACEMENT, occupation__isnull=False)
        .annotate(country=Coalesce(NullIf("destination_country", Value("")), "delegate__country"))
        .values("occupation_id", "occupation__name_en", "occupation__name_ind", "country")
        .annotate(leads=Count("id"), workers=Sum("headcount"))
        .order_by()
    )
    figures = (
        ReadinessFigure.objects.current(on=period.end)
        .values(
            "occupation_id",
            "occupation__name_en",
            "occupation__name_ind",
            "country",
            "in_training",
            "certified",
            "as_of",
        )
        .order_by()
    )
    combined: dict[tuple[int, str], dict] = {}
    for row in demand:
        entry = combined.setdefault((row["occupation_id"], row["country"]), {"row": row})
        entry.update(leads=row["leads"], workers=row["workers"] or 0)
    for row in figures:
        entry = combined.setdefault((row["occupation_id"], row["country"]), {"row": row})
        entry.update(in_training=row["in_training"], certified=row["certified"], as_of=row["as_of"])
    data = []
    for (_occupation, country), entry in combined.items():
        workers, in_training, certified = (
            entry.get("workers", 0),
            entry.get("in_training", 0),
            entry.get("certified", 0),
        )
        data.append(
            [
                _translated(entry["row"], "occupation__name"),
                countries.name(country) or country,
                entry.get("leads", 0),
                workers,
                in_training,
                certified,
                max(workers - in_training - certified, 0),
                entry.get("as_of"),
            ]
        )
    data.sort(key=lambda r: (-r[6], -r[3], r[0], r[1]))
    return Table(
        key="demand-readiness",
        title=_("Placement demand against readiness, by occupation and country"),
        columns=[
            _("Occupation"),
            _("Destination country"),
            _("Inquiries"),
            _("Workers asked for"),
            _("In training"),
            _("Certified"),
            _("Shortfall"),
            _("Figures as of"),
        ],
        rows=data,
        labels=2,
        empty=_("No placement inquiries naming an occupation, and no readiness figures."),
        attention_column=6,
    )


def _deal_sums():
    amount = amount_usd_expression()
    verified = Q(verified_at__isnull=False)
    return {
        "agreed_deals": Count("pk"),
        "agreed": Sum(amount),
        "realised_deals": Count("pk", filter=verified),
        "realised": Sum(amount, filter=verified),
    }


def _deal_figures(row) -> list:
    return [
        row["agreed_deals"],
        _cents(row["agreed"]),
        row["realised_deals"],
        _cents(row["realised"]),
    ]


def _cents(value) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.01"))


DEAL_COLUMNS = [_("Deals agreed"), _("Agreed value"), _("Deals realised"), _("Realised value")]
NO_DEALS = _("No agreed deals for the leads of this period.")


def _deal_table(key, title, labels: list, rows, **kwargs) -> Table:
    first = len(labels)
    return Table(
        key=key,
        title=title,
        columns=[*labels, *DEAL_COLUMNS],
        rows=rows,
        money_columns={first + 1, first + 3},
        labels=first,
        empty=NO_DEALS,
        **kwargs,
    )


def _by_value(rows: list, labels: int) -> list:
    """Largest agreed value first, then by name."""
    return sorted(rows, key=lambda r: (-r[labels + 1], [str(v) for v in r[:labels]]))


def deals_per_msme(period: Period) -> Table:
    rows = (
        period.agreed_deals()
        .values("lead__exhibitor_id", "lead__exhibitor__name", "lead__exhibitor__province")
        .annotate(**_deal_sums())
        .order_by()
    )
    provinces = dict(Province.choices)
    data = [
        [
            row["lead__exhibitor__name"] or str(_("No MSME")),
            str(provinces.get(row["lead__exhibitor__province"], ""))
            if row["lead__exhibitor__province"]
            else "",
            *_deal_figures(row),
        ]
        for row in rows
    ]
    return _deal_table(
        "deals-per-msme", _("Deals per MSME"), [_("MSME"), _("Province")], _by_value(data, 2)
    )


def deals_per_province(period: Period) -> Table:
    """Credited to the province where the goods are made: the MSME's own province."""
    rows = period.agreed_deals().values("lead__exhibitor__province").annotate(**_deal_sums())
    provinces = dict(Province.choices)
    data = [
        [
            str(provinces.get(row["lead__exhibitor__province"], _("Not given"))),
            *_deal_figures(row),
        ]
        for row in rows.order_by()
    ]
    return _deal_table(
        "deals-per-province",
        _("Deals per province where the goods are made"),
        [_("Province")],
        _by_value(data, 1),
    )


def deals_per_category(period: Period) -> Table:
    rows = (
        period.agreed_deals()
        .annotate(
            main_id=Coalesce("lead__product__category__parent_id", "lead__product__category_id"),
            main_en=Coalesce(
                "lead__product__category__parent__name_en", "lead__product__category__name_en"
            ),
            main_ind=Coalesce(
                "lead__product__category__parent__name_ind", "lead__product__category__name_ind"
            ),
        )
        .values("main_id", "main_en", "main_ind")
        .annotate(**_deal_sums())
        .order_by()
    )
    data = [
        [
            _translated(row, "main") if row["main_id"] else str(_("No product named")),
            *_deal_figures(row),
        ]
        for row in rows
    ]
    return _deal_table(
        "deals-per-category", _("Deals per product category"), [_("Category")], _by_value(data, 1)
    )


def deals_per_country(period: Period) -> Table:
    rows = period.agreed_deals().values("destination_country").annotate(**_deal_sums())
    data = [
        [
            countries.name(row["destination_country"]) or str(_("Not given")),
            *_deal_figures(row),
        ]
        for row in rows.order_by()
    ]
    return _deal_table(
        "deals-per-country",
        _("Deals per destination country"),
        [_("Destination country")],
        _by_value(data, 1),
    )


def _month_number(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def deals_per_month(period: Period) -> Table:
    """Deals by the month they were agreed (the first agreed stage's date), counted from
    the expo's own month (month 0); every month from the expo's to the last with a deal."""
    rows = (
        period.agreed_deals()
        .annotate(month=TruncMonth(Coalesce(*AGREED_FIELDS)))
        .values("month")
        .annotate(**_deal_sums())
        .order_by("month")
    )
    by_month = {_month_number(row["month"]): row for row in rows}
    expo_month = _month_number(period.expo.end_date)
    months = range(min([expo_month, *by_month]), max([expo_month, *by_month]) + 1)
    zero = {"agreed_deals": 0, "agreed": None, "realised_deals": 0, "realised": None}
    data = []
    if by_month:
        for number in months:
            first = datetime.date(number // 12, number % 12 + 1, 1)
            data.append(
                [
                    formats.date_format(first, "YEAR_MONTH_FORMAT"),
                    number - expo_month,
                    *_deal_figures(by_month.get(number, zero)),
                ]
            )
    return _deal_table(
        "deals-per-month",
        _("Deals per month after the expo"),
        [_("Month agreed"), _("Months after the expo")],
        data,
    )


TABLES = {
    "visitors-by-country": visitors_by_country,
    "leads-per-day": leads_per_day,
    "meetings-held": meetings_held,
    "leads-per-msme": leads_per_msme,
    "leads-per-category": leads_per_category,
    "leads-per-province": leads_per_province,
    "pipeline-funnel": pipeline_funnel,
    "transaction-value": transaction_value,
    "deal-value": deal_value,
    "placement-demand": placement_demand,
    "demand-readiness": demand_readiness,
    "deals-per-msme": deals_per_msme,
    "deals-per-province": deals_per_province,
    "deals-per-category": deals_per_category,
    "deals-per-country": deals_per_country,
    "deals-per-month": deals_per_month,
}


def all_tables(period: Period) -> dict[str, Table]:
    return {key: build(period) for key, build in TABLES.items()}
