from django.contrib import admin

from .models import DigestPreference, DigestSent


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "user", "leads", "sent_at"]
    list_filter = ["kind", "day"]
    search_fields = ["user__username", "user__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "subscribed", "changed_at", "changed_via"]
    list_filter = ["subscribed", "changed_via"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["changed_at", "changed_via"]
