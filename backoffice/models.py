from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataAction(models.TextChoices):
    EXPORT = "export", _("Exported")
    WITHDRAW_CONSENT = "withdraw", _("Consent to share withdrawn")
    ANONYMISE = "anonymise", _("Anonymised")
    ERASE = "erase", _("Erased")
    RETENTION = "retention", _("Anonymised after the retention period")


class PersonalDataAudit(models.Model):
    """One request about a person's data (UU PDP 27/2022) and what staff did about it.

    The email itself is not kept (that would defeat an erasure): only a keyed hash
    of it, so staff can still answer "did we act on this address, and when?".
    """

    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=10, choices=PersonalDataAction.choices)
    email_hash = models.CharField(_("email fingerprint"), max_length=64, db_index=True)
    reference = models.CharField(
        _("request reference"),
        max_length=120,
        blank=True,
        help_text=_("The letter, email or ticket the person made the request with."),
    )
    summary = models.JSONField(_("records affected"), default=dict, blank=True)

    class Meta:
        verbose_name = _("personal data audit entry")
        verbose_name_plural = _("personal data audit")
        ordering = ["-at", "-id"]
        permissions = [
            ("view_results", _("Can see the results dashboard")),
            ("print_qr_cards", _("Can print QR cards for the stand")),
            ("manage_personal_data", _("Can find, export and erase personal data")),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
