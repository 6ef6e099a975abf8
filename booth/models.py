from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Device(models.Model):
    """A phone or tablet capturing at the stand, as it last reported itself.

    The device names itself (a UUID it keeps), and reports how many captures it still
    holds each time it is online, so the booth lead sees captures stuck on a device.
    """

    id = models.UUIDField(primary_key=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="booth_devices",
        verbose_name=_("used by"),
    )
    waiting = models.PositiveIntegerField(_("captures waiting on the device"), default=0)
    last_synced_at = models.DateTimeField(_("last reported"))

    class Meta:
        verbose_name = _("capture device")
        verbose_name_plural = _("capture devices")
        ordering = ["-last_synced_at"]
        permissions = [("capture_lead", _("Can capture leads at the booth"))]

    def __str__(self):
        return f"{self.user} {self.id}"


class CaptureMail(models.Model):
    """The mail a stored capture still owes: the visitor's confirmation and the
    businesses' notices. Recorded with the capture, in its transaction, and written out
    of the request by ``manage.py queue_capture_mail`` (cron, every minute), so a busy
    stand's devices are never kept waiting on mail rendering."""

    lead_ids = models.JSONField(_("leads"))
    inquiry = models.ForeignKey(
        "buyers.Inquiry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inquiry"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("capture mail to write")
        verbose_name_plural = _("capture mail to write")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.pk}: {self.lead_ids}"
