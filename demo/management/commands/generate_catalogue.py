from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from booths.models import Exhibitor
from demo.catalogue import CatalogueError, generate
from products.models import Certification, Product


class Command(BaseCommand):
    help = (
        "Generate a synthetic catalogue for benchmarks: approved exhibitors and products with "
        "varied English and Indonesian texts, no pictures. The same --seed gives the same "
        "data; running again with a seed already used continues its numbering."
    )

    def add_arguments(self, parser):
        parser.add_argument("--exhibitors", type=int, default=100, help="Exhibitors to create.")
        parser.add_argument("--products", type=int, default=1000, help="Products to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Rows per INSERT (default 2000)."
        )

    def handle(self, *args, **options):
        try:
            result = generate(
                exhibitors=options["exhibitors"],
                products=options["products"],
                seed=options["seed"],
                batch_size=options["batch_size"],
            )
        except CatalogueError as error:
            raise CommandError(str(error)) from error

        if result.created_categories:
            self.stdout.write("No subcategories existed: created the demo category tree.")
        self.stdout.write(
            f"Created {result.exhibitors} exhibitors (from {result.first_exhibitor}), "
            f"{result.products} products (from {result.first_product}) and "
            f"{result.certifications} certifications in {result.seconds:.1f} s "
            f"on {connection.vendor}."
        )
        self.stdout.write(
            f"Now in the database: {Exhibitor.objects.count()} exhibitors, "
            f"{Product.objects.count()} products ({Product.objects.published().count()} "
            f"published), {Certification.objects.count()} certifications."
        )
