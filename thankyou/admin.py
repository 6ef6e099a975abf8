"""The record of thank-you mailings, per expo and per person: read-only, the staff page
(``thankyou:mailing``) is where mail is sent."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ThankYouMailing, ThankYouRecipient


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ThankYouMailing)
class ThankYouMailingAdmin(ReadOnlyAdmin):
    list_display = ["expo", "sent_at", "sent_by", "recipients_count"]
    list_filter = ["expo"]
    list_select_related = ["expo", "sent_by"]
    fields = ["expo", "sent_at", "sent_by", "recipients_count", "excluded", "intro_en", "intro_ind"]


@admin.register(ThankYouRecipient)
class ThankYouRecipientAdmin(ReadOnlyAdmin):
    list_display = [
        "contact_name",
        "contact_email",
        "language",
        "leads",
        "expo",
        "sent_at",
        "mail_status",
    ]
    list_filter = ["expo", "language", "mailing"]
    list_select_related = ["buyer", "delegate", "expo", "mailing__sent_by", "email"]
    search_fields = ["buyer__email", "buyer__name", "delegate__email", "delegate__name"]
    fields = ["mailing", "expo", "buyer", "delegate", "language", "leads", "email"]

    @admin.display(description=_("name"))
    def contact_name(self, obj):
        return obj.contact.name

    @admin.display(description=_("email"))
    def contact_email(self, obj):
        return obj.contact.email

    @admin.display(description=_("queued"), ordering="mailing__sent_at")
    def sent_at(self, obj):
        return obj.mailing.sent_at

    @admin.display(description=_("mail status"))
    def mail_status(self, obj):
        return obj.email.get_status_display() if obj.email and obj.email.status is not None else "—"
