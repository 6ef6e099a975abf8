"""Build the printed catalogue ahead of buyers: ``manage.py print_catalogue`` (cron)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from products.printed import BuildUnderWay, cache_key, printed_catalogue


class Command(BaseCommand):
    help = (
        "Make the printed catalogue (PDF) of the current expo, or of --expo, in every "
        "language and keep it in the cache, unless the cache holds it for the catalogue as "
        "it is now. Run it every minute from cron, so that downloads find it made."
    )

    def add_arguments(self, parser):
        parser.add_argument("--expo", help="The expo's slug (default: the current expo).")
        parser.add_argument(
            "--base-url",
            default=settings.EXPO_PUBLIC_BASE_URL,
            help="The address the QR codes point at, as buyers open the site "
            "(default: EXPO_PUBLIC_BASE_URL).",
        )

    def handle(self, *args, expo, base_url, **options):
        if not base_url:
            raise CommandError("Pass --base-url or set EXPO_PUBLIC_BASE_URL.")
        base_url = base_url.rstrip("/")
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                fresh = cache_key(expo, base_url)
                start = time.monotonic()
                try:
                    printed = printed_catalogue(expo, base_url)
                except BuildUnderWay:
                    self.stdout.write(f"{language}: being made by another process")
                    continue
                if printed is None and expo:
                    raise CommandError(f"No such expo: {expo}")
                if printed is None:
                    # A new portal, run every minute by its timer: nothing to print yet.
                    self.stdout.write("No expo yet: nothing to print.")
                    return
                seconds = time.monotonic() - start
                self.stdout.write(
                    f"{language}: {printed.filename}, {printed.pages} pages, "
                    f"{len(printed.pdf) / 1e6:.1f} MB, {seconds:.1f} s"
                    + ("" if cache_key(expo, base_url) == fresh else " (the catalogue changed)")
                )
