"""Personal data of buyers and delegates (UU PDP 27/2022): find, export, withdraw, erase.

Everything the portal holds about one email address:

- buyers and delegates with that address, and every record that hangs off them
  (leads with their history and products, inquiry lists, meetings with their
  history: ``PERSONAL_RECORDS`` lists each such model and its free-text fields);
- queued and sent mail that went to that address, names it, or names one of their
  records by its reference (a lead, an inquiry list, a meeting: the mail to an MSME
  about a meeting names the guest), with the files attached to it, and calendar files
  left behind by deleted mail that name them;
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
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.crypto import salted_hmac

from booths.models import Exhibitor
from buyers.models import Buyer, Delegate
from common.cache import all_pages_changed
from common.privacy import ANONYMISED_EMAIL_DOMAIN, ANONYMISED_NAME, anonymised_email
from common.spreadsheets import JAKARTA

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
    # A deal is the business's record and counts in the reported results: anonymising keeps
    # it (and its signed agreement, a document between two businesses); erasing the buyer
    # deletes it with the lead, its document included (deals/signals.py).
    "deals.Deal": {},
    # Who was sent an expo's thank-you mail: kept on anonymising (it names nobody),
    # deleted with the contact on erasure.
    "thankyou.ThankYouRecipient": {},
}
CONTACT_FIELDS = {
    Buyer: {
        "name": ANONYMISED_NAME,
        "phone": "",
        "company": "",
        "website": "",
        "consent_version": "",
        "consented_at": None,
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
    attachments: list = field(default_factory=list)
    admin_history: list = field(default_factory=list)
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


# Fields by which mail names a person's records (a lead's, its inquiry list's, a meeting's).
REFERENCE_FIELDS = ("reference", "inquiry_reference")
# Mail fields that can name a person; headers hold the Reply-To of a shared contact.
MAIL_TEXT_FIELDS = ("to", "cc", "bcc", "subject", "message", "html_message", "headers_text")


def _token_pattern(tokens) -> str:
    """A regular expression that finds any of ``tokens`` as a whole word: erasing
    EOI-24-10042 or ai@example.jp must not take EOI-24-100421's or kai@example.jp's mail."""
    alternatives = "|".join(re.escape(token) for token in sorted(set(tokens)))
    return rf"(?<![\w.%+-])({alternatives})(?![\w-]|\.\w)"


def _references(contacts: dict) -> list[str]:
    """Every reference of the records that hang off the contacts (``{model: ids}``)."""
    references = set()
    for contact_model, ids in contacts.items():
        if not ids:
            continue
        for label, paths in reachable_records(contact_model).items():
            model = _model(label)
            if model is None:
                continue
            names = [
                item.name for item in model._meta.concrete_fields if item.name in REFERENCE_FIELDS
            ]
            if names:
                rows = _owned(model, paths, ids).values_list(*names)
                references.update(value for row in rows for value in row if value)
    return sorted(references)


def _mails_about(emails, references):
    """Queued and sent mail that names one of the addresses or references, oldest first."""
    mail_model = _mail_model()
    tokens = [email for email in emails if email] + list(references)
    if mail_model is None or not tokens:
        return None
    pattern = _token_pattern(tokens)
    query = Q(pk__in=[])
    for name in MAIL_TEXT_FIELDS:
        query |= Q(**{f"{name}__iregex": pattern})
    return (
        mail_model.objects.annotate(headers_text=Cast("headers", models.TextField()))
        .filter(query)
        .order_by("created", "pk")
    )


def _file_text(attachment) -> str:
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read()
    except OSError:  # the file is gone already
        return ""
    # Calendar files fold long lines ("\r\n " continues one): unfold before searching.
    return content.decode("utf-8", "replace").replace("\r\n ", "").replace("\r\n\t", "")


def _attachments_about(mails, emails, references) -> list:
    """The files attached to ``mails``, and files attached to no mail that name the person."""
    if _mail_model() is None:
        return []
    attachment_model = apps.get_model("post_office", "Attachment")
    attached = list(
        attachment_model.objects.filter(emails__in=[mail.pk for mail in mails]).distinct()
    )
    tokens = [email for email in emails if email] + list(references)
    if tokens:
        pattern = re.compile(_token_pattern(tokens), re.IGNORECASE)
        orphans = attachment_model.objects.filter(emails=None).order_by("pk")
        attached.extend(orphan for orphan in orphans if pattern.search(_file_text(orphan)))
    return attached


def _tree_objects(obj, level: int = 1):
    """``obj`` and every prefetched record under it, as ``_tree`` walks them."""
    yield obj
    if level > DEPTH:
        return
    for relation in _relations(type(obj)):
        if relation.one_to_many:
            for child in getattr(obj, relation.get_accessor_name()).all():
                yield from _tree_objects(child, level + 1)


def _admin_history(contacts) -> list:
    """The admin's own entries about the contacts and their records (erasing deletes them)."""
    by_model: dict = {}
    for contact in contacts:
        for obj in _tree_objects(contact):
            by_model.setdefault(type(obj), set()).add(str(obj.pk))
    if not by_model:
        return []
    content_types = ContentType.objects.get_for_models(*by_model)
    query = Q(pk__in=[])
    for model, pks in by_model.items():
        query |= Q(content_type=content_types[model], object_id__in=pks)
    return list(LogEntry.objects.filter(query).order_by("action_time", "pk"))


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
    references = _references(
        {
            Buyer: [buyer.pk for buyer in records.buyers],
            Delegate: [delegate.pk for delegate in records.delegates],
        }
    )
    mails = _mails_about([email], references)
    if mails is not None:
        records.mails = list(
            mails.only("id", "to", "subject", "created", "status").prefetch_related("attachments")
        )
        records.attachments = _attachments_about(records.mails, [email], references)
    records.admin_history = _admin_history(records.contacts)
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
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # The booth's time, to the second, with its offset: 2024-10-09T14:05:31+07:00.
        return timezone.localtime(value, JAKARTA).replace(microsecond=0).isoformat()
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
    attached_pks = {
        attachment.pk for mail in records.mails for attachment in mail.attachments.all()
    }
    return {
        "email": records.email,
        "generated_at": _plain(timezone.now()),
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
                "id": mail.pk,
                "to": mail.to,
                "subject": mail.subject,
                "created": _plain(mail.created),
                "status": _plain(mail.status),
                "attachments": [attachment.name for attachment in mail.attachments.all()],
            }
            for mail in records.mails
        ],
        # Calendar files of mail deleted earlier that still name the person.
        "files_without_mail": [
            attachment.name
            for attachment in records.attachments
            if attachment.pk not in attached_pks
        ],
        "admin_history": [
            {
                "at": _plain(entry.action_time),
                "object": entry.object_repr,
                "change": entry.get_change_message(),
            }
            for entry in records.admin_history
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
    """Withdraw the consent of everyone with ``email``: their contact details are no longer
    shared with the businesses (on every lead and meeting, where the consent to share is
    kept), and no follow-up mail goes to them (``buyers.models.follow_up_mail_allowed``)
    until a new form gives consent again. Takes effect at once (UU PDP: within 3x24 hours).
    """
    email = normalise_email(email)
    buyer_ids = list(Buyer.objects.filter(email__iexact=email).values_list("pk", flat=True))
    now = timezone.now()
    for model in (Buyer, Delegate):
        model.objects.filter(email__iexact=email, consent_withdrawn_at__isnull=True).update(
            consent_withdrawn_at=now, updated_at=now
        )
    summary = {"buyers": len(buyer_ids), "leads": 0}
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


def _delete_mail(emails, references) -> int:
    """Delete the mail about the person, with its attachments and their files.

    The files go once the transaction commits, so a rollback leaves nothing half done.
    """
    mails = _mails_about(emails, references)
    if mails is None:
        return 0
    mails = list(mails.only("pk"))
    attachments = _attachments_about(mails, emails, references)
    mail_model = _mail_model()
    _total, per_model = mail_model.objects.filter(pk__in=[mail.pk for mail in mails]).delete()
    # An attachment another mail still carries stays with that mail.
    attachment_model = apps.get_model("post_office", "Attachment")
    loose = list(
        attachment_model.objects.filter(pk__in=[item.pk for item in attachments], emails=None)
    )
    attachment_model.objects.filter(pk__in=[item.pk for item in loose]).delete()
    storage = attachment_model._meta.get_field("file").storage
    names = [item.file.name for item in loose if item.file.name]
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
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
        _references({Buyer: buyer_ids, Delegate: delegate_ids}),
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
    all_pages_changed()
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
    mails = _delete_mail([email], _references({Buyer: buyer_ids, Delegate: delegate_ids}))
    leads = 0
    for contact_model, ids in ((Buyer, buyer_ids), (Delegate, delegate_ids)):
        if ids:
            leads += _delete_owned(contact_model, ids).get("buyers.ExpressionOfInterest", 0)
    all_pages_changed()
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
