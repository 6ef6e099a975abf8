"""factory_boy factories for every model of the portal.

Defaults describe the happy path a buyer sees: exhibitors and products are
approved, a product belongs to an approved exhibitor and a subcategory, and a
lead is created the way the site creates it (through ``buyers.services.lead_create``).
Translated fields are filled in both languages (``<field>_en`` and ``<field>_ind``).
"""

import datetime
import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image

from booths.models import Booth, BoothPresence, Exhibitor, Expo, SupportProgramme
from buyers.choices import DelegateType, LeadKind
from buyers.models import Buyer, Delegate, ExpressionOfInterest
from buyers.services import lead_create
from common.choices import ReviewStatus
from products.choices import CertificationKind, Unit
from products.models import Category, Certification, Product, ProductImage
from workforce.choices import TrainingMode
from workforce.models import Occupation, ReadinessFigure, TrainingMedia, TrainingProgramme

DEFAULT_PASSWORD = "Booth-test-2024!"


def png_file(name: str = "photo.png", size: tuple[int, int] = (4, 3)) -> ContentFile:
    """A real (tiny) PNG, so ImageField can read its width and height."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(19, 41, 75)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)


class ExpoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expo

    name_en = factory.Sequence(lambda n: f"Trade Expo Indonesia {2024 + n}")
    name_ind = factory.Sequence(lambda n: f"Pameran Dagang Indonesia {2024 + n}")
    edition = factory.Sequence(lambda n: 39 + n)
    slug = factory.Sequence(lambda n: f"tei-{2024 + n}")
    venue = "ICE BSD"
    city = "Tangerang"
    start_date = factory.Sequence(lambda n: datetime.date(2024 + n, 10, 9))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    is_current = False

    class Params:
        current = factory.Trait(is_current=True)


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    expo = factory.SubFactory(ExpoFactory)
    name_en = "BP2MI booth: products of returned migrant workers"
    name_ind = "Booth BP2MI: produk purna PMI"
    hall = "Hall 5"
    stand_number = factory.Sequence(lambda n: f"5-{100 + n}")
    opening_time = datetime.time(10, 0)
    closing_time = datetime.time(21, 0)


class SupportProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportProgramme

    code = factory.Sequence(lambda n: f"programme-{n}")
    name_en = factory.Sequence(lambda n: f"Support programme {n}")
    name_ind = factory.Sequence(lambda n: f"Program pendampingan {n}")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    """An approved MSME; pass ``draft=True``, ``pending=True`` or ``rejected=True`` for others."""

    class Meta:
        model = Exhibitor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"UMKM Purna {n}")
    slug = factory.Sequence(lambda n: f"umkm-purna-{n}")
    tagline_en = "Handmade in Indonesia"
    tagline_ind = "Buatan tangan Indonesia"
    founder_name = factory.Sequence(lambda n: f"Founder {n}")
    former_placement_country = "HK"
    years_abroad = 6
    year_returned = 2018
    province = "JT"
    # 13 digits, unique per exhibitor.
    nib = factory.Sequence(lambda n: f"{9120000000000 + n:013d}")
    review_status = ReviewStatus.APPROVED

    class Params:
        draft = factory.Trait(review_status=ReviewStatus.DRAFT)
        pending = factory.Trait(review_status=ReviewStatus.PENDING)
        rejected = factory.Trait(review_status=ReviewStatus.REJECTED)

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.add(*extracted)


class BoothPresenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothPresence

    booth = factory.SubFactory(BoothFactory)
    exhibitor = factory.SubFactory(ExhibitorFactory)
    day = factory.LazyAttribute(lambda o: o.booth.expo.start_date)


class CategoryFactory(factory.django.DjangoModelFactory):
    """A main (top-level) category."""

    class Meta:
        model = Category

    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_ind = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    parent = None


class SubCategoryFactory(CategoryFactory):
    parent = factory.SubFactory(CategoryFactory)
    slug = factory.Sequence(lambda n: f"subcategory-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    """An approved product of an approved exhibitor, in a subcategory."""

    class Meta:
        model = Product

    exhibitor = factory.SubFactory(ExhibitorFactory)
    category = factory.SubFactory(SubCategoryFactory)
    name_en = factory.Sequence(lambda n: f"Gayo arabica coffee {n}")
    name_ind = factory.Sequence(lambda n: f"Kopi arabika Gayo {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    description_en = "Single-origin beans, roasted to order."
    description_ind = "Biji kopi satu asal, disangrai sesuai pesanan."
    hs_code = "0901.21"
    unit = Unit.KILOGRAM
    moq = 10
    price_min = Decimal("12.50")
    price_max = Decimal("15.00")
    currency = "USD"
    incoterms = factory.LazyFunction(lambda: ["EXW", "FOB"])
    monthly_capacity = 500
    lead_time_days = 14
    review_status = ReviewStatus.APPROVED

    class Params:
        draft = factory.Trait(review_status=ReviewStatus.DRAFT)
        pending = factory.Trait(review_status=ReviewStatus.PENDING)
        rejected = factory.Trait(review_status=ReviewStatus.REJECTED)
        archived = factory.Trait(is_archived=True)


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(png_file)
    alt_text_en = "A bag of roasted coffee beans"
    alt_text_ind = "Sekantong biji kopi sangrai"
    position = factory.Sequence(lambda n: n)


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    product = factory.SubFactory(ProductFactory)
    kind = CertificationKind.HALAL
    number = factory.Sequence(lambda n: f"ID{31110000000000 + n}")
    issuer = "BPJPH"
    valid_until = datetime.date(2028, 12, 31)


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    name = factory.Sequence(lambda n: f"Buyer {n}")
    email = factory.Sequence(lambda n: f"buyer{n}@example.com")
    country = "JP"
    company = factory.Sequence(lambda n: f"Import Company {n}")
    consent_version = "2024-10"


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    country = "KR"
    institution = factory.Sequence(lambda n: f"Employers' Association {n}")
    delegate_type = DelegateType.ASSOCIATION
    consent_version = "2024-10"


class _LeadFactory(factory.django.DjangoModelFactory):
    """Leads are made by the service the site uses, never by a bare ``create``."""

    class Meta:
        model = ExpressionOfInterest
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return lead_create(**kwargs)


class TradeLeadFactory(_LeadFactory):
    kind = LeadKind.TRADE
    buyer = factory.SubFactory(BuyerFactory)
    product = factory.SubFactory(ProductFactory)
    exhibitor = factory.LazyAttribute(lambda o: o.product.exhibitor)
    quantity = Decimal("100")
    unit = Unit.KILOGRAM
    message = "Please send your export price list."


class PlacementLeadFactory(_LeadFactory):
    kind = LeadKind.PLACEMENT
    delegate = factory.SubFactory(DelegateFactory)
    sectors = factory.LazyFunction(lambda: ["manufacturing"])
    headcount = 20
    message = "We are looking for certified welders."


# --- workforce preparation ------------------------------------------------------------


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation

    sector = "manufacturing"
    slug = factory.Sequence(lambda n: f"occupation-{n}")
    name_en = factory.Sequence(lambda n: f"Welder {n}")
    name_ind = factory.Sequence(lambda n: f"Juru las {n}")
    standard_en = "SKKNI welding, level 2"
    standard_ind = "SKKNI pengelasan, level 2"
    certification_body_en = "BNSP"
    certification_body_ind = "BNSP"
    language_level_en = "JFT-Basic A2"
    language_level_ind = "JFT-Basic A2"
    training_hours = 640
    modules_en = "SMAW plate welding\nSafety (K3)"
    modules_ind = "Las SMAW pelat\nK3"
    destination_countries = factory.LazyFunction(lambda: ["JP", "KR"])


class ReadinessFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadinessFigure

    occupation = factory.SubFactory(OccupationFactory)
    country = "JP"
    in_training = 40
    certified = 25
    as_of = datetime.date(2024, 9, 30)


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgramme
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_en = factory.Sequence(lambda n: f"Welding course {n}")
    name_ind = factory.Sequence(lambda n: f"Kursus las {n}")
    provider = "BLK Bekasi"
    mode = TrainingMode.PRACTICAL
    duration_weeks = 16
    hours = 640
    outcomes_en = "Weld plate in 3G\nRead drawings"
    outcomes_ind = "Mengelas pelat 3G\nMembaca gambar"

    @factory.post_generation
    def occupations(self, create, extracted, **kwargs):
        if create and extracted:
            self.occupations.add(*extracted)


class TrainingPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingMedia

    programme = factory.SubFactory(TrainingProgrammeFactory)
    image = factory.LazyFunction(lambda: png_file("training.png", (40, 30)))
    caption_en = "Trainees at the welding booth"
    caption_ind = "Peserta di bilik las"


# --- meetings at the booth ------------------------------------------------------------


class MeetingTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.MeetingTable"

    booth = factory.SubFactory(BoothFactory)
    name = factory.Sequence(lambda n: f"Table {n + 1}")
    purpose = "any"


class MeetingSlotFactory(factory.django.DjangoModelFactory):
    """A 30-minute slot at 10:00 (Jakarta) on the first day of the table's expo;
    pass ``starts_at`` for another time."""

    class Meta:
        model = "meetings.MeetingSlot"

    table = factory.SubFactory(MeetingTableFactory)
    starts_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(
            o.table.booth.expo.start_date,
            datetime.time(10, 0),
            tzinfo=datetime.timezone(datetime.timedelta(hours=7)),
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))
