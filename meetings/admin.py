"""Staff set up meeting tables and their slots here, and follow every meeting."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from common.admin_helpers import (
    AdminStyles,
    AssignForm,
    PublicContentAdmin,
    changeable_object,
    message_form_errors,
)
from common.cache import MEETINGS
from common.forms import add_service_errors

from . import services
from .choices import ACTIVE_STATUSES, MeetingStatus, Side
from .models import Meeting, MeetingEvent, MeetingSlot, MeetingTable, local


class GenerateSlotsForm(forms.Form):
    """Slots for the chosen tables: the booth's opening hours, cut into equal slots."""

    tables = forms.ModelMultipleChoiceField(
        label=_("Tables"),
        queryset=MeetingTable.objects.select_related("booth__expo"),
        widget=forms.CheckboxSelectMultiple,
    )
    length_minutes = forms.IntegerField(
        label=_("Length of a slot (minutes)"), min_value=5, max_value=240, initial=30
    )
    gap_minutes = forms.IntegerField(
        label=_("Gap between slots (minutes)"), min_value=0, max_value=120, initial=0
    )
    breaks = forms.CharField(
        label=_("Breaks"),
        required=False,
        initial="12:00-13:00",
        help_text=_("Times without meetings, e.g. 12:00-13:00, 15:30-15:45 (venue time)."),
    )
    days = forms.CharField(
        label=_("Days"),
        required=False,
        help_text=_(
            "Leave empty for every day of the expo, or list days, e.g. 2024-10-09, 2024-10-10."
        ),
    )

    def clean_breaks(self):
        result = []
        for part in filter(None, (p.strip() for p in self.cleaned_data["breaks"].split(","))):
            try:
                start, end = (datetime.time.fromisoformat(t.strip()) for t in part.split("-"))
            except ValueError as error:
                raise ValidationError(
                    _("Write each break as start-end, e.g. 12:00-13:00: %(part)s is not.")
                    % {"part": part}
                ) from error
            result.append((start, end))
        return result

    def clean_days(self):
        result = []
        for part in filter(None, (p.strip() for p in self.cleaned_data["days"].split(","))):
            try:
                result.append(datetime.date.fromisoformat(part))
            except ValueError as error:
                raise ValidationError(
                    _("Write each day as YYYY-MM-DD: %(part)s is not a date.") % {"part": part}
                ) from error
        return result or None


@admin.register(MeetingTable)
class MeetingTableAdmin(PublicContentAdmin, TranslationAdmin):
    content_versions = (MEETINGS,)
    list_display = ("name", "booth", "purpose", "position", "slot_count")
    list_filter = ("booth__expo", "purpose")
    search_fields = ("name", "booth__stand_number")
    list_select_related = ("booth__expo",)
    actions = ["generate_slots"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(slot_total=Count("slots"))

    @admin.display(description=_("slots"), ordering="slot_total")
    def slot_count(self, table):
        return table.slot_total

    def get_urls(self):
        return [
            path(
                "generate-slots/",
                self.admin_site.admin_view(self.generate_slots_view),
                name="meetings_meetingtable_generate",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Make slots for the selected tables…"))
    def generate_slots(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:meetings_meetingtable_generate')}?tables={ids}")

    def generate_slots_view(self, request):
        if not self.has_change_permission(request) or not request.user.has_perm(
            "meetings.add_meetingslot"
        ):
            raise admin.sites.PermissionDenied
        if request.method == "POST":
            form = GenerateSlotsForm(request.POST)
            if form.is_valid():
                try:
                    created = services.slots_generate(
                        tables=form.cleaned_data["tables"],
                        days=form.cleaned_data["days"],
                        length_minutes=form.cleaned_data["length_minutes"],
                        gap_minutes=form.cleaned_data["gap_minutes"],
                        breaks=form.cleaned_data["breaks"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    self.message_user(
                        request,
                        ngettext("%(count)d slot made.", "%(count)d slots made.", created)
                        % {"count": created},
                        messages.SUCCESS,
                    )
                    return redirect("admin:meetings_meetingslot_changelist")
        else:
            ids = [i for i in request.GET.get("tables", "").split(",") if i.isdigit()]
            form = GenerateSlotsForm(initial={"tables": ids})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Make meeting slots"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/meetings/generate_slots.html", context)


@admin.register(MeetingSlot)
class MeetingSlotAdmin(PublicContentAdmin, admin.ModelAdmin):
    content_versions = (MEETINGS,)
    list_display = ("__str__", "table", "local_start", "local_end", "held_by")
    list_filter = ("table__booth__expo", "table")
    date_hierarchy = "starts_at"
    list_select_related = ("table__booth__expo",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_total=Count("meetings", filter=Q(meetings__status__in=ACTIVE_STATUSES))
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # A slot's time is part of its meetings' invitations: make a new slot instead.
        return ("table", "starts_at", "ends_at") if obj is not None else ()

    @admin.display(description=_("starts (venue time)"), ordering="starts_at")
    def local_start(self, slot):
        return f"{local(slot.starts_at):%Y-%m-%d %H:%M}"

    @admin.display(description=_("ends"))
    def local_end(self, slot):
        return f"{local(slot.ends_at):%H:%M}"

    @admin.display(description=_("booked"), boolean=True)
    def held_by(self, slot):
        return bool(slot.active_total)


class MeetingEventInline(admin.TabularInline):
    model = MeetingEvent
    extra = 0
    can_delete = False
    fields = ("at", "side", "actor", "from_status", "to_status", "starts_at", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class StaleFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("stale", _("Unanswered for too long")), ("unowned", _("Nobody in charge"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "unowned":
            return queryset.filter(assigned_to__isnull=True, status__in=ACTIVE_STATUSES)
        return queryset


@admin.register(Meeting)
class MeetingAdmin(PublicContentAdmin, admin.ModelAdmin):
    content_versions = (MEETINGS,)
    list_display = (
        "reference",
        "local_start",
        "table",
        "host",
        "guest_name",
        "status",
        "waiting_flag",
        "assigned_to",
    )
    list_filter = (StaleFilter, "status", "slot__table__booth__expo", "assigned_to")
    search_fields = (
        "reference",
        "topic",
        "buyer__name",
        "buyer__email",
        "delegate__name",
        "delegate__email",
        "exhibitor__name",
    )
    date_hierarchy = "starts_at"
    list_select_related = ("slot__table", "exhibitor", "buyer", "delegate", "assigned_to")
    inlines = [MeetingEventInline]
    actions = ["mark_attended", "mark_no_show", "take_charge"]
    change_form_template = "admin/meetings/meeting_change_form.html"
    Media = AdminStyles
    readonly_fields = (
        "reference",
        "slot",
        "starts_at",
        "ends_at",
        "exhibitor",
        "buyer",
        "delegate",
        "lead",
        "status",
        "awaiting",
        "requested_at",
        "previous_starts_at",
        "confirmed_at",
        "cancelled_by",
        "guest_will_attend_at",
        "reminder_sent_at",
        "language",
        "share_contact",
        # Changed by the actions and the "Who is in charge" form above the record, through
        # the services, so that the history shows every change.
        "assigned_to",
    )
    fields = ("topic", *readonly_fields)

    def has_add_permission(self, request):
        # Meetings are booked through the booking pages, which check every rule.
        return False

    def has_delete_permission(self, request, obj=None):
        # Cancel instead: the history and the results keep every meeting.
        return False

    @admin.display(description=_("time (venue)"), ordering="starts_at")
    def local_start(self, meeting):
        return f"{local(meeting.starts_at):%Y-%m-%d %H:%M}"

    @admin.display(description=_("table"))
    def table(self, meeting):
        return meeting.slot.table.name

    @admin.display(description=_("host"))
    def host(self, meeting):
        return meeting.host_name

    @admin.display(description=_("guest"))
    def guest_name(self, meeting):
        return meeting.guest.name

    @admin.display(description=_("waiting"))
    def waiting_flag(self, meeting):
        if meeting.status != MeetingStatus.REQUESTED:
            return ""
        hours = int((timezone.now() - meeting.requested_at).total_seconds() // 3600)
        side = _("host") if meeting.awaiting == Side.HOST else _("guest")
        text = _("%(side)s, %(hours)d h") % {"side": side, "hours": hours}
        # Unanswered for too long: it must catch the eye in the list.
        return format_html("<strong>⚠ {}</strong>", text) if meeting.is_stale else text

    def _mark(self, request, queryset, status):
        done = 0
        for meeting in queryset:
            try:
                services.meeting_mark_attendance(meeting=meeting, status=status, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{meeting.reference}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d meeting marked.", "%(count)d meetings marked.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Mark as held"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, MeetingStatus.ATTENDED)

    @admin.action(description=_("Mark as no-show"), permissions=["change"])
    def mark_no_show(self, request, queryset):
        self._mark(request, queryset, MeetingStatus.NO_SHOW)

    @admin.action(description=_("Put me in charge"), permissions=["change"])
    def take_charge(self, request, queryset):
        for meeting in queryset:
            services.meeting_assign(meeting=meeting, assignee=request.user, actor=request.user)
        self.message_user(
            request, _("You are in charge of the selected meetings."), messages.SUCCESS
        )

    def get_urls(self):
        # Before the admin's own URLs: its "<object_id>/" catch-all would take this one.
        return [
            path(
                "<path:object_id>/in-charge/",
                self.admin_site.admin_view(require_POST(self.assign_view)),
                name="meetings_meeting_assign",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and change and self.has_change_permission(request, obj):
            context["assign_form"] = AssignForm(
                initial={"assignee": obj.assigned_to_id}, auto_id="id_assign_%s"
            )
            context["assign_url"] = reverse("admin:meetings_meeting_assign", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def assign_view(self, request, object_id):
        """Put a staff member (or nobody) in charge through the meetings service, which
        writes the meeting's history."""
        meeting = changeable_object(self, request, object_id)
        change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        form = AssignForm(request.POST)
        if not form.is_valid():
            message_form_errors(self, request, form)
            return redirect(change_url)
        assignee = form.cleaned_data["assignee"]
        if (assignee.pk if assignee else None) == meeting.assigned_to_id:
            self.message_user(request, _("Nothing changed, nothing recorded."), messages.WARNING)
            return redirect(change_url)
        try:
            services.meeting_assign(meeting=meeting, assignee=assignee, actor=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("Recorded in the meeting's history."), messages.SUCCESS)
        return redirect(change_url)
