from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThankYouConfig(AppConfig):
    name = "thankyou"
    verbose_name = _("Thank-you mail")
