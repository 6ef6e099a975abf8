"""The admin site itself: titles, the staff tools on its index, users and the audit log."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import PersonalDataAudit

admin.site.site_header = _("Expo Portal staff")
admin.site.site_title = _("Expo Portal staff")
admin.site.index_title = _("Run the booth")
admin.site.index_template = "admin/expo/index.html"

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
