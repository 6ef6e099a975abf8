"""Write the demo booth (``data.py``) into the database, idempotently.

Every row is found by a natural key (slug, code, email, NIB, stand, idempotency key)
and updated in place, so a second run changes nothing and adds no rows. Call it
inside ``transaction.atomic()`` with English active (the command does both): the
untranslated column of a translated field then holds the English text.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from functools import partial
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from modeltranslation.translator import translator

from booths.models import Booth, BoothPresence, Exhibitor, Expo, SupportProgramme
from buyers.choices import LeadKind, LeadSource, LeadStatus
from buyers.models import Buyer, Delegate, ExpressionOfInterest, LeadEvent
from buyers.services import contact_upsert, lead_change_status, lead_create
from common.cache import all_pages_changed
from common.choices import ReviewStatus
from deals.models import Deal
from products.models import Category, Certification, Product, ProductImage
from workforce.models import Occupation, ReadinessFigure, TrainingProgramme

from . import data, deals, meetings, workforce
from .pictures import product_picture

JAKARTA = ZoneInfo("Asia/Jakarta")

LEAD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "demo-leads.expo-portal.example")

# The order of the summary the command prints.
COUNTED_MODELS = (
    Expo,
    Booth,
    SupportProgramme,
    Category,
    Exhibitor,
    BoothPresence,
    Product,
    ProductImage,
    Certification,
    Buyer,
    Delegate,
    ExpressionOfInterest,
    LeadEvent,
    Deal,
    Occupation,
    TrainingProgramme,
    ReadinessFigure,
)


@dataclass
class LoadResult:
    images_written: list[str] = field(default_factory=list)
    pictures_created: int = 0
    leads_created: int = 0
    accounts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lead_key(name: str) -> uuid.UUID:
    """The fixed idempotency key of a demo lead."""
    return uuid.uuid5(LEAD_NAMESPACE, name)


def upsert(model, lookup: dict, values: dict):
    """Like ``update_or_create``, but validated with ``full_clean()`` before saving."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    translated = (
        translator.get_options_for_model(model).fields
        if model in translator.get_registered_models()
        else ()
    )
    for name, value in values.items():
        # Keep the untranslated column in step with the English one.
        if name.endswith("_en") and name[:-3] in translated:
            setattr(instance, name[:-3], value)
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def load_expo_and_booth() -> Booth:
    expo_values = {k: v for k, v in data.EXPO.items() if k != "slug"}
    # Only one edition can be current: the demo's takes over.
    Expo.objects.filter(is_current=True).exclude(slug=data.EXPO["slug"]).update(is_current=False)
    expo = upsert(Expo, {"slug": data.EXPO["slug"]}, expo_values)
    stand = {"expo": expo, "hall": data.BOOTH["hall"], "stand_number": data.BOOTH["stand_number"]}
    values = {k: v for k, v in data.BOOTH.items() if k not in stand}
    return upsert(Booth, stand, values)


def load_programmes() -> dict[str, SupportProgramme]:
    return {
        row["code"]: upsert(
            SupportProgramme, {"code": row["code"]}, {k: v for k, v in row.items() if k != "code"}
        )
        for row in data.SUPPORT_PROGRAMMES
    }


def load_categories() -> dict[str, Category]:
    """The two-level category tree; returns every category by slug."""
    categories = {}
    for position, main in enumerate(data.CATEGORIES):
        parent = upsert(
            Category,
            {"slug": main["slug"]},
            {
                "name_en": main["name_en"],
                "name_ind": main["name_ind"],
                "icon": main["icon"],
                "position": position,
                "parent": None,
            },
        )
        categories[parent.slug] = parent
        for child_position, (slug, name_en, name_ind, icon) in enumerate(main["children"]):
            categories[slug] = upsert(
                Category,
                {"slug": slug},
                {
                    "name_en": name_en,
                    "name_ind": name_ind,
                    "icon": icon,
                    "position": child_position,
                    "parent": parent,
                },
            )
    return categories


def load_exhibitors(booth: Booth, programmes: dict) -> dict[str, Exhibitor]:
    exhibitors = {}
    days = booth.expo.days
    for row in data.EXHIBITORS:
        values = {k: v for k, v in row.items() if k not in ("slug", "programmes", "booth_days")}
        approved = row["review_status"] == ReviewStatus.APPROVED
        values.setdefault("contact_name", row["founder_name"])
        values.setdefault("whatsapp", row["phone"])
        values.setdefault("featured", False)
        values["reviewed_at"] = data.REVIEWED_AT if approved else None
        exhibitor = upsert(Exhibitor, {"slug": row["slug"]}, values)
        exhibitor.support_programmes.set([programmes[code] for code in row["programmes"]])
        # Only businesses on show stand at the booth.
        for index in row["booth_days"] if approved else ():
            BoothPresence.objects.get_or_create(booth=booth, exhibitor=exhibitor, day=days[index])
        exhibitors[exhibitor.slug] = exhibitor
    return exhibitors


def load_products(exhibitors: dict, categories: dict, *, images: bool, result: LoadResult):
    products = {}
    for index, row in enumerate(data.PRODUCTS):
        values = {
            k: v
            for k, v in row.items()
            if k not in ("slug", "exhibitor", "category", "certifications")
        }
        values["exhibitor"] = exhibitors[row["exhibitor"]]
        values["category"] = categories[row["category"]]
        values.setdefault("review_status", ReviewStatus.APPROVED)
        values.setdefault("currency", "IDR")
        values.setdefault("incoterms", ["EXW"])
        for flag in ("custom_orders", "featured", "is_archived"):
            values.setdefault(flag, False)
        values.setdefault("rejection_reason", "")
        reviewed = values["review_status"] in (ReviewStatus.APPROVED, ReviewStatus.REJECTED)
        values["reviewed_at"] = data.REVIEWED_AT if reviewed else None
        if values["review_status"] == ReviewStatus.APPROVED:
            values["published_at"] = data.REVIEWED_AT
        product = upsert(Product, {"slug": row["slug"]}, values)
        for kind, number, issuer, valid_until in row.get("certifications", ()):
            upsert(
                Certification,
                {"product": product, "kind": kind},
                {"number": number, "issuer": issuer, "valid_until": valid_until},
            )
        if images:
            _load_pictures(product, index, row["category"], result)
        products[product.slug] = product
    return products


def _picture_files(picture: ProductImage) -> list[str]:
    """The stored file of a picture and the sizes derived from it (if the model makes any)."""
    derived = getattr(picture, "derived", None) or {}
    return [picture.image.name, *(entry[0] for entry in derived.values())]


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def _alt_texts(product: Product, position: int) -> dict[str, str]:
    return {
        "alt_text_en": f"Demo picture {position + 1} of {product.name_en}",
        "alt_text_ind": f"Gambar contoh {position + 1} untuk {product.name_ind}",
    }


def _load_pictures(product: Product, index: int, category: str, result: LoadResult) -> None:
    """One to three pictures per product; once the count is right only the texts follow."""
    wanted = 1 + index % 3
    existing = list(product.images.all())
    if len(existing) == wanted:
        for position, picture in enumerate(existing):
            texts = _alt_texts(product, position)
            if any(getattr(picture, name) != value for name, value in texts.items()):
                upsert(ProductImage, {"pk": picture.pk}, texts)
        return
    for old in existing:
        names, storage = _picture_files(old), old.image.storage
        old.delete()
        # The files go only once the row is gone for good.
        transaction.on_commit(partial(_delete_files, storage, names))
    colour = data.PICTURE_COLOURS.get(category, data.DEFAULT_PICTURE_COLOUR)
    for position in range(wanted):
        picture = ProductImage(product=product, position=position, **_alt_texts(product, position))
        content = product_picture(product.name_en, product.name_ind, colour, index + position)
        # A named ContentFile lets the ImageField read the width and height.
        filename = f"{product.slug}-{position + 1}.jpg"
        picture.image.save(filename, ContentFile(content, name=filename), save=False)
        result.images_written.append(picture.image.name)
        picture.save()
        result.images_written.extend(_picture_files(picture)[1:])
        result.pictures_created += 1


def load_contacts(categories: dict) -> tuple[dict, dict]:
    common = {"consent_version": data.CONSENT_VERSION, "consented_at": data.CONSENTED_AT}
    buyers = {}
    for row in data.BUYERS:
        fields = {k: v for k, v in row.items() if k not in ("email", "interests")}
        fields.setdefault("language", "en")
        buyer = contact_upsert(model=Buyer, email=row["email"], **fields, **common)
        buyer.interests.set([categories[slug] for slug in row["interests"]])
        buyers[buyer.email] = buyer
    delegates = {}
    for row in data.DELEGATES:
        fields = {k: v for k, v in row.items() if k != "email"}
        fields.setdefault("language", "en")
        delegate = contact_upsert(model=Delegate, email=row["email"], **fields, **common)
        delegates[delegate.email] = delegate
    return buyers, delegates


# The way a lead travels to each status; "lost" can happen after the first contact.
PIPELINE = ("new", "contacted", "sample_sent", "quoted", "agreed", "shipped")
PATHS = {status: PIPELINE[1 : PIPELINE.index(status) + 1] for status in PIPELINE}
PATHS["lost"] = ("contacted", "lost")


def load_leads(expo, buyers, delegates, exhibitors, products, occupations, *, actor) -> int:
    """Create the demo leads that do not exist yet; returns how many were created."""
    rows = data.TRADE_LEADS + data.PLACEMENT_LEADS
    existing = set(
        ExpressionOfInterest.objects.filter(
            idempotency_key__in=[lead_key(row["key"]) for row in rows]
        ).values_list("idempotency_key", flat=True)
    )
    created = 0
    for index, row in enumerate(rows):
        key = lead_key(row["key"])
        if key in existing:
            continue
        fields = {k: v for k, v in row.items() if k not in ("key", "buyer", "delegate", "status")}
        if "delegate" in row:
            fields.update(kind=LeadKind.PLACEMENT, delegate=delegates[row["delegate"]])
            if "occupation" in fields:
                fields["occupation"] = occupations[fields["occupation"]]
        else:
            product = products.get(fields.pop("product", None))
            exhibitor = product.exhibitor if product else exhibitors[fields.pop("exhibitor")]
            fields.update(
                kind=LeadKind.TRADE,
                buyer=buyers[row["buyer"]],
                product=product,
                exhibitor=exhibitor,
            )
            fields.setdefault("share_contact", True)
        fields.setdefault("language", "en")
        if fields.get("source") == LeadSource.BOOTH_STAFF:
            # Captured at the stand today, so the booth's day has something to show.
            fields.update(captured_by=actor, captured_at=timezone.now())
        lead = lead_create(
            actor=actor,
            expo=expo,
            idempotency_key=key,
            consent_version=data.CONSENT_VERSION,
            assigned_to=actor,
            **fields,
        )
        notes = data.STATUS_NOTES[lead.kind]
        for status in PATHS[row["status"]]:
            if lead.kind == LeadKind.PLACEMENT and status == LeadStatus.SAMPLE_SENT:
                continue  # Delegates get a proposal, not samples.
            lead = lead_change_status(
                lead=lead, status=status, actor=actor, note=notes.get(status, "")
            )
        # Received during the expo, as the real ones were, so that its results (which
        # count leads by the day they came in) are full when first opened. The staff's
        # captures stay received today, when they were captured, for the booth's day.
        if lead.source != LeadSource.BOOTH_STAFF:
            ExpressionOfInterest.objects.filter(pk=lead.pk).update(
                created_at=_during_expo(expo, index)
            )
        created += 1
    return created


def _during_expo(expo, index: int) -> datetime.datetime:
    """A moment of one of the expo's days in Jakarta time, spread over its days and hours."""
    days = (expo.end_date - expo.start_date).days + 1
    day = expo.start_date + datetime.timedelta(days=index % days)
    moment = datetime.datetime.combine(day, datetime.time(10 + index % 8, (7 * index) % 60))
    return moment.replace(tzinfo=JAKARTA)


# A demo login's role: the admin's groups it is in (made by backoffice/migrations/0002_roles.py).
ROLE_GROUPS = {"booth_admin": "Booth admin", "staff": "Booth staff"}


def load_accounts(logins: list[dict], exhibitors: dict) -> list:
    """The demo logins; passwords and roles are reset to the listed ones on every run.

    Role "superuser" may do everything; "booth_admin" and "staff" are staff accounts with
    only their group's permissions, so the roles can be tried; "owner" owns businesses.
    """
    user_model = get_user_model()
    users = []
    for login in logins:
        user, _ = user_model.objects.get_or_create(username=login["username"])
        role = login["role"]
        user.email = f"{login['username']}@example.id"
        user.is_active = True
        user.is_staff = role == "superuser" or role in ROLE_GROUPS
        user.is_superuser = role == "superuser"
        user.set_password(login["password"])
        user.save()
        user.groups.set([Group.objects.get(name=ROLE_GROUPS[role])] if role in ROLE_GROUPS else [])
        for slug in data.DEMO_OWNERSHIP.get(user.username, ()):
            exhibitors[slug].owners.add(user)
        users.append(user)
    return users


def load(
    *, images: bool = True, logins: list[dict] | None = None, result: LoadResult | None = None
) -> LoadResult:
    """Load the whole demo booth. ``logins`` are created only when given (demo mode).

    Pass ``result`` to learn which picture files were written even if loading fails.
    """
    result = result if result is not None else LoadResult()
    booth = load_expo_and_booth()
    programmes = load_programmes()
    categories = load_categories()
    exhibitors = load_exhibitors(booth, programmes)
    products = load_products(exhibitors, categories, images=images, result=result)
    buyers, delegates = load_contacts(categories)
    occupations = workforce.load(upsert, images=images, result=result)
    users = load_accounts(logins, exhibitors) if logins else []
    result.accounts = [user.username for user in users]
    staff = next((user for user in users if user.is_staff), None)
    result.leads_created = load_leads(
        booth.expo, buyers, delegates, exhibitors, products, occupations, actor=staff
    )
    result.notes.append(f"{deals.load(lead_key, staff=staff)} demo deals recorded.")
    result.notes.append(
        meetings.load(booth, exhibitors=exhibitors, buyers=buyers, delegates=delegates, staff=staff)
    )
    # Written directly, not through the services: the public pages show it all at once.
    all_pages_changed()
    return result


def counts() -> list[tuple[str, int]]:
    """Rows per model, for the summary."""
    rows = [(model.__name__, model.objects.count()) for model in COUNTED_MODELS]
    rows.append(("User", get_user_model().objects.count()))
    return rows
