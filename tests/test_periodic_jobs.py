"""Periodic jobs started on every app server at once run on one only, and never do a job twice."""

import io
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from post_office import mail as post_office
from post_office.models import STATUS, Email, Log

from common.jobs import JOBS, lock_key

# send_queued_mail closes the database connection when it is done: transactional tests.
pytestmark = pytest.mark.django_db(transaction=True)


def queue_one():
    post_office.send(
        "buyer@example.jp", "Expo Portal <noreply@localhost>", subject="Your inquiry", message="Hi"
    )


def run(job: str) -> str:
    out = io.StringIO()
    call_command("run_job", job, stdout=out)
    return out.getvalue()


class OtherServer:
    """Another app server's process in the middle of a job: a session of its own holding
    the job's lock."""

    def __init__(self, job):
        self.session = connections.create_connection(DEFAULT_DB_ALIAS)
        with self.session.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", lock_key(job))
            assert cursor.fetchone()[0] is True

    def finish(self):
        self.session.close()


def test_a_job_running_on_another_server_is_not_started_again():
    queue_one()
    other = OtherServer("mail")

    said = run("mail")

    assert said == "mail: already running (on this server or another), nothing done here.\n"
    assert mail.outbox == []
    assert Email.objects.get().status == STATUS.queued
    other.finish()


def test_a_job_runs_once_the_other_server_is_done_and_never_twice():
    queue_one()
    other = OtherServer("mail")
    run("mail")
    other.finish()

    run("mail")
    run("mail")

    assert [message.subject for message in mail.outbox] == ["Your inquiry"]
    assert Email.objects.get().status == STATUS.sent


def test_each_job_has_its_own_lock():
    queue_one()
    other = OtherServer("digests")

    run("mail")

    assert len(mail.outbox) == 1
    other.finish()


def test_every_job_runs(settings):
    """Each job's commands exist and run on an empty database."""
    settings.EXPO_PUBLIC_BASE_URL = "https://expo.example.go.id"
    for job in JOBS:
        assert "nothing done here" not in run(job)


def test_an_unknown_job_is_refused():
    with pytest.raises(Exception, match="invalid choice: 'backup'"):
        call_command("run_job", "backup")


def unused_port() -> int:
    """A loopback port that nothing listens on: bound once, then closed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queue_many(count: int):
    Email.objects.bulk_create(
        Email(
            from_email="Expo Portal <noreply@localhost>",
            to=[f"buyer{number}@example.jp"],
            subject="Your inquiry",
            message="Hi",
            status=STATUS.queued,
        )
        for number in range(count)
    )


def queue_state():
    return list(
        Email.objects.order_by("pk").values_list(
            "pk", "status", "number_of_retries", "scheduled_time", "last_updated"
        )
    )


@pytest.fixture
def smtp_on(settings):
    """Mail goes out over SMTP to 127.0.0.1 at the port given."""

    def point_at(port: int):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 2

    return point_at


def test_the_mail_job_leaves_the_queue_as_it_is_while_the_mail_server_is_down(smtp_on):
    port = unused_port()
    smtp_on(port)
    queue_many(200)
    before = queue_state()

    with pytest.raises(CommandError) as failure:
        run("mail")

    # One line for the operator, and an exit status that marks the job's unit as failed.
    assert str(failure.value) == (
        f"Mail server 127.0.0.1:{port} cannot be reached "
        "(ConnectionRefusedError: [Errno 111] Connection refused); "
        "200 messages stay in the queue, none tried."
    )
    assert failure.value.returncode == 75
    assert queue_state() == before
    assert {status for _pk, status, *_rest in before} == {STATUS.queued}
    assert Log.objects.count() == 0


def test_the_mail_job_gives_a_silent_mail_server_email_timeout_once(smtp_on, settings):
    """A server that takes the connection and never greets costs one EMAIL_TIMEOUT."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        smtp_on(silent.getsockname()[1])
        settings.EMAIL_TIMEOUT = 1
        queue_many(20)
        before = queue_state()

        with pytest.raises(CommandError, match=r"timed out\); 20 messages stay in the queue"):
            run("mail")

    assert queue_state() == before
    assert Log.objects.count() == 0


def test_the_mail_job_with_nothing_to_send_needs_no_mail_server(smtp_on):
    smtp_on(unused_port())

    assert run("mail") == ""


def test_the_mail_job_sends_the_same_queue_once_the_mail_server_answers(smtp_on):
    from aiosmtpd.controller import Controller

    received = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    sink = Controller(Sink(), hostname="127.0.0.1", port=unused_port())
    smtp_on(sink.port)
    queue_many(200)
    with pytest.raises(CommandError):
        run("mail")
    sink.start()
    try:
        run("mail")
        run("mail")
    finally:
        sink.stop()

    assert sorted(received) == sorted(f"buyer{number}@example.jp" for number in range(200))
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
    assert set(Email.objects.values_list("number_of_retries", flat=True)) == {None}
    assert Log.objects.count() == 0
