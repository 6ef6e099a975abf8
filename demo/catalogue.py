"""Synthetic catalogues for benchmarks: many approved exhibitors and products, fast.

Everything but the timestamps follows from the seed, so two databases loaded with the
same seed hold the same texts, prices and certificates. Slugs are ``gen-<seed>-e000001``
(exhibitors) and ``gen-<seed>-0000001-<name>`` (products); a second run with the same
seed continues the numbering after the highest existing slug and draws from a seed
derived from where it starts, so it adds new, different rows.
"""

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from booths.models import Exhibitor, SupportProgramme
from common.cache import content_changed
from common.choices import ReviewStatus
from products.models import Category, Certification, Product

from . import words
from .loader import load_categories, load_programmes

EXHIBITOR_DIGITS = 6
PRODUCT_DIGITS = 7
CERTIFIED_SHARE = 0.3
# How many support programmes a business took part in, and how often.
PROGRAMME_COUNTS, PROGRAMME_WEIGHTS = (0, 1, 2), (50, 35, 15)
# Certificates expire around this date, so the same seed gives the same dates every year.
CERTIFICATE_BASE = date(2026, 1, 1)
EXPORT_MARKETS = ["JP", "NL", "AE", "US", "AU", "MY", "KR", "SA", "SG", "DE", "TW", "CN"]


class CatalogueError(ValueError):
    """The request cannot be met (bad counts, or the slug numbering is exhausted)."""


@dataclass
class Generated:
    exhibitors: int
    products: int
    certifications: int
    first_exhibitor: str
    first_product: str
    created_categories: bool
    seconds: float


@dataclass
class _Profile:
    """What a generated business's product texts refer to."""

    trade: str
    years: int
    country: str
    country_id: str


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def next_number(model, prefix: str, digits: int) -> int:
    """One after the highest number already used in slugs starting with ``prefix``."""
    # Numbers have a fixed width, so the largest slug carries the largest number.
    last = (
        model.objects.filter(slug__startswith=prefix)
        .order_by("-slug")
        .values_list("slug", flat=True)
        .first()
    )
    if last is None:
        return 1
    number = last[len(prefix) : len(prefix) + digits]
    if not number.isdigit():
        raise CatalogueError(f"Cannot continue after the slug {last!r}: unexpected format.")
    return int(number) + 1


def product_name(style: str, adjective, noun, material, region: str) -> tuple[str, str]:
    (adj_en, adj_id), (noun_en, noun_id), (mat_en, mat_id) = adjective, noun, material
    if style == "origin":
        english = f"{adj_en} {region} {mat_en} {noun_en}"
        indonesian = f"{noun_id} {mat_id} {region} {adj_id}"
    elif style == "with":
        english = f"{adj_en} {region} {noun_en} with {mat_en}"
        indonesian = f"{noun_id} {region} {adj_id} dengan {mat_id}"
    else:
        english = f"{adj_en} {mat_en} {noun_en} from {region}"
        indonesian = f"{noun_id} {mat_id} {adj_id} khas {region}"
    return _capitalised(english), _capitalised(indonesian)


class _Generator:
    def __init__(self, rng: random.Random, seed: int, batch_size: int):
        self.rng = rng
        self.seed = seed
        self.batch_size = batch_size
        self.now = timezone.now()

    # Exhibitors -------------------------------------------------------------------------

    def exhibitors(self, count: int, start: int, trades: list[str]):
        rng = self.rng
        used_nibs = set(Exhibitor.objects.exclude(nib=None).values_list("nib", flat=True))
        provinces, province_weights = zip(
            *[((code, regencies), weight) for code, weight, regencies in words.PROVINCES],
            strict=True,
        )
        countries = words.COUNTRIES
        country_weights = [row[1] for row in countries]
        rows, profiles = [], []
        for offset in range(count):
            code, regencies = rng.choices(provinces, province_weights)[0]
            regency = rng.choice(regencies)
            country, _weight, country_en, country_id, sectors = rng.choices(
                countries, country_weights
            )[0]
            sector = rng.choice(sectors)
            first = rng.choice(words.FIRST_NAMES)
            founder = f"{first} {rng.choice(words.LAST_NAMES)}".strip()
            years = rng.randint(2, 15)
            returned = rng.randint(2008, 2024)
            scale = rng.choices(["micro", "small", "medium"], [70, 25, 5])[0]
            employees = {"micro": (2, 9), "small": (10, 49), "medium": (50, 120)}[scale]
            employees = rng.randint(*employees)
            readiness = rng.choices(["not_yet", "ready", "exporting"], [40, 35, 25])[0]
            markets = (
                rng.sample(EXPORT_MARKETS, rng.randint(1, 3)) if readiness == "exporting" else []
            )
            trade = rng.choice(trades)
            trade_en, trade_id = words.GROUPS.get(trade, words.GENERIC)["trade"]
            sector_en, sector_id = words.SECTOR_PHRASES[sector]
            name = (
                f"{rng.choice(words.BUSINESS_PREFIXES)}{rng.choice(words.BUSINESS_WORDS)} "
                f"{rng.choice(words.BUSINESS_SUFFIXES)}"
            )
            if rng.random() < 0.4:
                name = f"{name} {regency}"
            nib = None
            # 1 to 8 first: the demo businesses' NIBs start with 9.
            while nib is None or nib in used_nibs:
                nib = str(rng.randrange(10**12, 9 * 10**12))
            used_nibs.add(nib)
            slug = f"gen-{self.seed}-e{start + offset:0{EXHIBITOR_DIGITS}d}"
            phone = f"+62812{rng.randrange(10**7, 10**8)}"
            rows.append(
                Exhibitor(
                    name=name,
                    slug=slug,
                    tagline_en=f"{trade_en} from {regency}, made by a returned migrant worker",
                    tagline_ind=f"{_capitalised(trade_id)} dari {regency}, buatan PMI purna",
                    story_en=(
                        f"{founder} worked for {years} years in {country_en} as {sector_en} and "
                        f"came home in {returned}. With savings from abroad, {first} started a "
                        f"{trade_en.lower()} business in {regency} that now has a team of "
                        f"{employees}."
                    ),
                    story_ind=(
                        f"{founder} bekerja {years} tahun di {country_id} sebagai {sector_id} "
                        f"dan pulang pada {returned}. Dengan tabungan dari luar negeri, {first} "
                        f"merintis usaha {trade_id} di {regency} yang kini memiliki {employees} "
                        f"pekerja."
                    ),
                    founder_name=founder,
                    former_placement_country=country,
                    sector_abroad=sector,
                    years_abroad=years,
                    year_returned=returned,
                    province=code,
                    regency=regency,
                    nib=nib,
                    scale=scale,
                    employees=employees,
                    established_year=min(returned + rng.randint(0, 3), 2025),
                    export_readiness=readiness,
                    export_markets=markets,
                    contact_name=founder,
                    email=f"{slug}@example.id",
                    phone=phone,
                    whatsapp=phone,
                    review_status=ReviewStatus.APPROVED,
                    reviewed_at=self.now - timedelta(days=rng.randint(0, 365)),
                    featured=rng.random() < 0.02,
                )
            )
            profiles.append(_Profile(trade, years, country_en, country_id))
        Exhibitor.objects.bulk_create(rows, batch_size=self.batch_size)
        _fill_missing_pks(Exhibitor, rows)
        return rows, profiles

    # Products ---------------------------------------------------------------------------

    def products(self, count: int, start: int, exhibitors, profiles, subcategories) -> int:
        """Create ``count`` products batch by batch; returns the number of certifications."""
        by_slug = {category.slug: category for category in subcategories}
        certifications = 0
        for batch_start in range(0, count, self.batch_size):
            batch, certified = [], []
            for number in range(
                start + batch_start, start + min(count, batch_start + self.batch_size)
            ):
                index = self.rng.randrange(len(exhibitors))
                product, cert = self.product(
                    number, exhibitors[index], profiles[index], by_slug, subcategories
                )
                batch.append(product)
                if cert is not None:
                    certified.append((product, cert))
            Product.objects.bulk_create(batch, batch_size=self.batch_size)
            _fill_missing_pks(Product, batch)
            Certification.objects.bulk_create(
                [Certification(product=product, **cert) for product, cert in certified],
                batch_size=self.batch_size,
            )
            certifications += len(certified)
        return certifications

    def product(self, number: int, exhibitor, profile: _Profile, by_slug: dict, subcategories):
        rng = self.rng
        # Most of a business's products are in its own trade.
        if profile.trade in by_slug and rng.random() < 0.7:
            category = by_slug[profile.trade]
        else:
            category = rng.choice(subcategories)
        group = words.GROUPS.get(category.slug, words.GENERIC)
        variant = rng.choice(group["variants"]) if "variants" in group else group
        noun, material = rng.choice(variant["nouns"]), rng.choice(variant["materials"])
        region = rng.choice(group["regions"])
        name_en, name_ind = product_name(
            group["style"], rng.choice(group["adjectives"]), noun, material, region
        )
        description_en, description_ind = self.description(group, noun, material, region, profile)
        materials_en, materials_ind = _capitalised(material[0]), _capitalised(material[1])
        if group["extras"] and rng.random() < 0.5:
            extra_en, extra_id = rng.choice(group["extras"])
            materials_en, materials_ind = (
                f"{materials_en}, {extra_en}",
                f"{materials_ind}, {extra_id}",
            )
        currency, price_min, price_max = self.prices(group)
        moq = rng.choice(words.MOQ_CHOICES)
        published = self.now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1439))
        shelf_life = group["shelf_life"]
        product = Product(
            exhibitor_id=exhibitor.pk,
            category_id=category.pk,
            name_en=name_en,
            name_ind=name_ind,
            slug=f"gen-{self.seed}-{number:0{PRODUCT_DIGITS}d}-{slugify(name_en)[:80].strip('-')}",
            description_en=description_en,
            description_ind=description_ind,
            materials_en=materials_en,
            materials_ind=materials_ind,
            hs_code=rng.choice(variant["hs"]),
            unit=rng.choice(group["units"]),
            moq=moq,
            price_min=price_min,
            price_max=price_max,
            currency=currency,
            incoterms=list(rng.choice(words.INCOTERM_SETS)),
            monthly_capacity=moq * rng.randint(5, 200),
            lead_time_days=rng.randint(3, 60),
            shelf_life_days=rng.randint(*shelf_life) if shelf_life else None,
            custom_orders=rng.random() < 0.3,
            featured=rng.random() < 0.02,
            review_status=ReviewStatus.APPROVED,
            reviewed_at=published,
            published_at=published,
        )
        # bulk_create skips save(): fill in what save() derives.
        product.set_usd_prices()
        cert = self.certification(group) if rng.random() < CERTIFIED_SHARE else None
        return product, cert

    def description(self, group, noun, material, region, profile: _Profile) -> tuple[str, str]:
        rng = self.rng
        use, market = rng.choice(words.USES), rng.choice(words.MARKETS)
        values = {
            "Noun": _capitalised(noun[0]),
            "Noun_id": _capitalised(noun[1]),
            "material": material[0],
            "material_id": material[1],
            "region": region,
            "years": profile.years,
            "country": profile.country,
            "country_id": profile.country_id,
            "use": use[0],
            "use_id": use[1],
            "market": market[0],
            "market_id": market[1],
        }
        sentences = [words.OPENING, *rng.sample(words.SENTENCES, 2)]
        english = " ".join(en.format(**values) for en, _id in sentences)
        indonesian = " ".join(id_.format(**values) for _en, id_ in sentences)
        return english, indonesian

    def prices(self, group) -> tuple[str, Decimal | None, Decimal | None]:
        rng = self.rng
        if rng.random() < 0.05:
            return "IDR", None, None  # price on request
        if rng.random() < group["usd_share"]:
            low = Decimal(str(round(rng.uniform(*group["usd"]), 2)))
            step = Decimal("0.01")
            currency = "USD"
        else:
            low = Decimal(max(500, round(rng.uniform(*group["idr"]) / 500) * 500))
            step = Decimal("500")
            currency = "IDR"
        high = (low * Decimal(str(round(rng.uniform(1.0, 1.6), 2))) / step).quantize(
            Decimal("1")
        ) * step
        return currency, low, max(low, high)

    def certification(self, group) -> dict:
        rng = self.rng
        kind = rng.choice(group["certs"])
        year = rng.randint(2021, 2025)
        numbers = {
            "halal": lambda: (
                f"ID{rng.randint(11, 94)}11{rng.randrange(10**10, 10**11)}"
                f"{rng.randint(1, 12):02d}{year % 100:02d}"
            ),
            "pirt": lambda: f"{rng.randrange(10**12, 10**13)}-{(year + 5) % 100:02d}",
            "bpom_md": lambda: f"MD {rng.randrange(10**11, 10**12)}",
            "sni": lambda: f"SPPT-SNI {rng.randint(1, 9999):04d}/{year}",
            "svlk": lambda: (
                f"VLK-{rng.randint(1, 99):02d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
            ),
            "organic": lambda: f"ORG-{rng.randint(1, 9999):04d}/LSO/{year}",
            "haccp": lambda: f"HACCP-{rng.randint(1, 99999):05d}",
        }
        number = numbers.get(kind, lambda: f"CERT-{rng.randint(1, 999999):06d}")()
        no_expiry = kind == "halal" and rng.random() < 0.5
        valid_until = (
            None if no_expiry else CERTIFICATE_BASE + timedelta(days=rng.randint(-120, 1500))
        )
        return {
            "kind": kind,
            "number": number,
            "issuer": words.CERT_ISSUERS.get(kind, ""),
            "valid_until": valid_until,
        }


def _fill_missing_pks(model, rows) -> None:
    """Databases that cannot return ids from a bulk insert: look them up by slug."""
    if not rows or rows[0].pk is not None:
        return
    ids = dict(model.objects.filter(slug__in=[row.slug for row in rows]).values_list("slug", "pk"))
    for row in rows:
        row.pk = ids[row.slug]


def _join_programmes(exhibitors, rng: random.Random) -> None:
    """Enrol some businesses in the agency's support programmes (the demo's, if none)."""
    programmes = list(SupportProgramme.objects.order_by("code")) or list(load_programmes().values())
    through = Exhibitor.support_programmes.through
    links = [
        through(exhibitor_id=exhibitor.pk, supportprogramme_id=programme.pk)
        for exhibitor in exhibitors
        for programme in rng.sample(
            programmes, min(len(programmes), rng.choices(PROGRAMME_COUNTS, PROGRAMME_WEIGHTS)[0])
        )
    ]
    through.objects.bulk_create(links, batch_size=2000)


def _subcategories() -> tuple[list[Category], bool]:
    """The subcategories products go into; the demo tree is created when there are none."""
    subcategories = list(Category.objects.filter(parent__isnull=False).order_by("slug"))
    if subcategories:
        return subcategories, False
    load_categories()
    return list(Category.objects.filter(parent__isnull=False).order_by("slug")), True


def generate(*, exhibitors: int, products: int, seed: int, batch_size: int = 2000) -> Generated:
    """Create ``exhibitors`` approved businesses and ``products`` approved products."""
    if exhibitors < 0 or products < 0:
        raise CatalogueError("Counts cannot be negative.")
    if products and not exhibitors:
        raise CatalogueError("Products need businesses: ask for at least one exhibitor.")
    if batch_size < 1:
        raise CatalogueError("The batch size must be at least 1.")
    started = time.perf_counter()
    # English active: the untranslated columns then hold the English text.
    with translation.override("en"), transaction.atomic():
        subcategories, created_categories = _subcategories()
        exhibitor_start = next_number(Exhibitor, f"gen-{seed}-e", EXHIBITOR_DIGITS)
        product_start = next_number(Product, f"gen-{seed}-", PRODUCT_DIGITS)
        if exhibitor_start + exhibitors > 10**EXHIBITOR_DIGITS:
            raise CatalogueError(f"Seed {seed} has no exhibitor numbers left: use another seed.")
        if product_start + products > 10**PRODUCT_DIGITS:
            raise CatalogueError(f"Seed {seed} has no product numbers left: use another seed.")
        first_run = exhibitor_start == product_start == 1
        # Synthetic test data, not secrets: a seeded, repeatable generator is the point.
        rng = random.Random(  # noqa: S311
            seed if first_run else f"{seed}/{exhibitor_start}/{product_start}"
        )
        generator = _Generator(rng, seed, batch_size)
        trades = [category.slug for category in subcategories]
        rows, profiles = generator.exhibitors(exhibitors, exhibitor_start, trades)
        # A generator of its own, so the products stay what the seed always gave.
        _join_programmes(rows, random.Random(f"{seed}/programmes/{exhibitor_start}"))  # noqa: S311
        certifications = generator.products(products, product_start, rows, profiles, subcategories)
    # The public pages show the new catalogue at once (common.cache).
    content_changed()
    if connection.vendor == "postgresql":
        # Fresh statistics for every table written, so the planner knows they are no
        # longer small (without them, each batch of product cards read its certificates
        # by scanning the whole table), and (outside a transaction) a fresh visibility
        # map for index scans.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"{command} products_product, products_certification, booths_exhibitor,"
                " booths_exhibitor_support_programmes, products_catalogueentry"
            )
    return Generated(
        exhibitors=exhibitors,
        products=products,
        certifications=certifications,
        first_exhibitor=f"gen-{seed}-e{exhibitor_start:0{EXHIBITOR_DIGITS}d}",
        first_product=f"gen-{seed}-{product_start:0{PRODUCT_DIGITS}d}",
        created_categories=created_categories,
        seconds=time.perf_counter() - started,
    )
