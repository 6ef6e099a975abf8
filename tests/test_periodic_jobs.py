"""Periodic jobs started on every app server at once run on one only, and never do a job twice."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from post_office import mail as post_office
from post_office.models import STATUS, Email

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
