from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoothConfig(AppConfig):
    name = "booth"
    verbose_name = _("Booth floor")
