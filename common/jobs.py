"""Periodic jobs that every app server may start, and only one runs at a time.

Each server's timer starts the same jobs (deploy/systemd/). A job runs only in the process
that takes its PostgreSQL advisory lock; the others find it taken and stop at once. The jobs
themselves record what they have done (mail marked sent, reminders and digests marked
sent, contacts anonymised), so the run that follows finds nothing left to do twice.
django-post-office's own lock is a file on one machine, which a second server never sees.
"""

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

# The jobs of the deployment and the commands each one runs, in order.
JOBS = {
    # Every minute: the mail of booth captures into the queue, then the whole queue out
    # (post_office's send_queued_mail, once the mail server takes a connection).
    "mail": [["queue_capture_mail"], ["deliver_mail"]],
    # Every minute: the printed catalogue made again after a change (nothing otherwise).
    "catalogue": [["print_catalogue"]],
    # Every 15 minutes: the day's meeting reminders.
    "reminders": [["send_meeting_reminders"]],
    # Once a day in the morning: owners' follow-up digests and the staff escalation.
    "digests": [["send_digests"]],
    # Once a day: contacts past EXPO_CONTACT_RETENTION_DAYS anonymised, sent mail older
    # than 90 days deleted from the queue, the catalogue's search table back in order.
    "retention": [["anonymise_contacts"], ["cleanup_mail", "--days", "90"], ["cluster_catalogue"]],
}
# The first number of every advisory lock the portal takes (the second is the job's):
# another application sharing the database server keeps its own locks apart.
LOCK_SPACE = 0x45584F  # "EXO"


def lock_key(name: str) -> tuple[int, int]:
    """The two 32-bit numbers of job ``name``'s advisory lock."""
    return LOCK_SPACE, zlib.crc32(name.encode()) >> 1


@contextmanager
def job_lock(name: str) -> Iterator[bool]:
    """True while this process holds the lock of job ``name`` across all app servers.

    The lock lives in a database session of its own: the jobs close their connections
    when they finish (as post_office's sender does), which must not release it. A process
    that dies loses its session, and the lock with it. Without PostgreSQL (the SQLite
    demo, one machine) there is nothing to share and the job always runs.
    """
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        yield True
        return
    session = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with session.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", lock_key(name))
            held = cursor.fetchone()[0]
        yield held
    finally:
        # Closing the session releases the lock.
        session.close()
