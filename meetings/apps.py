from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings at the booth")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from common.cache import page_depends_on

        from .cache import VERSION_KEY, meetings_changed
        from .models import Meeting, MeetingSlot, MeetingTable

        # What the cached "Book a meeting" panels show (see meetings.cache).
        for model in (MeetingTable, MeetingSlot, Meeting):
            uid = f"meetings-{model._meta.label}"
            post_save.connect(meetings_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(meetings_changed, sender=model, dispatch_uid=f"{uid}-delete")

        # Public pages show the panels, so whole cached pages follow this token too.
        page_depends_on(VERSION_KEY)
