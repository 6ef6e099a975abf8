"""The thank-you mail after an expo: who sent it, when, and to whom.

A person is mailed once per expo: ``ThankYouRecipient`` holds one row per buyer or
delegate and expo, and its unique constraints are what keep a second send, or two sends
at once, from mailing anyone twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from booths.models import Expo
from buyers.models import Buyer, Delegate


class ThankYouMailing(models.Model):
    """One send of the thank-you mail for an expo, with the texts it went out with."""

    expo = models.ForeignKey(
        Expo, on_delete=models.PROTECT, related_name="thank_you_mailings", verbose_name=_("expo")
    )
    sent_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    intro_en = models.TextField(_("opening text in English"), blank=True)
    intro_ind = models.TextField(_("opening text in Indonesian"), blank=True)
    recipients_count = models.PositiveIntegerField(_("people mailed"), default=0)
    excluded = models.JSONField(
        _("people left out"),
        default=dict,
        blank=True,
        help_text=_("How many were left out, by reason."),
    )

    class Meta:
        verbose_name = _("thank-you mailing")
        verbose_name_plural = _("thank-you mailings")
        ordering = ["-sent_at", "-id"]
        permissions = [
            ("send_thank_you_mail", _("Can send the thank-you mail after an expo")),
        ]

    def __str__(self):
        return f"{self.expo} {self.sent_at:%Y-%m-%d %H:%M}"


class ThankYouRecipient(models.Model):
    """A buyer or delegate who was sent the thank-you mail of an expo."""

    mailing = models.ForeignKey(
        ThankYouMailing,
        on_delete=models.PROTECT,
        related_name="recipients",
        verbose_name=_("mailing"),
    )
    # The expo again, so the database itself holds "once per person and expo".
    expo = models.ForeignKey(
        Expo, on_delete=models.PROTECT, related_name="+", verbose_name=_("expo")
    )
    # Erasing a person's data deletes the record of mailing them with them.
    buyer = models.ForeignKey(
        Buyer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thank_you_mails",
        verbose_name=_("buyer"),
    )
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thank_you_mails",
        verbose_name=_("delegate"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    leads = models.PositiveSmallIntegerField(_("inquiries listed"), default=0)
    email = models.ForeignKey(
        "post_office.Email",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mail in the queue"),
    )

    class Meta:
        verbose_name = _("thank-you mail recipient")
        verbose_name_plural = _("thank-you mail recipients")
        ordering = ["mailing", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(buyer__isnull=False, delegate__isnull=True)
                | Q(buyer__isnull=True, delegate__isnull=False),
                name="thank_you_one_contact",
            ),
            models.UniqueConstraint(
                fields=["expo", "buyer"],
                condition=Q(buyer__isnull=False),
                name="thank_you_once_per_buyer",
            ),
            models.UniqueConstraint(
                fields=["expo", "delegate"],
                condition=Q(delegate__isnull=False),
                name="thank_you_once_per_delegate",
            ),
        ]

    def __str__(self):
        return str(self.buyer or self.delegate)

    @property
    def contact(self):
        return self.buyer or self.delegate
