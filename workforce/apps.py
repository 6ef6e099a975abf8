from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "workforce"
    verbose_name = _("Workforce preparation")

    def ready(self):
        from common.cache import content_changed

        from .models import Occupation, ReadinessFigure, TrainingMedia, TrainingProgramme

        # The public workforce pages are cached like the catalogue (see common.cache).
        for model in (Occupation, ReadinessFigure, TrainingProgramme, TrainingMedia):
            uid = f"content-{model._meta.label}"
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
