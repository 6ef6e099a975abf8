"""How long the printed catalogue (``/<lang>/catalogue/print.pdf``) takes to build, and
what a download costs once it is built.

Served by gunicorn as in ``bench/run.py`` (2 workers, debug off, Redis cache), in a
scratch PostgreSQL database (``expo_bench_print``) with its own media folder, for two
catalogues:

- the demo booth of ``load_demo`` (its photos included);
- a generated expo of 60 businesses and 300 products (``generate_catalogue``), every
  product with one photo (1200 x 900, with grain so that it weighs like a photograph),
  all businesses at the booth.

gunicorn runs with ``--timeout 600`` here: the larger build outlasts its default 30 s.

For each: the first build (which also makes each photo's JPEG copy for print), a build
after a change to the catalogue (the copies exist), the Indonesian build, and the median
of 20 downloads of the built file, next to the median of 20 requests to the trivial view.
Run with ``make bench-print``; nothing here runs in the tests.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE", "expo_bench_print")
os.environ.setdefault("BENCH_PORT", "8097")

from bench import run  # noqa: E402  (its settings follow BENCH_DATABASE)

EXHIBITORS = int(os.environ.get("BENCH_PRINT_EXHIBITORS", "60"))
PRODUCTS = int(os.environ.get("BENCH_PRINT_PRODUCTS", "300"))
DOWNLOADS = 20
# A build of hundreds of products outlasts gunicorn's default worker timeout (30 s), which
# would kill it: measured here with room to finish (see README).
BUILD_TIMEOUT = 600

EXPO = """
import datetime
from booths.models import Booth, BoothPresence, Exhibitor, Expo
today = datetime.date.today()
expo = Expo.objects.create(
    name="Trade Expo Indonesia", edition=39, slug="tei-bench", venue="ICE BSD",
    city="Tangerang", start_date=today, end_date=today + datetime.timedelta(days=4),
    is_current=True,
)
booth = Booth.objects.create(
    expo=expo, name="BP2MI", hall="5", stand_number="5-101",
    opening_time=datetime.time(10), closing_time=datetime.time(21),
)
BoothPresence.objects.bulk_create(
    BoothPresence(booth=booth, exhibitor=exhibitor, day=today)
    for exhibitor in Exhibitor.objects.approved()
)
"""

PHOTOS = """
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image
from demo.pictures import product_picture
from products.models import Product, ProductImage
colours = ["#7a3b1d", "#1d5c7a", "#3b7a1d", "#7a1d5c", "#5c7a1d", "#1d7a5c"]
for number, product in enumerate(Product.objects.published().order_by("pk")):
    picture = Image.open(BytesIO(product_picture(
        product.name_en, product.name_ind, colours[number % len(colours)], number
    )))
    grain = Image.effect_noise(picture.size, 48).convert("RGB")
    buffer = BytesIO()
    Image.blend(picture, grain, 0.12).save(buffer, "JPEG", quality=85)
    ProductImage(product=product, image=ContentFile(buffer.getvalue(), name="photo.jpg")).save()
"""

CHANGE = """
from products.models import Product
Product.objects.published().order_by("pk").first().save()
"""


def timed(path):
    start = time.perf_counter()
    body, _headers = run.get(path, timeout=BUILD_TIMEOUT)
    return time.perf_counter() - start, body


def median_ms(path):
    return statistics.median(timed(path)[0] for _ in range(DOWNLOADS)) * 1000


def pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", info).group(1))


def measure(label, static_root):
    server = run.start_server(static_root, ["--timeout", str(BUILD_TIMEOUT)])
    try:
        trivial = median_ms("/bench/trivial")
        first, pdf = timed("/en/catalogue/print.pdf")
        run.shell_output(CHANGE)
        rebuilt, _pdf = timed("/en/catalogue/print.pdf")
        indonesian, _pdf = timed("/id/catalogue/print.pdf")
        warm = median_ms("/en/catalogue/print.pdf")
    finally:
        run.stop_server(server)
    counts = (
        run.shell_output(
            "from products.models import Product, ProductImage\n"
            "print(Product.objects.published().count(), "
            "ProductImage.objects.filter(product__in=Product.objects.published()).count())"
        )
        .splitlines()[-1]
        .split()
    )
    return {
        "label": label,
        "products": int(counts[0]),
        "photos": int(counts[1]),
        "pages": pages(pdf),
        "size": len(pdf),
        "trivial": trivial,
        "first": first,
        "rebuilt": rebuilt,
        "indonesian": indonesian,
        "warm": warm,
    }


def fresh_database():
    run.recreate_database()
    run.manage("migrate", "--noinput", "-v0")


def main():
    media_root = Path(tempfile.mkdtemp(prefix="expo-bench-media-"))
    static_root = Path(tempfile.mkdtemp(prefix="expo-bench-static-"))
    run.ENV["DJANGO_MEDIA_ROOT"] = str(media_root)
    try:
        subprocess.run(
            [run.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env={**run.ENV, "DJANGO_STATIC_ROOT": str(static_root)},
            check=True,
        )
        fresh_database()
        run.manage("load_demo")
        rows = [measure("demo booth", static_root)]
        fresh_database()
        run.manage(
            "generate_catalogue", "--exhibitors", str(EXHIBITORS), "--products", str(PRODUCTS),
            "--seed", "60",
        )  # fmt: skip
        run.shell_output(EXPO)
        run.shell_output(PHOTOS)
        rows.append(measure(f"{EXHIBITORS} businesses", static_root))
    finally:
        shutil.rmtree(media_root, ignore_errors=True)
        shutil.rmtree(static_root, ignore_errors=True)

    print()
    print("printed catalogue, gunicorn (2 workers), Redis cache; seconds unless marked:")
    print(
        f"  {'catalogue':<16}{'products':>9}{'pages':>7}{'MB':>7}{'first':>8}{'rebuilt':>9}"
        f"{'id':>7}{'download ms':>13}{'trivial ms':>12}"
    )
    for row in rows:
        print(
            f"  {row['label']:<16}{row['products']:>9}{row['pages']:>7}"
            f"{row['size'] / 1e6:>7.1f}{row['first']:>8.1f}{row['rebuilt']:>9.1f}"
            f"{row['indonesian']:>7.1f}{row['warm']:>13.1f}{row['trivial']:>12.1f}"
        )
    print(
        "  first: the first download, which also makes each photo's JPEG copy; rebuilt: the\n"
        "  next download after a change; id: the Indonesian file; download: the built file\n"
        "  served from the cache (median of 20)."
    )


if __name__ == "__main__":
    main()
