from django.core.management.base import BaseCommand

from booth.services import capture_mail_write


class Command(BaseCommand):
    help = (
        "Write the mail of the captures stored at the booth (the visitor's confirmation, "
        "the businesses' notices) into the mail queue. Run from cron every minute, before "
        "send_queued_mail."
    )

    def handle(self, *args, **options):
        written = capture_mail_write()
        if options["verbosity"] > 1:
            self.stdout.write(f"Mail written for {written} captures.")
