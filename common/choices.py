from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    """Where a listing stands with the agency's reviewers; only approved ones are public."""

    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Needs changes")


class ChangeRequestStatus(models.TextChoices):
    """Where an owner's proposed changes to a public listing stand with the reviewers."""

    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
