"""Meetings at the booth: the tables, their time slots, and the meetings booked in them.

Times are stored in UTC and shown in the venue's time (``TIME_ZONE``, Asia/Jakarta).
A meeting copies its slot's start and end, so that the database itself can refuse two
active meetings of one business, buyer or delegate that overlap in time.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from booths.models import Booth, Exhibitor, TimeStamped
from buyers.models import Buyer, Delegate, ExpressionOfInterest

from .choices import ACTIVE_STATUSES, OPEN_STATUSES, MeetingStatus, Side, TablePurpose
from .constraints import PostgresExclusionConstraint, TsTzRange

ACTIVE = Q(status__in=ACTIVE_STATUSES)


def local(value: datetime.datetime) -> datetime.datetime:
    """A stored (UTC) time in the venue's time zone."""
    return timezone.localtime(value, timezone.get_default_timezone())


class MeetingTable(TimeStamped):
    """A table of the booth where meetings take place."""

    booth = models.ForeignKey(
        Booth, on_delete=models.CASCADE, related_name="meeting_tables", verbose_name=_("booth")
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("For example: Table 1."))
    purpose = models.CharField(
        _("meetings with"), max_length=10, choices=TablePurpose.choices, default=TablePurpose.ANY
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["booth", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["booth", "name"], name="meeting_table_unique_name"),
        ]

    def __str__(self):
        booth = self.booth
        return f"{self.name} ({booth.stand_number}, {booth.expo.start_date:%Y})"

    @property
    def takes_trade(self) -> bool:
        return self.purpose in (TablePurpose.ANY, TablePurpose.TRADE)

    @property
    def takes_agency(self) -> bool:
        return self.purpose in (TablePurpose.ANY, TablePurpose.AGENCY)


class MeetingSlotQuerySet(models.QuerySet):
    def with_place(self):
        return self.select_related("table__booth__expo")

    def free(self):
        """Slots no active meeting holds."""
        taken = Meeting.objects.filter(ACTIVE, slot=models.OuterRef("pk"))
        return self.exclude(models.Exists(taken))

    def on_day(self, day: datetime.date):
        start = datetime.datetime.combine(
            day, datetime.time.min, tzinfo=timezone.get_default_timezone()
        )
        return self.filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1))


class MeetingSlot(models.Model):
    """One bookable time at one table, e.g. Table 1, 9 October, 10:00-10:30."""

    table = models.ForeignKey(
        MeetingTable, on_delete=models.CASCADE, related_name="slots", verbose_name=_("table")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    objects = MeetingSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["starts_at", "table__position", "table__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["table", "starts_at"], name="meeting_slot_unique"),
            PostgresExclusionConstraint(
                name="meeting_slot_no_overlap",
                expressions=[
                    ("table", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This table already has a slot at this time."),
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="meeting_slot_start")]

    def __str__(self):
        start, end = local(self.starts_at), local(self.ends_at)
        return f"{self.table.name} {start:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @property
    def day(self) -> datetime.date:
        return local(self.starts_at).date()

    @property
    def label(self) -> str:
        """The slot's times in the venue's zone, e.g. 10:00–10:30."""
        return f"{local(self.starts_at):%H:%M}–{local(self.ends_at):%H:%M}"

    def place_errors(self) -> dict:
        """What is wrong with where and when this slot is: the expo's days and the
        booth's opening hours, in the venue's time. Empty when all is well."""
        if not (self.table_id and self.starts_at and self.ends_at):
            return {}
        booth = self.table.booth
        expo = booth.expo
        start, end = local(self.starts_at), local(self.ends_at)
        errors = {}
        if not (expo.start_date <= start.date() <= expo.end_date):
            errors["starts_at"] = _(
                "%(day)s is not one of the days of %(expo)s (%(first)s to %(last)s)."
            ) % {"day": start.date(), "expo": expo, "first": expo.start_date, "last": expo.end_date}
        elif end.date() != start.date() or not (
            booth.opening_time <= start.time() and end.time() <= booth.closing_time
        ):
            errors["starts_at"] = _(
                "A slot must lie within the booth's opening hours, %(open)s to %(close)s."
            ) % {
                "open": time_format(booth.opening_time, "H:i"),
                "close": time_format(booth.closing_time, "H:i"),
            }
        return errors

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A slot must end after it starts.")})
        errors = self.place_errors()
        if errors:
            raise ValidationError(errors)


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ACTIVE)

    def owned_by(self, user):
        """The meetings of the businesses this account owns (never the agency's)."""
        return self.filter(exhibitor__owners=user)

    def for_expo(self, expo):
        return self.filter(slot__table__booth__expo=expo)

    def waiting(self, now=None):
        """Requests still waiting for an answer: a request whose time has come unanswered
        waits for nobody any more (see ``Meeting.lapsed``)."""
        return self.filter(status=MeetingStatus.REQUESTED, starts_at__gt=now or timezone.now())

    def stale(self, now=None):
        """Requests nobody has answered for EXPO_MEETING_STALE_HOURS."""
        now = now or timezone.now()
        limit = now - datetime.timedelta(hours=settings.EXPO_MEETING_STALE_HOURS)
        return self.waiting(now).filter(requested_at__lt=limit)

    def with_parties(self):
        return self.select_related(
            "slot__table__booth__expo", "exhibitor", "buyer", "delegate", "lead", "assigned_to"
        )

    def overlapping(self, starts_at, ends_at):
        return self.active().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Meeting(TimeStamped):
    """A meeting at a booth table between a guest (a buyer or a delegate) and a host
    (an MSME, or the agency itself when ``exhibitor`` is empty)."""

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, editable=False
    )
    slot = models.ForeignKey(
        MeetingSlot, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("slot")
    )
    # Copies of the slot's times, so that the database can compare meetings in time.
    starts_at = models.DateTimeField(_("starts"), editable=False)
    ends_at = models.DateTimeField(_("ends"), editable=False)

    exhibitor = models.ForeignKey(
        Exhibitor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("business"),
        help_text=_("Empty for a meeting with the agency."),
    )
    buyer = models.ForeignKey(
        Buyer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("buyer"),
    )
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("delegate"),
    )
    lead = models.ForeignKey(
        ExpressionOfInterest,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("lead"),
    )
    topic = models.CharField(_("topic"), max_length=300)
    language = models.CharField(
        _("guest's language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    share_contact = models.BooleanField(
        _("guest agreed to share contact details with the business"), default=False
    )

    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.REQUESTED
    )
    awaiting = models.CharField(
        _("waiting for"),
        max_length=10,
        choices=[(Side.HOST, Side.HOST.label), (Side.GUEST, Side.GUEST.label)],
        blank=True,
        help_text=_("Whose answer a requested meeting waits for."),
    )
    requested_at = models.DateTimeField(
        _("requested"), help_text=_("When the time was last asked for or proposed.")
    )
    previous_starts_at = models.DateTimeField(
        _("moved from"),
        null=True,
        blank=True,
        help_text=_("The time before the last move or proposal of another time."),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=10, choices=Side.choices, blank=True
    )
    guest_will_attend_at = models.DateTimeField(
        _("guest said they will be there"), null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_meetings",
        verbose_name=_("BP2MI staff in charge"),
        limit_choices_to={"is_staff": True},
    )
    # Calendar programs replace an invitation with the same UID and a higher SEQUENCE.
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(buyer__isnull=False, delegate__isnull=True, exhibitor__isnull=False)
                    | Q(buyer__isnull=True, delegate__isnull=False, exhibitor__isnull=True)
                ),
                name="meeting_guest_matches_host",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.REQUESTED) | ~Q(awaiting=""),
                name="meeting_request_waits_for_someone",
            ),
            # One table-slot holds one meeting: on every database.
            models.UniqueConstraint(
                fields=["slot"],
                condition=ACTIVE,
                name="meeting_one_per_slot",
                violation_error_message=_(
                    "Someone has just booked this time. Please choose another free time."
                ),
            ),
            # A business, a buyer or a delegate is never in two places at once.
            PostgresExclusionConstraint(
                name="meeting_exhibitor_not_twice",
                expressions=[
                    ("exhibitor", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=ACTIVE,
                violation_error_message=_(
                    "This business already has a meeting at this time. Please choose another time."
                ),
            ),
            PostgresExclusionConstraint(
                name="meeting_buyer_not_twice",
                expressions=[
                    ("buyer", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=ACTIVE,
                violation_error_message=_(
                    "You already have a meeting at this time. Please choose another time."
                ),
            ),
            PostgresExclusionConstraint(
                name="meeting_delegate_not_twice",
                expressions=[
                    ("delegate", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=ACTIVE,
                violation_error_message=_(
                    "You already have a meeting at this time. Please choose another time."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "requested_at"], name="meeting_status_requested"),
            models.Index(fields=["starts_at"], name="meeting_start"),
        ]

    def __str__(self):
        return self.reference or str(_("new meeting"))

    def _copy_slot_times(self):
        # The copies always follow the slot, before validating as before saving.
        if self.slot_id:
            self.starts_at, self.ends_at = self.slot.starts_at, self.slot.ends_at

    def full_clean(self, *args, **kwargs):
        self._copy_slot_times()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._copy_slot_times()
        super().save(*args, **kwargs)

    @property
    def guest(self):
        return self.buyer if self.buyer_id else self.delegate

    @property
    def with_agency(self) -> bool:
        return self.exhibitor_id is None

    @property
    def host_name(self) -> str:
        return self.exhibitor.name if self.exhibitor_id else str(_("BP2MI (the agency)"))

    @property
    def guest_label(self) -> str:
        """Who comes to the table, e.g. Aiko Tanaka, Sakura Trading (Japan)."""
        guest = self.guest
        organisation = guest.company if self.buyer_id else guest.institution
        parts = [guest.name] + ([organisation] if organisation else [])
        return f"{', '.join(parts)} ({guest.country.name})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_past(self) -> bool:
        """Over: nothing to move, cancel or answer any more (only attendance to record)."""
        return self.ends_at <= timezone.now()

    @property
    def lapsed(self) -> bool:
        """A request nobody answered before its time."""
        return self.status == MeetingStatus.REQUESTED and self.has_started

    @property
    def is_stale(self) -> bool:
        if self.status != MeetingStatus.REQUESTED or self.has_started:
            return False
        limit = datetime.timedelta(hours=settings.EXPO_MEETING_STALE_HOURS)
        return timezone.now() - self.requested_at > limit

    @property
    def waiting_hours(self) -> int:
        return int((timezone.now() - self.requested_at).total_seconds() // 3600)

    @property
    def decline_reason(self) -> str:
        """What the host told the guest when declining (the note of that step)."""
        if self.status != MeetingStatus.DECLINED:
            return ""
        step = self.history.filter(to_status=MeetingStatus.DECLINED).order_by("-at", "-id")
        return step.values_list("note", flat=True).first() or ""

    @property
    def waiting_days(self) -> int:
        return self.waiting_hours // 24

    @property
    def waits_for_host(self) -> bool:
        return (
            self.status == MeetingStatus.REQUESTED
            and self.awaiting == Side.HOST
            and not self.has_started
        )

    @property
    def waits_for_guest(self) -> bool:
        return (
            self.status == MeetingStatus.REQUESTED
            and self.awaiting == Side.GUEST
            and not self.has_started
        )


class MeetingEvent(models.Model):
    """One step in a meeting's history: requested, confirmed, moved, cancelled, held..."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    side = models.CharField(_("by"), max_length=10, choices=Side.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=MeetingStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=MeetingStatus.choices, blank=True)
    starts_at = models.DateTimeField(_("meeting time"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("meeting history entry")
        verbose_name_plural = _("meeting history")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.meeting} {self.from_status}→{self.to_status}"
