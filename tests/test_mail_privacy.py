"""No log line names an email address: a refused delivery is logged by mail id and hash."""

import io
import logging
import socketserver
import threading
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.urls import reverse
from post_office.models import STATUS, Email

from common.logfilters import RedactAddresses, address_hash

from .factories import ProductFactory
from .lead_data import trade_post


class RefusingSMTP(socketserver.StreamRequestHandler):
    """An SMTP server that knows no recipient, as a real one answers for a dead mailbox."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 refusing.test ESMTP")
        while line := self.rfile.readline().decode(errors="replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 refusing.test")
            elif verb == "RCPT":
                address = line.partition(":")[2].strip()
                self.reply(f"550 5.1.1 {address}: recipient address rejected")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


@contextmanager
def refusing_smtp():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSMTP)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def log_output():
    """What the configured log handlers write (the one post_office's logger uses is ours)."""
    handlers = [
        handler
        for handler in logging.getLogger("post_office").handlers
        if isinstance(handler, logging.StreamHandler)
        and any(isinstance(item, RedactAddresses) for item in handler.filters)
    ]
    assert handlers, "post_office logs through the LOGGING handlers"
    buffer = io.StringIO()
    streams = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, streams, strict=True):
            handler.setStream(stream)


@pytest.fixture
def refused_mail(settings):
    with refusing_smtp() as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 2
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.STAFF_NOTIFICATION_EMAILS = []
        yield


@pytest.mark.django_db(transaction=True)
def test_failed_mail_is_logged_without_the_address(client, refused_mail, tmp_path):
    client.post(
        reverse("buyers:product-interest", args=[ProductFactory().slug]),
        trade_post(email="aiko@example.jp"),
    )
    confirmation = Email.objects.get(to=["aiko@example.jp"])

    with log_output() as output:
        call_command("send_queued_mail", lockfile=str(tmp_path / "post_office"))
    log = output.getvalue()

    assert Email.objects.get(pk=confirmation.pk).status != STATUS.sent
    assert f"Failed to send email #{confirmation.pk}" in log
    assert "SMTPRecipientsRefused" in log
    assert address_hash("aiko@example.jp") in log
    assert "@example.jp" not in log
    assert "@umkm.example" not in log


@pytest.mark.django_db
def test_mail_sent_at_once_logs_its_failure_by_id(
    client, refused_mail, settings, django_capture_on_commit_callbacks
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "now"}

    with log_output() as output, django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("buyers:product-interest", args=[ProductFactory().slug]),
            trade_post(email="aiko@example.jp"),
        )
    log = output.getvalue()
    confirmation = Email.objects.get(to=["aiko@example.jp"])

    assert confirmation.status == STATUS.requeued
    assert f"Mail {confirmation.pk} could not be sent at once" in log
    assert "aiko@example.jp" not in log
    assert "@" not in log.replace("<address", "")
