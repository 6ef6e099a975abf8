"""The printed booth catalogue: an expo's published products by business, as an A4 PDF.

For buyers who want paper. It shows what the public pages show and nothing more: the
approved businesses that stand at one of the expo's booths, each with its published
products (approved versions only, never owners' pending changes), certificates in force,
and a QR code to each product's page in the same language.

Building it takes seconds (WeasyPrint lays out every page), so the finished file is kept
in the cache under the public content version, the language, the day in Jakarta and the
address the codes point at: a change to the catalogue makes a new file, and every other
download is read from the cache without a database query.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.text import slugify
from sorl.thumbnail import get_thumbnail

from booths.models import BoothPresence, Exhibitor, Expo
from common.cache import CONTENT, versions
from common.qr import qr_svg
from common.release import release

from .models import Certification, Product, ProductImage

logger = logging.getLogger(__name__)

# Photos are printed 30 mm wide: 400 pixels is about 340 dpi. WeasyPrint embeds a JPEG as
# it is, but decodes WebP and stores raw pixels (seven times larger), so the catalogue
# asks sorl-thumbnail for a JPEG of its own (at most 400 pixels a side) beside the WebP sizes.
PHOTO_WIDTH = 400
PHOTO_GEOMETRY = f"{PHOTO_WIDTH}x{PHOTO_WIDTH}"
PHOTO_QUALITY = 80
# The day is part of the key, so a copy outlives its day only until the next download.
CACHE_SECONDS = 24 * 60 * 60
QR_CACHE_SECONDS = 30 * 24 * 60 * 60
# One build at a time, whichever file, on all app servers sharing the cache: at most one
# web worker is ever busy laying out pages. Other requests for a file not made yet are
# told at once to come back (never held waiting, which would tie up workers). The lock
# outlives the slowest build measured; gunicorn's timeout still ends the build cleanly.
BUILD_LOCK = "printed-catalogue:building"
BUILD_LOCK_SECONDS = 300
MEDIA_SCHEME = "media:"


class BuildUnderWay(Exception):
    """Another process is making this file and has not finished."""


@dataclass
class PrintedCatalogue:
    pdf: bytes
    filename: str
    pages: int


@dataclass
class Section:
    exhibitor: Exhibitor
    products: list


def cache_key(expo_slug: str | None, base_url: str) -> str:
    """The key of one file: content version, release, day in Jakarta, language, expo and
    address.

    Reads only the cache (the content version): computing it costs no database query.
    """
    raw = "|".join(
        [
            versions()[CONTENT],
            release(),
            timezone.localdate().isoformat(),
            translation.get_language(),
            expo_slug or "",
            base_url,
        ]
    )
    return f"printed-catalogue:{hashlib.sha256(raw.encode()).hexdigest()}"


def expo_sections(expo: Expo) -> list[Section]:
    """The approved businesses at the expo's booths by name, each with its published
    products (by category, then name) and their photos and certificates: four queries."""
    on_show = BoothPresence.objects.filter(booth__expo=expo).values("exhibitor")
    products = (
        Product.objects.published()
        .select_related("category", "category__parent")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
            Prefetch("certifications", queryset=Certification.objects.order_by("kind")),
        )
        .order_by("category__parent__position", "category__position", "name", "pk")
    )
    exhibitors = (
        Exhibitor.objects.approved()
        .filter(pk__in=on_show)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("products", queryset=products, to_attr="printed_products"))
    )
    return [Section(exhibitor, exhibitor.printed_products) for exhibitor in exhibitors]


def _photo(product) -> str:
    """The product's first photo as a JPEG in storage (``media:`` name), or "".

    Made from the smallest derived size that is wide enough (decoding a 400-pixel WebP
    costs a tenth of the 1,600-pixel original), once: sorl-thumbnail keeps it."""
    images = product.images.all()
    if not images:
        return ""
    sizes = sorted(images[0].derived.values(), key=lambda size: size[1])
    wide_enough = [size for size in sizes if size[1] >= PHOTO_WIDTH]
    source = (wide_enough or sizes)[0][0] if sizes else images[0].image
    try:
        thumb = get_thumbnail(source, PHOTO_GEOMETRY, format="JPEG", quality=PHOTO_QUALITY)
    except OSError:
        # A photo whose file is gone leaves a blank frame, not a catalogue that fails.
        logger.warning("No printable photo for product %s", product.pk)
        return ""
    return f"{MEDIA_SCHEME}{thumb.name}"


def _fetcher():
    """WeasyPrint reads pictures from the media storage only: never the network or disk."""
    from common.pdf import URLFetcher, URLFetcherResponse

    class StorageFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(MEDIA_SCHEME):
                raise ValueError(f"The printed catalogue loads nothing from {url}")
            with default_storage.open(url[len(MEDIA_SCHEME) :]) as file:
                body = file.read()
            return URLFetcherResponse(url, body, {"Content-Type": "image/jpeg"})

    return StorageFetcher()


def expo_dates(expo: Expo) -> str:
    """ "9–12 October 2024", "30 September – 3 October 2024", in the active language."""
    start, end = expo.start_date, expo.end_date
    if start == end:
        return date_format(end, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def _qr_codes(products) -> list[str]:
    """Each product's QR code, drawn once per address and title and then kept in the
    cache: encoding is a tenth of a build's time, and addresses rarely change."""
    keys = [
        "printed-qr:" + hashlib.sha256(f"{release()}|{p.print_url}|{p.name}".encode()).hexdigest()
        for p in products
    ]
    stored = cache.get_many(keys)
    drawn = {
        key: qr_svg(product.print_url, title=str(product.name))
        for key, product in zip(keys, products, strict=True)
        if key not in stored
    }
    cache.set_many(drawn, QR_CACHE_SECONDS)
    return [stored.get(key) or drawn[key] for key in keys]


def render_catalogue(expo: Expo, base_url: str) -> PrintedCatalogue:
    """Lay out the catalogue of ``expo`` in the active language, codes pointing at ``base_url``."""
    from common.pdf import CSS, HTML

    sections = expo_sections(expo)
    products = [product for section in sections for product in section.products]
    for product in products:
        product.print_url = f"{base_url}{product.get_absolute_url()}"
        product.print_photo = _photo(product)
    for product, svg in zip(products, _qr_codes(products), strict=True):
        product.print_qr = svg
    booth = expo.booths.order_by("hall", "stand_number").first()
    context = {
        "expo": expo,
        "booth": booth,
        "dates": expo_dates(expo),
        "sections": sections,
        "product_count": sum(len(section.products) for section in sections),
        "catalogue_url": base_url + reverse("products:catalogue"),
        "today": timezone.localdate(),
    }
    html = render_to_string("products/print/catalogue.html", context)
    stylesheet = CSS(string=render_to_string("products/print/catalogue.css"))
    document = HTML(string=html, url_fetcher=_fetcher()).render(stylesheets=[stylesheet])
    language = translation.get_language()
    return PrintedCatalogue(
        pdf=document.write_pdf(),
        filename=f"{slugify(expo.slug)}-catalogue-{language}.pdf",
        pages=len(document.pages),
    )


def printed_catalogue(expo_slug: str | None, base_url: str) -> PrintedCatalogue | None:
    """The catalogue of the expo (the current one without a slug), from the cache when it
    is there; None when there is no such expo. Raises ``BuildUnderWay`` when it is not
    made yet and another process is making a catalogue."""
    key = cache_key(expo_slug, base_url)
    stored = cache.get(key)
    if stored is not None:
        return stored
    expo = Expo.objects.filter(slug=expo_slug).first() if expo_slug else Expo.objects.current()
    if expo is None:
        return None
    if not cache.add(BUILD_LOCK, key, BUILD_LOCK_SECONDS):
        raise BuildUnderWay(key)
    try:
        printed = render_catalogue(expo, base_url)
        cache.set(key, printed, CACHE_SECONDS)
        return printed
    finally:
        cache.delete(BUILD_LOCK)
