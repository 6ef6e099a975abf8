"""The thank-you mail after an expo, from the staff to the buyers and delegates who sent
inquiries at it.

``select_recipients`` reads who would get it, and who is left out and why, in a fixed
number of queries. Mail goes to a person (an address) once per expo, in their own
language (the one they last wrote to us in), with the businesses and products they asked
about and the link to their status page. Left out: no address (or an anonymised one),
consent withdrawn (by anyone with that address, ``buyers.models.follow_up_mail_allowed``),
no consent on record, or already sent. ``thank_you_send`` claims each person in
``ThankYouRecipient`` before queueing their mail, under a lock on the expo: the unique
constraints there keep two sends at once from mailing anyone twice.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from booths.models import Expo
from buyers.choices import LeadKind, LeadStatus
from buyers.models import Buyer, Delegate, ExpressionOfInterest, LeadItem
from buyers.status import status_url
from common.mail import queue_mail
from common.privacy import is_anonymised_email

from .models import ThankYouMailing, ThankYouRecipient

TEMPLATE = "thankyou/emails/thank_you"
LANGUAGES = ("en", "id")
INTRO_FIELDS = {"en": "intro_en", "id": "intro_ind"}

NO_ADDRESS = "no_address"
WITHDRAWN = "withdrawn"
NO_CONSENT = "no_consent"
ALREADY_SENT = "already_sent"
# In the order a person is counted: the first reason that applies.
EXCLUSIONS = {
    NO_ADDRESS: gettext_lazy("No email address"),
    WITHDRAWN: gettext_lazy("Consent withdrawn"),
    NO_CONSENT: gettext_lazy("No consent on record"),
    ALREADY_SENT: gettext_lazy("Already sent for this expo"),
}


def default_intro(language: str) -> str:
    """The opening text the mail starts with unless staff write their own."""
    with translation.override(language):
        return _(
            "Thank you for visiting the BP2MI booth at Trade Expo Indonesia. The returned "
            "migrant workers who run these businesses were glad to meet you, and they look "
            "forward to working with you."
        )


class NothingToSend(Exception):
    """A send or a test that would mail nobody; the message says why."""


@dataclass
class Recipient:
    """One person (one address) and what the mail lists for them."""

    email: str
    contacts: list
    leads: list = field(default_factory=list)

    @property
    def contact(self):
        # The contact who wrote last: their name and language are the current ones.
        return max(self.contacts, key=lambda contact: contact.updated_at)

    @property
    def name(self) -> str:
        return self.contact.name

    @property
    def language(self) -> str:
        language = self.contact.language
        return language if language in LANGUAGES else "en"


@dataclass
class Selection:
    expo: Expo
    recipients: list = field(default_factory=list)
    excluded: dict = field(default_factory=lambda: dict.fromkeys(EXCLUSIONS, 0))

    @property
    def excluded_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.excluded[reason]) for reason, label in EXCLUSIONS.items()]

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    def per_language(self) -> dict[str, int]:
        counts = dict.fromkeys(LANGUAGES, 0)
        for recipient in self.recipients:
            counts[recipient.language] += 1
        return counts

    def sample(self, language: str) -> Recipient | None:
        """The first person who reads ``language``, else the first of all."""
        for recipient in self.recipients:
            if recipient.language == language:
                return recipient
        return self.recipients[0] if self.recipients else None

    def nothing_message(self) -> str:
        if self.excluded[ALREADY_SENT]:
            return _(
                "Everyone who may receive the thank-you mail of this expo has been sent it "
                "already. Nothing was sent."
            )
        return _("Nobody who sent an inquiry at this expo may receive the mail. Nothing was sent.")


def _key(contact) -> tuple[str, int]:
    return ("d" if isinstance(contact, Delegate) else "b", contact.pk)


def _consented(contact) -> bool:
    # Agreed to a privacy notice: in a form (its version) or at the booth (its time).
    return bool(contact.consent_version or contact.consented_at)


def select_recipients(expo: Expo) -> Selection:
    """Who would get the thank-you mail of ``expo`` now, and who is left out and why.

    Six queries, whatever the number of leads.
    """
    leads = (
        ExpressionOfInterest.objects.filter(expo=expo)
        .exclude(status=LeadStatus.SPAM)
        .select_related("buyer", "delegate", "exhibitor", "product")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=LeadItem.objects.select_related("product").order_by("position", "id"),
            )
        )
        .order_by("created_at", "pk")
    )
    # One person, one mail: contacts are grouped by address (a buyer may be a delegate
    # too); a contact without an address stands alone.
    people: dict = {}
    for lead in leads:
        contact = lead.contact
        group = contact.email or _key(contact)
        person = people.setdefault(group, Recipient(email=contact.email, contacts=[]))
        if all(_key(known) != _key(contact) for known in person.contacts):
            person.contacts.append(contact)
        person.leads.append(lead)

    emails = [email for email in people if isinstance(email, str)]
    withdrawn = set()
    for model in (Buyer, Delegate):
        withdrawn.update(
            model.objects.filter(email__in=emails, consent_withdrawn_at__isnull=False).values_list(
                "email", flat=True
            )
        )
    sent_keys, sent_emails = set(), set()
    for buyer_id, delegate_id, buyer_email, delegate_email in ThankYouRecipient.objects.filter(
        expo=expo
    ).values_list("buyer_id", "delegate_id", "buyer__email", "delegate__email"):
        sent_keys.add(("b", buyer_id) if buyer_id else ("d", delegate_id))
        sent_emails.add(buyer_email or delegate_email)

    selection = Selection(expo=expo)
    for person in people.values():
        consented = [contact for contact in person.contacts if _consented(contact)]
        if not person.email or is_anonymised_email(person.email):
            reason = NO_ADDRESS
        elif person.email in withdrawn:
            reason = WITHDRAWN
        elif not consented:
            reason = NO_CONSENT
        elif person.email in sent_emails or any(
            _key(contact) in sent_keys for contact in person.contacts
        ):
            reason = ALREADY_SENT
        else:
            reason = None
        if reason:
            selection.excluded[reason] += 1
            continue
        # A contact without consent (the same address as a buyer and as a delegate) is
        # not mailed about: only what was asked with consent is listed.
        keys = {_key(contact) for contact in consented}
        person.contacts = consented
        person.leads = [lead for lead in person.leads if _key(lead.contact) in keys]
        selection.recipients.append(person)
    selection.recipients.sort(key=lambda person: (person.name.lower(), person.email))
    return selection


def _intro(intros: dict, language: str) -> str:
    return (intros.get(language) or "").strip() or default_intro(language)


def mail_context(recipient: Recipient, *, expo: Expo, intros: dict, language: str) -> dict:
    """What the mail to ``recipient`` shows, in ``language``."""
    trade = [lead for lead in recipient.leads if lead.kind == LeadKind.TRADE]
    placement = [lead for lead in recipient.leads if lead.kind == LeadKind.PLACEMENT]
    return {
        "expo": expo,
        "name": recipient.name,
        "intro": _intro(intros, language),
        "trade_leads": trade,
        "placement_leads": placement,
        "status_urls": [status_url(contact, language=language) for contact in recipient.contacts],
    }


def preview(selection: Selection, *, intros: dict) -> list[dict]:
    """The mail as a sample person in each language would get it: subject and HTML body."""
    previews = []
    for language in LANGUAGES:
        sample = selection.sample(language)
        if sample is None:
            continue
        context = mail_context(sample, expo=selection.expo, intros=intros, language=language)
        with translation.override(language):
            previews.append(
                {
                    "language": language,
                    "sample": sample,
                    "subject": " ".join(
                        render_to_string(f"{TEMPLATE}_subject.txt", context).split()
                    ),
                    "body": render_to_string("thankyou/emails/_body.html", context),
                }
            )
    return previews


def intros_fingerprint(expo: Expo, intros: dict) -> str:
    """Names the texts a test was sent with, so the real send can ask for the same."""
    text = "\x00".join([str(expo.pk), *(_intro(intros, language) for language in LANGUAGES)])
    return hashlib.sha256(text.encode()).hexdigest()


def thank_you_test_send(*, expo: Expo, intros: dict, user) -> list[str]:
    """Queue the mail in both languages to ``user`` alone, as a sample person would get it.

    Returns the languages sent. Raises ``NothingToSend`` when nobody would get the mail
    or the account has no address; nothing is recorded as sent to anyone.
    """
    if not user.email:
        raise NothingToSend(
            _("Your account has no email address for the test: add one in the admin first.")
        )
    selection = select_recipients(expo)
    if not selection.recipients:
        raise NothingToSend(selection.nothing_message())
    for language in LANGUAGES:
        sample = selection.sample(language)
        context = mail_context(sample, expo=expo, intros=intros, language=language)
        queue_mail(
            to=[user.email],
            template=TEMPLATE,
            context={**context, "test": True, "sample": sample},
            language=language,
        )
    return list(LANGUAGES)


@transaction.atomic
def thank_you_send(*, expo: Expo, intros: dict, actor) -> ThankYouMailing:
    """Queue the thank-you mail of ``expo`` to everyone who may get it and has not yet.

    Each person is recorded in ``ThankYouRecipient`` before their mail is queued; a
    person recorded meanwhile by another send is skipped. Raises ``NothingToSend``
    (nothing recorded, nothing queued) when nobody is left to mail.
    """
    # A second send waits here until the first is committed, then finds everyone sent.
    expo = Expo.objects.select_for_update().get(pk=expo.pk)
    if not expo_has_ended(expo):
        raise NothingToSend(
            _("This expo has not ended yet: send the thank-you mail after its last day.")
        )
    selection = select_recipients(expo)
    if not selection.recipients:
        raise NothingToSend(selection.nothing_message())
    mailing = ThankYouMailing.objects.create(
        expo=expo,
        sent_by=actor,
        intro_en=_intro(intros, "en"),
        intro_ind=_intro(intros, "id"),
        excluded=selection.excluded,
    )
    mailed = 0
    for recipient in selection.recipients:
        rows = [
            ThankYouRecipient(
                mailing=mailing,
                expo=expo,
                buyer=contact if isinstance(contact, Buyer) else None,
                delegate=contact if isinstance(contact, Delegate) else None,
                language=recipient.language,
                leads=sum(1 for lead in recipient.leads if _key(lead.contact) == _key(contact)),
            )
            for contact in recipient.contacts
        ]
        try:
            with transaction.atomic():
                ThankYouRecipient.objects.bulk_create(rows)
        except IntegrityError:
            continue
        context = mail_context(recipient, expo=expo, intros=intros, language=recipient.language)
        email = queue_mail(
            to=[recipient.email], template=TEMPLATE, context=context, language=recipient.language
        )
        ThankYouRecipient.objects.filter(pk__in=[row.pk for row in rows]).update(email=email)
        mailed += 1
    if not mailed:
        raise NothingToSend(selection.nothing_message())
    mailing.recipients_count = mailed
    mailing.save(update_fields=["recipients_count"])
    return mailing


def expo_has_ended(expo: Expo) -> bool:
    return expo.end_date < timezone.localdate()
