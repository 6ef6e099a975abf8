"""What the daily digest has sent, and who asked not to receive it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestKind(models.TextChoices):
    OWNER = "owner", _("Owner's digest")
    STAFF = "staff", _("Staff escalation")


class DigestSent(models.Model):
    """One mail of a kind to one account on one day (the unique constraint is what keeps
    a second run of the same day, or two runs at once, from sending twice)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests_sent",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("kind"), max_length=5, choices=DigestKind.choices)
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("queued"), auto_now_add=True)
    leads = models.PositiveIntegerField(_("leads listed"), default=0)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        ordering = ["-day", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="digest_once_a_day"),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.day}"


class DigestPreference(models.Model):
    """An owner's choice about the digest, with when and where it was last made. No row:
    the owner receives the digest."""

    class Via(models.TextChoices):
        LINK = "link", _("Unsubscribe link in the mail")
        PORTAL = "portal", _("Owner portal")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_preference",
        verbose_name=_("account"),
    )
    subscribed = models.BooleanField(_("receives the daily digest"), default=True)
    changed_at = models.DateTimeField(_("changed"))
    changed_via = models.CharField(_("changed through"), max_length=6, choices=Via.choices)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self):
        return f"{self.user}: {'on' if self.subscribed else 'off'}"
