"""Anonymise buyer and delegate contacts past the retention period (UU PDP 27/2022).

Run it daily from cron, e.g. ``manage.py anonymise_contacts``; the period defaults
to EXPO_CONTACT_RETENTION_DAYS.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backoffice.personal_data import contacts_anonymise_inactive


class Command(BaseCommand):
    help = (
        "Anonymise buyers and delegates with no activity (no change, no lead, no status "
        "change or note on their leads) for the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help="Days without activity (default: EXPO_CONTACT_RETENTION_DAYS, "
            f"now {settings.EXPO_CONTACT_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the contacts, change nothing."
        )

    def handle(self, *args, older_than_days=None, dry_run=False, **options):
        days = settings.EXPO_CONTACT_RETENTION_DAYS if older_than_days is None else older_than_days
        if days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        summary = contacts_anonymise_inactive(older_than_days=days, dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {summary['buyers']} buyers and {summary['delegates']} delegates "
            f"with no activity for {days} days."
        )
