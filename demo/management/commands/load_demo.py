from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from demo import loader


class Command(BaseCommand):
    help = (
        "Load the demo booth (BP2MI at Trade Expo Indonesia 2024): exhibitors, products with "
        "pictures, buyers, delegates and leads. Safe to run again: it adds no rows the second "
        "time. In DEMO_MODE it also creates the DEMO_LOGINS accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-images",
            action="store_true",
            help="Do not draw product pictures (faster, e.g. in tests).",
        )

    def handle(self, *args, **options):
        logins = settings.DEMO_LOGINS if settings.DEMO_MODE else None
        result = loader.LoadResult()
        try:
            # English active: the untranslated columns then hold the English text.
            with translation.override("en"), transaction.atomic():
                loader.load(images=not options["no_images"], logins=logins, result=result)
        except BaseException:
            # The rows are rolled back; do not leave their picture files behind.
            for name in result.images_written:
                default_storage.delete(name)
            raise

        if logins:
            self.stdout.write(f"Demo accounts: {', '.join(result.accounts)}")
        else:
            self.stdout.write("DEMO_MODE is off: no demo accounts were created.")
        self.stdout.write(
            f"New product pictures: {result.pictures_created}; new leads: {result.leads_created}."
        )
        for note in result.notes:
            self.stdout.write(note)
        for label, count in loader.counts():
            self.stdout.write(f"  {label:<22} {count:>6}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
