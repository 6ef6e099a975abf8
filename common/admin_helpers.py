"""Pieces the admin of every app shares: badges, thumbnails, filters, review actions.

Badge colours and thumbnail sizes live in static/css/admin.css (classes, no style
attributes). Actions that need a reason or a choice show an intermediate page
(templates under templates/admin/expo/) and call the app's service.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries

from common.cache import CONTENT, changed
from common.choices import ChangeRequestStatus, ReviewStatus

REVIEW_TONES = {
    ReviewStatus.DRAFT: "muted",
    ReviewStatus.PENDING: "warning",
    ReviewStatus.APPROVED: "success",
    ReviewStatus.REJECTED: "danger",
}


class RejectForm(forms.Form):
    """The reason sent back with rejected products or exhibitors."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Say what to change. The owner sees this text."),
        max_length=2000,
        error_messages={
            "required": gettext_lazy("Give a reason, so the owner knows what to change.")
        },
    )


class AssignForm(forms.Form):
    """Who is in charge: an active staff member, or nobody."""

    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Staff member"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody (unassign)"),
        error_messages={"invalid_choice": gettext_lazy("Choose a staff member from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
        )


def changeable_object(modeladmin, request, object_id):
    """The object a change-page control acts on: 404 when it does not exist, 403 for
    accounts that may not change it."""
    obj = modeladmin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404
    if not modeladmin.has_change_permission(request, obj):
        raise PermissionDenied
    return obj


def message_form_errors(modeladmin, request, form) -> None:
    """A refused control's reasons, each with its field's label, shown on the page it
    returns to."""
    for name, errors in form.errors.items():
        text = " ".join(errors)
        if name in form.fields:
            text = f"{form.fields[name].label}: {text}"
        modeladmin.message_user(request, text, messages.ERROR)


class AdminStyles:
    css = {"all": ["css/admin.css"]}


def badge(text, tone="muted", title=""):
    if title:
        return format_html(
            '<span class="expo-badge expo-badge-{}" title="{}">{}</span>', tone, title, text
        )
    return format_html('<span class="expo-badge expo-badge-{}">{}</span>', tone, text)


def review_badge(obj):
    return badge(obj.get_review_status_display(), REVIEW_TONES.get(obj.review_status, "muted"))


def thumbnail(url, alt=""):
    if not url:
        return format_html(
            '<span class="{}" aria-hidden="true"></span>', "expo-thumb expo-thumb-empty"
        )
    return format_html(
        '<img class="expo-thumb" src="{}" alt="{}" width="48" height="48" loading="lazy">',
        url,
        alt,
    )


def present_countries_filter(field_name, title):
    """A list filter of the countries that occur in ``field_name`` (not all 249)."""

    class PresentCountriesFilter(admin.SimpleListFilter):
        parameter_name = field_name.replace("__", "_")

        def lookups(self, request, model_admin):
            codes = (
                model_admin.get_queryset(request)
                .order_by()
                .values_list(field_name, flat=True)
                .distinct()
            )
            return sorted(
                ((code, countries.name(code) or code) for code in codes if code),
                key=lambda item: str(item[1]),
            )

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field_name: self.value()})
            return queryset

    PresentCountriesFilter.title = title
    return PresentCountriesFilter


def present_choices_filter(field_name, title, choices):
    """A list filter of the choices that occur in ``field_name`` (e.g. 5 of 38 provinces)."""

    class PresentChoicesFilter(admin.SimpleListFilter):
        parameter_name = field_name.replace("__", "_")

        def lookups(self, request, model_admin):
            present = set(
                model_admin.get_queryset(request)
                .order_by()
                .values_list(field_name, flat=True)
                .distinct()
            )
            return [(value, label) for value, label in choices if value in present]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field_name: self.value()})
            return queryset

    PresentChoicesFilter.title = title
    return PresentChoicesFilter


class PendingChangesFilter(admin.SimpleListFilter):
    """Whether owners' changes wait for review (``has_pending_changes``, annotated)."""

    title = gettext_lazy("changes waiting for review")
    parameter_name = "pending_changes"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_pending_changes=True)
        if self.value() == "no":
            return queryset.filter(has_pending_changes=False)
        return queryset


class PublicContentAdmin:
    """For models buyers see that staff edit in place in the admin (categories, expos,
    booths and their days, a product's or business's own page with its photos,
    certifications and booth days, meeting tables and slots): every save, delete (one or
    a selection) and import through this admin bumps ``content_versions``
    (``common.cache``), as the services do for their writes."""

    content_versions = (CONTENT,)

    def _content_changed(self):
        changed(*self.content_versions)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._content_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._content_changed()

    def process_import(self, request, **kwargs):
        response = super().process_import(request, **kwargs)
        self._content_changed()
        return response


class AuditedAdminMixin:
    """Fill ``created_by`` and ``updated_by`` from the staff member who saves."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


def run_review(modeladmin, request, queryset, *, approve=None, reject=None, describe=None):
    """Approve at once, or ask for a reason and reject (an intermediate admin page).

    ``describe(obj)`` may return rows (label, before, after) shown beside each object:
    the field-by-field diff of its pending changes.
    """
    if approve is not None:
        done, failed = 0, []
        for obj in queryset:
            try:
                approve(obj, request.user)
                done += 1
            except ValidationError as error:
                failed.append(f"{obj}: {'; '.join(error.messages)}")
        if done:
            modeladmin.message_user(
                request,
                _("Approved %(count)d item(s).") % {"count": done},
                messages.SUCCESS,
            )
        for failure in failed:
            modeladmin.message_user(
                request, _("Not approved: %(reason)s") % {"reason": failure}, messages.ERROR
            )
        return None

    form = RejectForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        count = 0
        for obj in queryset:
            reject(obj, request.user, form.cleaned_data["reason"])
            count += 1
        modeladmin.message_user(
            request,
            _("Sent back %(count)d item(s) with your reason.") % {"count": count},
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Reject with a reason"),
        "opts": modeladmin.model._meta,
        "objects": [(obj, describe(obj) if describe else None) for obj in queryset],
        "form": form,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/expo/reject.html", context)


class ReviewAdminMixin:
    """Approve and Reject on the change page, beside what there is to review.

    The review status and reason are read-only in the form: a review moves only through
    the app's services, from the list actions or from these two buttons, which post to
    views of their own. Subclasses give ``review_approve(obj, user)`` and
    ``review_reject(obj, user, reason)``, which return the object as reviewed, and,
    and ``review_diff``, the app's service that shows a change request field by field:
    staff see the owners' pending changes (``obj.change_requests``) beside the approved
    values.
    """

    change_form_template = "admin/expo/review_change_form.html"
    review_diff = None

    def review_context(self, obj):
        pending = (
            obj.change_requests.filter(status=ChangeRequestStatus.PENDING)
            .select_related("submitted_by")
            .first()
        )
        return {"pending": pending, "diff": self.review_diff(pending) if pending else []}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        # Before the admin's own URLs: its "<object_id>/" catch-all would take these.
        return [
            path(
                "<path:object_id>/approve/",
                self.admin_site.admin_view(require_POST(self.approve_view)),
                name="{}_{}_approve".format(*info),
            ),
            path(
                "<path:object_id>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="{}_{}_reject".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=[obj.pk])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and change:
            details = self.review_context(obj)
            context["review"] = {
                **details,
                "can_review": self.has_change_permission(request, obj),
                "can_approve": obj.review_status != ReviewStatus.APPROVED or details.get("pending"),
                "approve_url": self._url("approve", obj),
                "reject_url": self._url("reject", obj),
                "reject_form": RejectForm(auto_id="id_review_%s"),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def approve_view(self, request, object_id):
        obj = changeable_object(self, request, object_id)
        try:
            obj = self.review_approve(obj, request.user)
        except ValidationError as error:
            self.message_user(
                request,
                _("Not approved: %(reason)s") % {"reason": "; ".join(error.messages)},
                messages.ERROR,
            )
        else:
            self.message_user(request, _("Approved “%(item)s”.") % {"item": obj}, messages.SUCCESS)
        return HttpResponseRedirect(self._url("change", obj))

    def reject_view(self, request, object_id):
        """Reject with the reason typed on the change page; without a valid reason, the
        reject page shows the error and keeps what was typed."""
        obj = changeable_object(self, request, object_id)
        form = RejectForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                obj = self.review_reject(obj, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("Sent “%(item)s” back with your reason.") % {"item": obj},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._url("change", obj))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject with a reason"),
            "opts": self.opts,
            "objects": [(obj, self.review_context(obj).get("diff"))],
            "form": form,
            "cancel_url": self._url("change", obj),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/expo/reject.html", context)


MAX_CARDS_FROM_ADMIN = 200


class CardPrintingMixin:
    """The "Print QR cards" action: opens the staff card sheet for the selected objects."""

    card_parameter = ""

    def has_print_cards_permission(self, request):
        return request.user.has_perm("backoffice.print_qr_cards")

    @admin.action(
        description=gettext_lazy("Print QR cards for the stand"), permissions=["print_cards"]
    )
    def print_cards(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True)[: MAX_CARDS_FROM_ADMIN + 1])
        if len(ids) > MAX_CARDS_FROM_ADMIN:
            self.message_user(
                request,
                _("Select at most %(count)d items to print at once.")
                % {"count": MAX_CARDS_FROM_ADMIN},
                messages.ERROR,
            )
            return None
        query = urlencode([(self.card_parameter, pk) for pk in ids])
        return HttpResponseRedirect(f"{reverse('backoffice:cards')}?{query}")
