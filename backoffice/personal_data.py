"""Personal data of buyers and delegates (UU PDP 27/2022): find, export, withdraw, erase.

Everything the portal holds about one email address:

- buyers and delegates with that address, and every record that hangs off them
  (leads with their history and products, inquiry lists, meetings with their
  history: ``PERSONAL_RECORDS`` lists each such model and its free-text fields);
- queued and sent mail that went to that address or names one of their leads;
- business listings and user accounts with that address (shown and exported, not
  erased here: a listing is public business information and an account belongs to
  staff or an owner, so both are changed in the admin).

Anonymising keeps the rows that statistics count (country, type, products asked
about, status, value) and blanks what identifies the person; erasing deletes the
contacts with everything that hangs off them. Every action leaves a
``PersonalDataAudit`` entry that holds a keyed fingerprint of the address, never
the address. ``tests/test_backoffice_personal_data.py`` fails when a model that
points at a buyer, a delegate or their records is missing from ``PERSONAL_RECORDS``.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from booths.models import Exhibitor
from buyers.models import Buyer, Delegate
from common.privacy import ANONYMISED_EMAIL_DOMAIN, ANONYMISED_NAME, anonymised_email

from .models import PersonalDataAction, PersonalDataAudit

# Records that belong to a buyer or delegate (directly or through a lead or a
# meeting), with what anonymising writes over their free text and sharing flags.
PERSONAL_RECORDS = {
    "buyers.ExpressionOfInterest": {"message": "", "skills": "", "share_contact": False},
    "buyers.LeadEvent": {"note": ""},
    "buyers.LeadItem": {},
    "buyers.Inquiry": {},
    "meetings.Meeting": {"topic": ANONYMISED_NAME, "share_contact": False},
    "meetings.MeetingEvent": {"note": ""},
}
CONTACT_FIELDS = {
    Buyer: {
        "name": ANONYMISED_NAME,
        "phone": "",
        "company": "",
        "website": "",
        "consent_version": "",
        "consented_at": None,
        "share_with_exhibitors": False,
    },
    Delegate: {
        "name": ANONYMISED_NAME,
        "phone": "",
        "institution": ANONYMISED_NAME,
        "position": "",
        "consent_version": "",
        "consented_at": None,
    },
}
# How far records hang off a contact: contact -> lead -> lead history.
DEPTH = 2


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_fingerprint(email: str) -> str:
    """A keyed hash of the address: finds earlier audit entries, reveals nothing."""
    return salted_hmac(
        "backoffice.personal-data", normalise_email(email), algorithm="sha256"
    ).hexdigest()


def _relations(model):
    """The one-to-many and one-to-one relations that point at ``model``."""
    return [
        relation
        for relation in model._meta.related_objects
        if (relation.one_to_many or relation.one_to_one)
        and not relation.related_model._meta.auto_created
    ]


def reachable_records(contact_model, depth: int = DEPTH) -> dict[str, list[str]]:
    """Model label -> lookup paths back to the contact, e.g. LeadEvent: ["lead__buyer"]."""
    found: dict[str, list[str]] = {}

    def walk(model, path, level):
        if level > depth:
            return
        for relation in _relations(model):
            lookup = f"{relation.field.name}__{path}" if path else relation.field.name
            found.setdefault(relation.related_model._meta.label, []).append(lookup)
            walk(relation.related_model, lookup, level + 1)

    walk(contact_model, "", 1)
    return found


def _mail_model():
    return apps.get_model("post_office", "Email") if apps.is_installed("post_office") else None


@dataclass
class PersonalRecords:
    email: str
    buyers: list = field(default_factory=list)
    delegates: list = field(default_factory=list)
    exhibitors: list = field(default_factory=list)
    users: list = field(default_factory=list)
    mails: list = field(default_factory=list)
    audits: list = field(default_factory=list)

    @property
    def contacts(self) -> list:
        return [*self.buyers, *self.delegates]

    @property
    def leads(self) -> list:
        return [lead for contact in self.contacts for lead in contact.leads.all()]

    @property
    def found(self) -> bool:
        return bool(self.contacts or self.exhibitors or self.users or self.mails)

    @property
    def erasable(self) -> bool:
        return bool(self.contacts or self.mails)


def _prefetches(model, depth: int = DEPTH) -> list[str]:
    lookups = []

    def walk(current, prefix, level):
        if level > depth:
            return
        for relation in _relations(current):
            lookup = prefix + relation.get_accessor_name()
            if relation.one_to_many:
                lookups.append(lookup)
                walk(relation.related_model, lookup + "__", level + 1)

    walk(model, "", 1)
    return lookups


def _mail_query(email: str, references: list[str]) -> Q:
    query = Q(to__icontains=email) | Q(message__icontains=email)
    for reference in references:
        query |= Q(message__icontains=reference) | Q(subject__icontains=reference)
    return query


def personal_data_find(*, email: str) -> PersonalRecords:
    """Everything held about one address, in a fixed number of queries."""
    email = normalise_email(email)
    records = PersonalRecords(email=email)
    if not email:
        return records
    records.buyers = list(
        Buyer.objects.filter(email__iexact=email).prefetch_related("interests", *_prefetches(Buyer))
    )
    records.delegates = list(
        Delegate.objects.filter(email__iexact=email).prefetch_related(*_prefetches(Delegate))
    )
    records.exhibitors = list(Exhibitor.objects.filter(email__iexact=email).order_by("name"))
    records.users = list(get_user_model().objects.filter(email__iexact=email).order_by("pk"))
    mail_model = _mail_model()
    if mail_model is not None:
        references = [lead.reference for lead in records.leads if lead.reference]
        records.mails = list(
            mail_model.objects.filter(_mail_query(email, references))
            .only("id", "to", "subject", "created", "status")
            .order_by("created")
        )
    records.audits = list(
        PersonalDataAudit.objects.filter(email_hash=email_fingerprint(email)).select_related(
            "actor"
        )
    )
    return records


def _plain(value):
    """A JSON-friendly form of a model value (countries and phones as text)."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _fields(obj, exclude=()) -> dict:
    """An object's own values; links to staff accounts are left out (not the person's data)."""
    data = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name in exclude or model_field.primary_key:
            continue
        if model_field.is_relation:
            if model_field.related_model is get_user_model():
                continue
            data[model_field.name] = getattr(obj, model_field.attname)
            continue
        data[model_field.name] = _plain(model_field.value_from_object(obj))
    return data


def _tree(obj, level: int = 1, parent_field: str = "") -> dict:
    data = _fields(obj, exclude=(parent_field,))
    if level > DEPTH:
        return data
    for relation in _relations(type(obj)):
        if not relation.one_to_many:
            continue
        children = getattr(obj, relation.get_accessor_name()).all()
        data[relation.get_accessor_name()] = [
            _tree(child, level + 1, relation.field.name) for child in children
        ]
    return data


def personal_data_document(records: PersonalRecords) -> dict:
    """The export handed to the person: plain JSON, nothing of anyone else."""
    return {
        "email": records.email,
        "generated_at": timezone.now().isoformat(),
        "controller": "BP2MI, Expo Portal",
        "buyers": [
            {**_tree(buyer), "interests": [str(category) for category in buyer.interests.all()]}
            for buyer in records.buyers
        ],
        "delegates": [_tree(delegate) for delegate in records.delegates],
        "business_listings": [
            {
                "business_name": exhibitor.name,
                "founder_name": exhibitor.founder_name,
                "contact_name": exhibitor.contact_name,
                "email": exhibitor.email,
                "phone": _plain(exhibitor.phone) or "",
                "whatsapp": _plain(exhibitor.whatsapp) or "",
                "address": exhibitor.address,
            }
            for exhibitor in records.exhibitors
        ],
        "user_accounts": [
            {
                "username": user.get_username(),
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "date_joined": _plain(user.date_joined),
                "last_login": _plain(user.last_login),
                "is_active": user.is_active,
            }
            for user in records.users
        ],
        "mail": [
            {
                "to": mail.to,
                "subject": mail.subject,
                "created": _plain(mail.created),
                "status": _plain(mail.status),
            }
            for mail in records.mails
        ],
    }


def _audit(*, action, email, actor, reference="", summary=None) -> PersonalDataAudit:
    return PersonalDataAudit.objects.create(
        action=action,
        email_hash=email_fingerprint(email),
        actor=actor,
        reference=(reference or "")[:120],
        summary=summary or {},
    )


def _summary(records: PersonalRecords) -> dict:
    return {
        "buyers": len(records.buyers),
        "delegates": len(records.delegates),
        "leads": len(records.leads),
        "mails": len(records.mails),
    }


def personal_data_export(*, email: str, actor=None, reference: str = "") -> dict:
    """The JSON document of everything held about ``email``; the export is audited."""
    records = personal_data_find(email=email)
    document = personal_data_document(records)
    _audit(
        action=PersonalDataAction.EXPORT,
        email=records.email,
        actor=actor,
        reference=reference,
        summary=_summary(records),
    )
    return document


@transaction.atomic
def consent_withdraw(*, email: str, actor=None, reference: str = "") -> dict:
    """Stop sharing a buyer's contact details with the businesses, everywhere."""
    email = normalise_email(email)
    buyers = Buyer.objects.filter(email__iexact=email)
    now = timezone.now()
    summary = {
        "buyers": buyers.filter(share_with_exhibitors=True).update(
            share_with_exhibitors=False, updated_at=now
        ),
        "leads": 0,
    }
    buyer_ids = list(buyers.values_list("pk", flat=True))
    for label, paths in reachable_records(Buyer).items():
        model = _model(label)
        if model is None or "share_contact" not in PERSONAL_RECORDS.get(label, {}):
            continue
        changed = (
            _owned(model, paths, buyer_ids).filter(share_contact=True).update(share_contact=False)
        )
        if label == "buyers.ExpressionOfInterest":
            summary["leads"] = changed
    _audit(
        action=PersonalDataAction.WITHDRAW_CONSENT,
        email=email,
        actor=actor,
        reference=reference,
        summary=summary,
    )
    return summary


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:  # an app that is not installed
        return None


def _owned(model, paths, contact_ids):
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{path}__in": contact_ids})
    return model._base_manager.filter(query)


def _lead_references(buyer_ids, delegate_ids) -> list[str]:
    lead_model = apps.get_model("buyers", "ExpressionOfInterest")
    return list(
        lead_model.objects.filter(Q(buyer__in=buyer_ids) | Q(delegate__in=delegate_ids))
        .exclude(reference=None)
        .values_list("reference", flat=True)
    )


def _delete_mail(emails, references) -> int:
    mail_model = _mail_model()
    if mail_model is None or not emails:
        return 0
    query = Q(pk__in=[])
    for email in emails:
        query |= _mail_query(email, references)
    _total, per_model = mail_model.objects.filter(query).delete()
    return per_model.get(mail_model._meta.label, 0)


def _scrub_admin_log(model, pks, *, delete=False) -> None:
    """The admin's own history names objects ("Name <email>"): drop the name, or the entry."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    )
    if delete:
        entries.delete()
    else:
        entries.update(object_repr=ANONYMISED_NAME, change_message="")


def _anonymise_contacts(buyers, delegates) -> dict:
    buyer_ids = [buyer.pk for buyer in buyers]
    delegate_ids = [delegate.pk for delegate in delegates]
    mails = _delete_mail(
        [contact.email for contact in [*buyers, *delegates]],
        _lead_references(buyer_ids, delegate_ids),
    )
    counts = {}
    for contact_model, ids in ((Buyer, buyer_ids), (Delegate, delegate_ids)):
        for label, paths in reachable_records(contact_model).items():
            model = _model(label)
            if model is None:
                continue
            replacements = PERSONAL_RECORDS[label]
            owned = _owned(model, paths, ids)
            counts[label] = counts.get(label, 0) + (
                owned.update(**replacements) if replacements else owned.count()
            )
        now = timezone.now()
        for pk in ids:
            kind = contact_model._meta.model_name
            contact_model.objects.filter(pk=pk).update(
                email=anonymised_email(kind, pk), updated_at=now, **CONTACT_FIELDS[contact_model]
            )
        _scrub_admin_log(contact_model, ids)
    return {
        "buyers": len(buyer_ids),
        "delegates": len(delegate_ids),
        "leads": counts.get("buyers.ExpressionOfInterest", 0),
        "mails": mails,
    }


@transaction.atomic
def personal_data_anonymise(*, email: str, actor=None, reference: str = "") -> dict:
    """Blank what identifies the person, keep what the results count."""
    email = normalise_email(email)
    buyers = list(Buyer.objects.select_for_update().filter(email__iexact=email))
    delegates = list(Delegate.objects.select_for_update().filter(email__iexact=email))
    summary = _anonymise_contacts(buyers, delegates)
    _audit(
        action=PersonalDataAction.ANONYMISE,
        email=email,
        actor=actor,
        reference=reference,
        summary=summary,
    )
    return summary


def _delete_owned(contact_model, ids) -> dict:
    """Delete everything that hangs off the contacts, the deepest records first.

    A record another one still protects waits for the next round.
    """
    reachable = reachable_records(contact_model)
    pending = sorted(reachable, key=lambda label: -max(p.count("__") for p in reachable[label]))
    counts = {}
    for _round in range(len(pending) + 1):
        waiting = []
        for label in pending:
            model = _model(label)
            if model is None:
                continue
            owned = _owned(model, reachable[label], ids)
            pks = list(owned.values_list("pk", flat=True))
            try:
                with transaction.atomic():
                    _total, per_model = owned.delete()
            except ProtectedError:
                waiting.append(label)
                continue
            _scrub_admin_log(model, pks, delete=True)
            counts[label] = counts.get(label, 0) + per_model.get(label, 0)
        if not waiting:
            break
        pending = waiting
    _scrub_admin_log(contact_model, ids, delete=True)
    contact_model.objects.filter(pk__in=ids).delete()
    return counts


@transaction.atomic
def personal_data_erase(*, email: str, actor=None, reference: str = "") -> dict:
    """Delete the person's buyer and delegate records with everything that hangs off them."""
    email = normalise_email(email)
    buyer_ids = list(
        Buyer.objects.select_for_update().filter(email__iexact=email).values_list("pk", flat=True)
    )
    delegate_ids = list(
        Delegate.objects.select_for_update()
        .filter(email__iexact=email)
        .values_list("pk", flat=True)
    )
    mails = _delete_mail([email], _lead_references(buyer_ids, delegate_ids))
    leads = 0
    for contact_model, ids in ((Buyer, buyer_ids), (Delegate, delegate_ids)):
        if ids:
            leads += _delete_owned(contact_model, ids).get("buyers.ExpressionOfInterest", 0)
    summary = {
        "buyers": len(buyer_ids),
        "delegates": len(delegate_ids),
        "leads": leads,
        "mails": mails,
    }
    _audit(
        action=PersonalDataAction.ERASE,
        email=email,
        actor=actor,
        reference=reference,
        summary=summary,
    )
    return summary


def _inactive(model: type[models.Model], cutoff):
    return (
        model.objects.filter(updated_at__lt=cutoff)
        .exclude(leads__last_activity_at__gte=cutoff)
        .exclude(leads__created_at__gte=cutoff)
        .exclude(email__endswith="@" + ANONYMISED_EMAIL_DOMAIN)
        .order_by("pk")
    )


@transaction.atomic
def contacts_anonymise_inactive(
    *, older_than_days: int | None = None, dry_run: bool = False
) -> dict:
    """Anonymise buyers and delegates with no activity for ``older_than_days`` days.

    Activity is a change to the contact or to any of their leads (a new lead, a
    status change, a note). Each anonymised contact gets its own audit entry.
    """
    if older_than_days is None:
        older_than_days = settings.EXPO_CONTACT_RETENTION_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    buyers = list(_inactive(Buyer, cutoff))
    delegates = list(_inactive(Delegate, cutoff))
    if dry_run or not (buyers or delegates):
        return {"buyers": len(buyers), "delegates": len(delegates), "leads": 0, "mails": 0}
    PersonalDataAudit.objects.bulk_create(
        PersonalDataAudit(
            action=PersonalDataAction.RETENTION,
            email_hash=email_fingerprint(contact.email),
            reference=f"retention {older_than_days} days",
            summary={"kind": contact._meta.model_name},
        )
        for contact in [*buyers, *delegates]
    )
    return _anonymise_contacts(buyers, delegates)
