"""How long one photo upload holds a web worker: the largest picture the portal accepts.

Creates a scratch PostgreSQL database (``expo_bench_uploads``), then, in process with
the benchmark settings (debug off), an owner posts the product form with one photo of
exactly ``EXPO_UPLOAD_MAX_PIXELS`` pixels (5000 × 5000) as JPEG, PNG and WebP, and with
one pixel row too many (refused from its header). Each figure is the median of a few
posts, printed next to a trivial view served the same way. Run with
``make bench-uploads``; nothing here runs in the tests.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get("BENCH_DATABASE", "expo_bench_uploads")
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
MEDIA = tempfile.mkdtemp(prefix="expo-bench-media-")

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "expo_portal.settings.bench",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DJANGO_MEDIA_ROOT": MEDIA,
    }
)


def recreate_database():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def picture(size, image_format) -> bytes:
    """A photo-like picture: smooth gradients with coarse grain (a PNG of 25 megapixels
    stays under the 5 MB limit, as a photo of a flat product on a plain background)."""
    from PIL import Image

    width, height = size
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise((width // 16, height // 16), 40).resize(
        size, Image.Resampling.NEAREST
    )
    buffer = io.BytesIO()
    options = {} if image_format == "PNG" else {"quality": 85}
    Image.merge("RGB", (red, green, grain)).save(buffer, image_format, **options)
    return buffer.getvalue()


def median_ms(action) -> tuple[float, float]:
    """Median wall-clock and CPU time (ms) of ``action``. The CPU time is what the worker
    itself spent: on a shared machine the wall clock also counts other processes."""
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main():
    recreate_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client, override_settings

    from tests.factories import ExhibitorFactory, SubCategoryFactory, UserFactory
    from tests.portal_helpers import product_form_data

    call_command("migrate", verbosity=0)
    # A refused form is rendered: static files by their plain names (no collectstatic).
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        EXPO_OWNER_PHOTO_QUOTA=1000,
    ).enable()
    owner = UserFactory(username="bench-owner")
    exhibitor = ExhibitorFactory(owners=[owner], slug="bench-business")
    category = SubCategoryFactory()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    url = f"/en/portal/products/add/?business={exhibitor.slug}"

    def trivial():
        assert client.get("/bench/trivial").status_code == 200

    def post(data: bytes, expected: int):
        def send():
            upload = SimpleUploadedFile("photo", data, content_type="image/jpeg")
            response = client.post(
                url, {**product_form_data(category=category), "new_photos": [upload]}
            )
            assert response.status_code == expected, response.status_code

        return send

    side = int(settings.EXPO_UPLOAD_MAX_PIXELS**0.5)
    rows = [("trivial view", "", median_ms(trivial))]
    for image_format in ("JPEG", "PNG", "WEBP"):
        data = picture((side, side), image_format)
        label = f"largest accepted {image_format} ({side} × {side})"
        rows.append((label, f"{len(data) / 1e6:.1f} MB", median_ms(post(data, 302))))
    data = picture((side, side + 1), "PNG")
    label = f"one row too many, PNG ({side} × {side + 1})"
    rows.append((label, f"{len(data) / 1e6:.1f} MB", median_ms(post(data, 400))))

    trivial_ms = rows[0][2][0]
    print("\n| upload | file | wall ms | CPU ms | × trivial (wall) |\n|---|---:|---:|---:|---:|")
    for label, size, (wall, cpu) in rows:
        print(f"| {label} | {size} | {wall:,.0f} | {cpu:,.0f} | {wall / trivial_ms:,.0f} |")


if __name__ == "__main__":
    main()
