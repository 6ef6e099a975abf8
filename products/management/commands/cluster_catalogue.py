"""Put the catalogue's search table back in category order: ``manage.py cluster_catalogue``."""

from django.core.management.base import BaseCommand
from django.db import connection

from products.catalogue_sql import RESTORE_ORDER


class Command(BaseCommand):
    help = (
        "Write the catalogue's search table anew in category order, so that a common "
        "word's matches share pages (products.catalogue_sql). Searches wait while it runs, "
        "about 3 seconds at 100,000 products: it belongs in the nightly retention job."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: the search table exists on PostgreSQL only.")
            return
        with connection.cursor() as cursor:
            cursor.execute(RESTORE_ORDER)
        self.stdout.write("The catalogue's search table is in category order again.")
