from django.core.management import call_command
from django.core.management.base import BaseCommand

from common.jobs import JOBS, job_lock


class Command(BaseCommand):
    help = (
        "Run one periodic job (mail, reminders, digests, retention) unless another app "
        "server is running it right now. Every server's timer may start it: only one runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))

    def handle(self, *args, job, **options):
        with job_lock(job) as held:
            if not held:
                self.stdout.write(
                    f"{job}: already running (on this server or another), nothing done here."
                )
                return
            for command, *arguments in JOBS[job]:
                call_command(command, *arguments, verbosity=options["verbosity"])
