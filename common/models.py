"""Model pieces the apps share."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ChangeRequestStatus


def change_request_constraints(changed: str) -> list:
    """One pending request per ``changed`` object, and a reason for every rejection."""
    return [
        models.UniqueConstraint(
            fields=[changed],
            condition=models.Q(status=ChangeRequestStatus.PENDING),
            name=f"{changed}_one_pending_change_request",
        ),
        models.CheckConstraint(
            condition=~models.Q(status=ChangeRequestStatus.REJECTED) | ~models.Q(reason=""),
            name=f"{changed}_change_rejection_has_reason",
        ),
    ]


class ChangeRequest(models.Model):
    """Changes owners proposed to something public, waiting for staff approval.

    The live row stays the last approved state until staff approve, so buyers never
    see unreviewed text. ``changes`` is the owners' typed proposal as JSON (its
    ``to_json``); ``previous`` keeps the values it replaces in the same form, for the
    record after review. Each app adds the foreign key to what is changed.
    """

    changes = models.JSONField(_("proposed values"), default=dict)
    previous = models.JSONField(_("values before"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-submitted_at", "-id"]

    def keep(self, *, changes, previous, actor=None) -> None:
        """Store ``changes`` (a typed proposal) for review, in place of what waited before,
        with ``previous``, the live values they would replace."""
        self.changes = changes.to_json()
        self.previous = previous.to_json()
        self.submitted_at = timezone.now()
        self.submitted_by = actor
        self.full_clean()
        self.save()

    def close(self, *, status: str, actor=None, reason: str = "") -> None:
        """Record the review: approved, or rejected with the reason the owners read."""
        self.status = status
        self.reason = reason
        self.reviewed_at = timezone.now()
        self.reviewed_by = actor
        self.full_clean()
        self.save()
