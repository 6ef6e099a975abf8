from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder of today's confirmed meetings, to guest and host, once each "
        "(run from cron, e.g. every 15 minutes). Overlapping runs never send one twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="Address of the portal for the links in the mail (default: EXPO_PUBLIC_BASE_URL).",
        )

    def handle(self, *args, **options):
        base_url = options["base_url"] or settings.EXPO_PUBLIC_BASE_URL
        if not base_url:
            raise CommandError(
                "Set EXPO_PUBLIC_BASE_URL (or pass --base-url): the reminder's links need "
                "the portal's address."
            )
        sent = send_due_reminders(base_url=base_url)
        self.stdout.write(f"Meeting reminders queued: {sent}.")
