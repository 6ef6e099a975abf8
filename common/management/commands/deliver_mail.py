from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from post_office.mail import get_queued
from post_office.models import STATUS, Email

from common.mail import mail_server_problem

# sysexits.h: a temporary failure, worth trying again later.
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = (
        "Send the mail queue (post_office's send_queued_mail) once one connection to the "
        "mail server works. When it does not, leave the queue as it is and fail (exit "
        "status 75)."
    )

    def handle(self, *args, **options):
        # post_office tries every message on its own: with the server down, each one is a
        # failed connection, a log row and a retry spent, a thousand a minute. One
        # connection first; an empty queue needs none.
        if get_queued().exists():
            problem = mail_server_problem()
            if problem:
                waiting = Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count()
                raise CommandError(
                    f"Mail server {problem}; {waiting} messages stay in the queue, none tried.",
                    returncode=EX_TEMPFAIL,
                )
        call_command("send_queued_mail", verbosity=options["verbosity"])
