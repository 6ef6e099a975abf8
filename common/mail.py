"""Mail rendered here and stored in django-post-office's queue.

``manage.py send_queued_mail`` (cron, every minute) delivers the queue and retries
what failed. The rendered text goes straight into the queue: post-office's
``mail.send`` would read it as a template once more, and text a visitor typed
("{% ... %}") must stay text.
"""

import logging
from contextlib import suppress
from email.utils import make_msgid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import get_connection
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.utils import timezone, translation
from post_office.models import PRIORITY, STATUS, Attachment, Email
from post_office.settings import get_backend, get_default_mailer
from post_office.utils import parse_priority

logger = logging.getLogger(__name__)


def queue_mail(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str,
    reply_to: str = "",
    attachments: dict[str, tuple[bytes, str]] | None = None,
) -> Email | None:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` in ``language`` and queue them.

    ``attachments`` maps file names to (content, MIME type).
    """
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return None
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    priority = parse_priority(None)
    email = Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        # A subject is one line, whatever a product name contains.
        subject=" ".join(subject.split())[:200],
        message=text,
        html_message=html,
        headers={"Reply-To": reply_to} if reply_to else None,
        message_id=make_msgid(domain=DNS_NAME),
        priority=priority,
        status=STATUS.queued,
    )
    for name, (content, mimetype) in (attachments or {}).items():
        attachment = Attachment(name=name, mimetype=mimetype)
        attachment.file.save(name, ContentFile(content), save=True)
        attachment.emails.add(email)
    if priority == PRIORITY.now and email.dispatch() == STATUS.failed:
        # Sending at once is a courtesy of the demo; a failure goes back to the queue.
        # The log names the mail by its id, never by its recipients.
        logger.warning("Mail %s could not be sent at once: it waits in the queue.", email.pk)
        email.status = STATUS.requeued
        email.scheduled_time = timezone.now()
        email.save(update_fields=["status", "scheduled_time", "last_updated"])
    return email


def mail_server_problem() -> str | None:
    """Which mail server cannot be reached and why, in one line, or None when it answers.

    Opens one connection through the backend post_office delivers with (its BACKENDS,
    else EMAIL_BACKEND from EMAIL_URL) and closes it. For SMTP that is the connection,
    STARTTLS or TLS and the login, each within EMAIL_TIMEOUT.
    """
    connection = get_connection(get_backend(get_default_mailer()))
    try:
        connection.open()
    except OSError as error:  # refused, timed out, unknown host, TLS, SMTP replies
        host = getattr(connection, "host", None)
        where = f"{host}:{connection.port}" if host else type(connection).__module__
        return f"{where} cannot be reached ({type(error).__name__}: {error})"
    # A server that drops the line at QUIT has still answered.
    with suppress(OSError):
        connection.close()
    return None
