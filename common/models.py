"""Model pieces the apps share."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ChangeRequestStatus
from .validation import failed_checks


class ChecksInOneQuery(models.Model):
    """A model whose ``full_clean()`` asks the database for all its check constraints at
    once (``common.validation.failed_checks``); other constraints as Django asks them."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        failed = failed_checks(self, exclude)
        if failed is None:
            return super().validate_constraints(exclude)
        errors = {}
        using = router.db_for_write(type(self), instance=self)
        for model, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    if isinstance(constraint, models.CheckConstraint):
                        if constraint in failed:
                            raise ValidationError(
                                constraint.get_violation_error_message(),
                                code=constraint.violation_error_code,
                            )
                    else:
                        constraint.validate(model, self, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


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


class ChangeRequest(ChecksInOneQuery):
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
