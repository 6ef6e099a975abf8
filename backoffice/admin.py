"""The admin site itself: titles, the staff tools on its index, users, the audit log, mail."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office.admin import EmailAdmin
from post_office.models import STATUS, Email

from .forms import AdminLoginForm
from .models import PersonalDataAudit

admin.site.site_header = _("Expo Portal staff")
admin.site.site_title = _("Expo Portal staff")
admin.site.index_title = _("Run the booth")
admin.site.index_template = "admin/expo/index.html"
admin.site.login_form = AdminLoginForm

User = get_user_model()


class StaffUserAdmin(UserAdmin):
    """Users for Booth admins: only a superuser may make superusers or hand out
    single permissions; everyone else works with the groups "Booth staff" and "Booth admin"."""

    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "group_names",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("groups"))
    def group_names(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions", "last_login", "date_joined"]
        return readonly

    def has_change_permission(self, request, obj=None):
        # A superuser account is changed by superusers alone.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(PersonalDataAudit)
class PersonalDataAuditAdmin(admin.ModelAdmin):
    """Read-only: entries are written by the personal-data tools alone."""

    list_display = ("at", "action", "actor", "reference", "summary")
    list_filter = ("action", "at")
    list_select_related = ("actor",)
    search_fields = ("reference", "email_hash")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MailQueueAdmin(EmailAdmin):
    """post_office's mail queue, with a requeue staff can trust.

    Only failed mail goes back to the queue (requeueing sent mail would mail a buyer
    twice), with its retries counted afresh, and only for accounts that may change mail:
    post_office's own action asked for nothing more than a view of the list.
    """

    actions = ["requeue_failed"]
    # Mail goes back to the queue through the action alone, never a sent one.
    readonly_fields = [*EmailAdmin.readonly_fields, "status"]

    # post_office's own columns, with labels our catalogue translates: its "last updated"
    # is no message at all, and its "To" reads "Sampai" (until) in Indonesian.
    list_display = [
        "truncated_message_id",
        "to_display",
        "shortened_subject",
        "status",
        "updated",
        "scheduled_time",
        "use_template",
    ]

    @admin.display(description=_("Recipients"), ordering="to")
    def to_display(self, instance):
        return super().to_display(instance)

    @admin.display(description=_("Last updated"), ordering="last_updated")
    def updated(self, instance):
        return instance.last_updated

    @admin.action(description=_("Requeue the selected failed mail"), permissions=["change"])
    def requeue_failed(self, request, queryset):
        selected = queryset.count()
        now = timezone.now()
        requeued = queryset.filter(status=STATUS.failed).update(
            status=STATUS.queued, number_of_retries=0, scheduled_time=now, last_updated=now
        )
        message = ngettext(
            "%(count)d failed mail is back in the queue.",
            "%(count)d failed mails are back in the queue.",
            requeued,
        ) % {"count": requeued}
        if selected > requeued:
            message += " " + ngettext(
                "%(count)d selected mail had not failed and was left as it was.",
                "%(count)d selected mails had not failed and were left as they were.",
                selected - requeued,
            ) % {"count": selected - requeued}
        self.message_user(request, message, messages.SUCCESS if requeued else messages.WARNING)


if admin.site.is_registered(Email):
    admin.site.unregister(Email)
admin.site.register(Email, MailQueueAdmin)
