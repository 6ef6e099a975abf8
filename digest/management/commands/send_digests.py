"""Queue the daily digest to owners and the 7-day escalation to staff (cron, once a day)."""

from django.core.management.base import BaseCommand

from digest.services import send_digests


class Command(BaseCommand):
    help = (
        "Queue today's follow-up digest to each owner with something waiting, and to each "
        "staff member the leads assigned to them untouched for 7 days. Running it again the "
        "same day sends nothing more."
    )

    def handle(self, *args, **options):
        counts = send_digests()
        self.stdout.write(
            f"Queued {counts['owners']} owner digest(s) and {counts['staff']} staff escalation(s)."
        )
