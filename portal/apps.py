from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The MSME owner portal: the owner's pages over the booths, products and buyers apps."""

    name = "portal"
    verbose_name = _("Owner portal")
