import uuid

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from import_export.admin import ExportActionMixin

from booths.choices import Province
from common.admin_helpers import (
    AdminStyles,
    AssignForm,
    badge,
    changeable_object,
    message_form_errors,
    present_choices_filter,
    present_countries_filter,
)
from common.spreadsheets import SpreadsheetFormatsMixin

from . import services
from .choices import LeadKind, LeadStatus
from .models import (
    FOLLOW_UP_AFTER,
    OPEN_STATUSES,
    Buyer,
    Delegate,
    ExpressionOfInterest,
    Inquiry,
    LeadEvent,
    LeadItem,
)
from .resources import BuyerResource, DelegateResource, LeadResource

STATUS_TONES = {
    LeadStatus.NEW: "info",
    LeadStatus.CONTACTED: "muted",
    LeadStatus.SAMPLE_SENT: "muted",
    LeadStatus.QUOTED: "warning",
    LeadStatus.AGREED: "success",
    LeadStatus.SHIPPED: "success",
    LeadStatus.LOST: "muted",
    LeadStatus.SPAM: "danger",
}


class LeadEventInline(admin.TabularInline):
    """The lead's history, read-only: it is written by the lead services alone."""

    model = LeadEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "from_status", "to_status", "note")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("History")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class LeadItemInline(admin.TabularInline):
    model = LeadItem
    extra = 0
    can_delete = False
    fields = ("product", "quantity", "unit")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")


class BuyerLeadInline(admin.TabularInline):
    model = ExpressionOfInterest
    fk_name = "buyer"
    extra = 0
    can_delete = False
    fields = ("reference", "exhibitor", "product", "status", "created_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exhibitor", "product")


class DelegateLeadInline(BuyerLeadInline):
    fk_name = "delegate"
    fields = ("reference", "sectors", "headcount", "status", "created_at")
    readonly_fields = fields


@admin.register(Buyer)
class BuyerAdmin(SpreadsheetFormatsMixin, ExportActionMixin, admin.ModelAdmin):
    resource_classes = [BuyerResource]
    list_display = (
        "name",
        "company",
        "email",
        "country",
        "buyer_type",
        "lead_count",
        "created_at",
    )
    list_filter = (
        present_countries_filter("country", gettext_lazy("country")),
        "buyer_type",
        "created_at",
    )
    search_fields = ("name", "company", "email")
    filter_horizontal = ("interests",)
    readonly_fields = (
        "created_at",
        "updated_at",
        "consented_at",
        "consent_version",
        "consent_withdrawn_at",
    )
    date_hierarchy = "created_at"
    inlines = [BuyerLeadInline]

    Media = AdminStyles

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lead_total=Count("leads"))

    @admin.display(description=gettext_lazy("leads"), ordering="lead_total")
    def lead_count(self, buyer):
        return buyer.lead_total


@admin.register(Delegate)
class DelegateAdmin(SpreadsheetFormatsMixin, ExportActionMixin, admin.ModelAdmin):
    resource_classes = [DelegateResource]
    list_display = (
        "name",
        "institution",
        "delegate_type",
        "country",
        "email",
        "lead_count",
        "created_at",
    )
    list_filter = (
        present_countries_filter("country", gettext_lazy("country")),
        "delegate_type",
        "created_at",
    )
    search_fields = ("name", "institution", "email")
    readonly_fields = (
        "created_at",
        "updated_at",
        "consented_at",
        "consent_version",
        "consent_withdrawn_at",
    )
    date_hierarchy = "created_at"
    inlines = [DelegateLeadInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lead_total=Count("leads"))

    @admin.display(description=gettext_lazy("leads"), ordering="lead_total")
    def lead_count(self, delegate):
        return delegate.lead_total


class FollowUpFilter(admin.SimpleListFilter):
    title = gettext_lazy("follow-up")
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Untouched for 3 days or more")),
            ("open", _("Open (not agreed, shipped, lost or spam)")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.needs_follow_up()
        if self.value() == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = gettext_lazy("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Me")), ("nobody", _("Nobody"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


def note_field():
    return forms.CharField(
        label=gettext_lazy("Add a note to the history"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        max_length=4000,
        help_text=gettext_lazy("What was said or done. Saved with the status change, if any."),
    )


class LeadAdminForm(forms.ModelForm):
    """The lead's record. Status and assignee are read-only once it exists: they change
    through the follow-up form above it, so that the history is complete. Source and
    estimated value are read-only too: the lead services set them."""

    class Meta:
        model = ExpressionOfInterest
        fields = [
            "kind",
            "expo",
            "source",
            "language",
            "status",
            "assigned_to",
            "estimated_value_usd",
            "buyer",
            "delegate",
            "exhibitor",
            "product",
            "interest",
            "quantity",
            "unit",
            "target_price",
            "currency",
            "incoterm",
            "destination_country",
            "timeline",
            "message",
            "share_contact",
            "sectors",
            "occupation",
            "occupations",
            "headcount",
            "skills",
            "inquiry_reference",
            "consent_version",
        ]


class LeadAddForm(LeadAdminForm):
    """A lead entered by staff, with a first note for its history. Its source ("staff")
    and estimated value are set by the lead service, as for every lead."""

    note = note_field()
    # Sent back with the form, so a double submit makes one lead.
    form_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    class Meta(LeadAdminForm.Meta):
        fields = [
            name
            for name in LeadAdminForm.Meta.fields
            if name not in ("source", "estimated_value_usd")
        ]


class FollowUpForm(AssignForm):
    """The change page's follow-up: a new status, who is in charge, a note."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=LeadStatus.choices)
    note = note_field()

    field_order = ["status", "assignee", "note"]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(SpreadsheetFormatsMixin, ExportActionMixin, admin.ModelAdmin):
    form = LeadAdminForm
    add_form = LeadAddForm
    export_file_name = gettext_lazy("leads")
    change_form_template = "admin/expo/lead_change_form.html"
    resource_classes = [LeadResource]
    list_display = (
        "reference",
        "received",
        "contact_name",
        "about",
        "status_badge",
        "value",
        "assigned_to",
    )
    list_filter = (
        "status",
        FollowUpFilter,
        AssignedFilter,
        "kind",
        "source",
        "expo",
        present_choices_filter(
            "exhibitor__province", gettext_lazy("province of the MSME"), Province.choices
        ),
        "created_at",
    )
    list_select_related = (
        "buyer",
        "delegate",
        "exhibitor",
        "product",
        "occupation",
        "assigned_to",
    )
    search_fields = (
        "reference",
        "inquiry_reference",
        "buyer__name",
        "buyer__email",
        "buyer__company",
        "delegate__name",
        "delegate__email",
        "delegate__institution",
        "exhibitor__name",
    )
    autocomplete_fields = (
        "buyer",
        "delegate",
        "exhibitor",
        "product",
        "occupation",
        "assigned_to",
    )
    date_hierarchy = "created_at"
    readonly_fields = ("reference", "created_at", "updated_at", "last_activity_at")
    inlines = [LeadItemInline, LeadEventInline]
    actions = ["mark_contacted", "mark_spam", "assign", "assign_to_me"]
    list_per_page = 50

    Media = AdminStyles

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Workflow and computed fields of an existing lead change through the lead
        # services alone: its status and assignee through the follow-up form, its
        # source and estimated value never after it is made.
        readonly = super().get_readonly_fields(request, obj)
        if obj is None:
            return readonly
        return (*readonly, "source", "status", "assigned_to", "estimated_value_usd")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            record = ("kind", "expo", "language", "form_key")
            follow_up = ("status", "note", "assigned_to")
        else:
            record = ("reference", "kind", "expo", "source", "language")
            follow_up = ("status", "assigned_to", "estimated_value_usd")
        # The part that does not apply to this kind of lead starts folded.
        is_placement = obj is not None and obj.kind == LeadKind.PLACEMENT
        is_trade = obj is not None and obj.kind == LeadKind.TRADE
        return [
            (None, {"fields": record}),
            (gettext_lazy("Follow-up"), {"fields": follow_up}),
            (
                gettext_lazy("Who and what"),
                {"fields": ("buyer", "delegate", "exhibitor", "product")},
            ),
            (
                gettext_lazy("Trade inquiry"),
                {
                    "classes": ["collapse"] if is_placement else [],
                    "fields": (
                        "interest",
                        "quantity",
                        "unit",
                        "target_price",
                        "currency",
                        "incoterm",
                        "destination_country",
                        "timeline",
                        "message",
                        "share_contact",
                    ),
                },
            ),
            (
                gettext_lazy("Placement cooperation"),
                {
                    "classes": ["collapse"] if is_trade else [],
                    "fields": ("sectors", "occupation", "occupations", "headcount", "skills"),
                },
            ),
            (
                gettext_lazy("Record"),
                {
                    "fields": (
                        "inquiry_reference",
                        "consent_version",
                        "created_at",
                        "updated_at",
                        "last_activity_at",
                    )
                },
            ),
        ]

    @admin.display(description=gettext_lazy("received"), ordering="created_at")
    def received(self, lead):
        return date_format(timezone.localtime(lead.created_at), "j M Y H:i")

    @admin.display(description=gettext_lazy("value (USD)"), ordering="estimated_value_usd")
    def value(self, lead):
        if lead.estimated_value_usd is None:
            return "—"
        return number_format(lead.estimated_value_usd, decimal_pos=0, force_grouping=True)

    @admin.display(description=gettext_lazy("contact"))
    def contact_name(self, lead):
        contact = lead.contact
        return contact.name if contact else ""

    @admin.display(description=gettext_lazy("about"))
    def about(self, lead):
        if lead.kind == LeadKind.PLACEMENT:
            sectors = ", ".join(str(label) for label in lead.sector_labels) or "—"
            if lead.occupation_id:
                sectors = f"{sectors} · {lead.occupation.name}"
            return format_html("{}<br><small>{}</small>", _("Placement cooperation"), sectors)
        if lead.product_id:
            return format_html("{}<br><small>{}</small>", lead.product, lead.exhibitor)
        return format_html("{}<br><small>{}</small>", lead.exhibitor, _("the business as a whole"))

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, lead):
        status = badge(lead.get_status_display(), STATUS_TONES.get(lead.status, "muted"))
        untouched = self._untouched_days(lead)
        if untouched is None:
            return status
        warning = badge(
            ngettext("untouched %(days)d day", "untouched %(days)d days", untouched)
            % {"days": untouched},
            "danger",
        )
        return format_html("{}{}", status, warning)

    @staticmethod
    def _untouched_days(lead):
        """Days since the last status change or note of an open lead, if it is overdue."""
        if lead.status not in OPEN_STATUSES:
            return None
        idle = timezone.now() - (lead.last_activity_at or lead.created_at)
        return idle.days if idle >= FOLLOW_UP_AFTER else None

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        model_fields = {f.name for f in obj._meta.concrete_fields}
        data = {name: value for name, value in form.cleaned_data.items() if name in model_fields}
        sent = services.staff_lead_create(
            actor=request.user,
            idempotency_key=form.cleaned_data["form_key"],
            note=form.cleaned_data.get("note", "").strip(),
            **data,
        )
        obj.pk = sent.leads[0].pk
        obj._state.adding = False
        obj.refresh_from_db()

    def get_urls(self):
        # Before the admin's own URLs: its "<object_id>/" catch-all would take this one.
        return [
            path(
                "<path:object_id>/follow-up/",
                self.admin_site.admin_view(require_POST(self.follow_up_view)),
                name="buyers_expressionofinterest_follow_up",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and change and self.has_change_permission(request, obj):
            context["follow_up_form"] = FollowUpForm(
                initial={"status": obj.status, "assignee": obj.assigned_to_id},
                auto_id="id_follow_up_%s",
            )
            context["follow_up_url"] = reverse(
                "admin:buyers_expressionofinterest_follow_up", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def follow_up_view(self, request, object_id):
        """Record a new status, assignee or note through the lead services, all or nothing."""
        lead = changeable_object(self, request, object_id)
        change_url = reverse("admin:buyers_expressionofinterest_change", args=[lead.pk])
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            message_form_errors(self, request, form)
            return HttpResponseRedirect(change_url)
        status, assignee = form.cleaned_data["status"], form.cleaned_data["assignee"]
        reassigned = (assignee.pk if assignee else None) != lead.assigned_to_id
        note = form.cleaned_data["note"].strip()
        if status == lead.status and not reassigned and not note:
            self.message_user(request, _("Nothing changed, nothing recorded."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        try:
            with transaction.atomic():
                if reassigned:
                    services.lead_assign(lead=lead, assignee=assignee, actor=request.user)
                if status != lead.status:
                    services.lead_change_status(
                        lead=lead, status=status, actor=request.user, note=note
                    )
                elif note:
                    services.lead_add_note(lead=lead, note=note, actor=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("Recorded in the lead's history."), messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    def _change_status(self, request, queryset, status, *, skip_statuses):
        changed, skipped = 0, 0
        for lead in queryset:
            if lead.status in skip_statuses:
                skipped += 1
                continue
            try:
                services.lead_change_status(lead=lead, status=status, actor=request.user)
                changed += 1
            except ValidationError:
                skipped += 1
        return changed, skipped

    @admin.action(
        description=gettext_lazy("Mark selected leads as contacted"), permissions=["change"]
    )
    def mark_contacted(self, request, queryset):
        changed, skipped = self._change_status(
            request,
            queryset,
            LeadStatus.CONTACTED,
            skip_statuses={s for s in LeadStatus if s != LeadStatus.NEW},
        )
        self.message_user(
            request,
            _(
                "%(changed)d lead(s) marked as contacted; %(skipped)d further along "
                "were left as they were."
            )
            % {"changed": changed, "skipped": skipped},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Mark selected leads as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        changed, skipped = self._change_status(
            request, queryset, LeadStatus.SPAM, skip_statuses={LeadStatus.SPAM}
        )
        self.message_user(
            request,
            _("%(changed)d lead(s) marked as spam.") % {"changed": changed},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Assign selected leads to…"), permissions=["change"])
    def assign(self, request, queryset):
        form = AssignForm(request.POST if "confirmed" in request.POST else None)
        if form.is_bound and form.is_valid():
            assignee = form.cleaned_data["assignee"]
            for lead in queryset:
                services.lead_assign(lead=lead, assignee=assignee, actor=request.user)
            self.message_user(
                request,
                _("%(count)d lead(s) assigned.") % {"count": queryset.count()},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Assign leads"),
            "opts": self.model._meta,
            "objects": queryset.select_related("assigned_to"),
            "form": form,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/expo/assign.html", context)

    @admin.action(description=gettext_lazy("Assign selected leads to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        for lead in queryset:
            services.lead_assign(lead=lead, assignee=request.user, actor=request.user)
        self.message_user(
            request,
            _("%(count)d lead(s) assigned to you.") % {"count": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    """Inquiry lists as sent; their leads are where staff work."""

    list_display = ("reference", "buyer", "created_at")
    list_select_related = ("buyer",)
    search_fields = ("reference", "buyer__name", "buyer__email")
    date_hierarchy = "created_at"
    readonly_fields = ("reference", "buyer", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False
