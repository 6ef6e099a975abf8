"""Owner accounts: the invitation that lets a new owner choose their own password."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

OWNER_LANGUAGE = "id"


def invitation_url(*, user, base_url: str, language: str = OWNER_LANGUAGE) -> str:
    """The one-time link to choose a password (Django's password-reset token).

    It stops working once the password is chosen, after a login, and after
    PASSWORD_RESET_TIMEOUT (three days by default).
    """
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(language):
        path = reverse("portal:invitation", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


def owner_invite(*, user, base_url: str, language: str = OWNER_LANGUAGE, actor=None) -> None:
    """Email an owner the link to choose their password. No password is ever emailed.

    ``base_url`` is the site's address (``https://expo.example.go.id``): the requesting
    page's, or EXPO_PUBLIC_BASE_URL for the management command. An account that has
    never logged in loses any password staff typed in the admin, so only the owner
    ever knows theirs. The mail goes out at once, not through the mail queue: the link
    is as good as a password and must not rest in the database. Raises
    ``ValidationError`` when the account cannot be invited.
    """
    if not user.is_active:
        raise ValidationError(_("This account is switched off. Switch it on in the admin first."))
    if not user.email:
        raise ValidationError(
            _("This account has no email address. Add one in the admin first."), code="no_email"
        )
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose English or Bahasa Indonesia."), code="language")
    if user.last_login is None and user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    url = invitation_url(user=user, base_url=base_url, language=language)
    context = {
        "user": user,
        "url": url,
        "username": user.get_username(),
        "login_url": base_url.rstrip("/") + _login_path(language),
        "days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
        "businesses": [exhibitor.name for exhibitor in user.exhibitors.order_by("name")],
    }
    with translation.override(language):
        subject = render_to_string("portal/emails/invitation_subject.txt", context)
        text = render_to_string("portal/emails/invitation.txt", context)
        html = render_to_string("portal/emails/invitation.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(html, "text/html")
    message.send()
    # Who invited whom, for the record; never the link itself.
    logger.info("Invitation sent to account %s by %s", user.pk, getattr(actor, "pk", "a command"))


def _login_path(language: str) -> str:
    with translation.override(language):
        return reverse("portal:login")
