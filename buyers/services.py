"""Writes that create or move leads. Each is atomic and validates before saving."""

import datetime
import logging
import uuid
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from booths.models import Exhibitor, Expo
from common.idempotency import create_once
from common.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, Currency, convert
from common.validation import clean_new, refusal_of, refusals
from products.models import Product

from .choices import LeadKind, LeadSource
from .emails import notify_sent
from .models import Buyer, Delegate, ExpressionOfInterest, Inquiry, LeadEvent, LeadItem

logger = logging.getLogger(__name__)

# The largest amount an estimate column holds; a bigger "estimate" is no estimate at all.
_MAX_ESTIMATE = Decimal(10) ** (MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES) - Decimal("0.01")


def lead_reference(lead: ExpressionOfInterest) -> str:
    """A short reference a buyer can read over the phone, e.g. EOI-24-00042.

    Built from the primary key, so concurrent leads never share one.
    """
    year = timezone.localtime(lead.created_at).strftime("%y")
    return f"EOI-{year}-{lead.pk:05d}"


def inquiry_reference(inquiry: Inquiry) -> str:
    """The reference shared by the leads of one inquiry list, e.g. INQ-24-00007."""
    year = timezone.localtime(inquiry.created_at).strftime("%y")
    return f"INQ-{year}-{inquiry.pk:05d}"


def estimate_value_usd(
    *,
    quantity: Decimal | None,
    target_price: Decimal | None = None,
    currency: str = Currency.USD,
    product: Product | None = None,
) -> Decimal | None:
    """What an inquiry may be worth, in US dollars, for the booth's results.

    The one rule: quantity x the buyer's target price when one is given (in its
    currency), else quantity x the middle of the product's price range (or the one
    end that is known). None when the quantity or any price is unknown, or when the
    product is absurd (larger than the column holds).
    """
    if quantity is None:
        return None
    if target_price is not None:
        amount, source = quantity * target_price, currency
    elif product is not None:
        prices = [price for price in (product.price_min, product.price_max) if price is not None]
        if not prices:
            return None
        amount, source = quantity * sum(prices) / len(prices), product.currency
    else:
        return None
    value = convert(amount, source, Currency.USD).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return value if value <= _MAX_ESTIMATE else None


def _find_contact(model, email: str, phone):
    if email:
        contact = model.objects.filter(email__iexact=email).first()
        if contact is not None:
            return contact
    if phone:
        # Someone who left only a phone number before is the same person now; one with
        # another email address is not.
        same_phone = model.objects.filter(phone=phone).order_by("pk")
        if email:
            same_phone = same_phone.filter(email="")
        return same_phone.first()
    return None


def contact_upsert(*, model: type[Buyer] | type[Delegate], email: str = "", **fields):
    """Match a returning buyer or delegate by email (any case), else by phone, instead of
    duplicating them.

    A returning contact keeps what they told us before where this form left a field empty.
    """
    email = email.strip().lower()
    fields = {name: value for name, value in fields.items() if value not in ("", None)}
    contact = _find_contact(model, email, fields.get("phone"))
    if contact is None:
        contact = model(email=email)
    elif email:
        contact.email = email
    for name, value in fields.items():
        setattr(contact, name, value)
    if fields.get("consented_at"):
        # A new form is a new consent: it lifts an earlier withdrawal.
        contact.consent_withdrawn_at = None
    if contact.pk is not None:
        contact.full_clean(validate_unique=False)
        contact.save()
        return contact
    # A new row's rules are checked by the insert: the same address sent by another
    # request a moment ago must meet the handler below, not a refusal.
    clean_new(contact)
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError as error:
        refusal = refusal_of(error, model)
        if refusal is not None:
            raise refusal from error
        # The same person sent a form a moment ago from another request: update that row.
        contact = model.objects.select_for_update().get(email__iexact=email)
        for name, value in fields.items():
            setattr(contact, name, value)
        contact.full_clean(validate_unique=False)
        contact.save()
    return contact


def lead_create(*, actor=None, **fields) -> ExpressionOfInterest:
    """Create a lead with its reference and the first entry of its history.

    A lead belongs to the current expo unless told otherwise, so the booth's
    results count it. A rule of the lead's table that refuses it is a ValidationError,
    as from ``full_clean()``.
    """
    with refusals(ExpressionOfInterest):
        return _lead_create(actor=actor, **fields)


@transaction.atomic
def _lead_create(*, actor=None, **fields) -> ExpressionOfInterest:
    if "expo" not in fields:
        fields["expo"] = Expo.objects.current()
    if "estimated_value_usd" not in fields:
        fields["estimated_value_usd"] = estimate_value_usd(
            quantity=fields.get("quantity"),
            target_price=fields.get("target_price"),
            currency=fields.get("currency", Currency.USD),
            product=fields.get("product"),
        )
    lead = ExpressionOfInterest(**fields)
    lead.last_activity_at = timezone.now()
    # The database checks the rest at the insert (see common.validation).
    clean_new(lead, exclude=["reference"])
    lead.save()
    lead.reference = lead_reference(lead)
    lead.save(update_fields=["reference"])
    LeadEvent.objects.create(lead=lead, actor=actor, to_status=lead.status)
    return lead


@transaction.atomic
def lead_change_status(*, lead: ExpressionOfInterest, status: str, actor=None, note: str = ""):
    """Move a lead along the pipeline and record who did it, when, and why."""
    lead = ExpressionOfInterest.objects.select_for_update().get(pk=lead.pk)
    previous = lead.status
    lead.status = status
    lead.last_activity_at = timezone.now()
    lead.full_clean(exclude=["reference"])
    lead.save(update_fields=["status", "last_activity_at", "updated_at"])
    LeadEvent.objects.create(
        lead=lead, actor=actor, from_status=previous, to_status=status, note=note
    )
    return lead


@transaction.atomic
def lead_add_note(*, lead: ExpressionOfInterest, note: str, actor=None) -> LeadEvent:
    """Record a follow-up note without changing the status."""
    lead = ExpressionOfInterest.objects.select_for_update().get(pk=lead.pk)
    lead.last_activity_at = timezone.now()
    lead.save(update_fields=["last_activity_at", "updated_at"])
    event = LeadEvent(lead=lead, actor=actor, note=note)
    event.full_clean()
    event.save()
    return event


@dataclass
class Sent:
    """What one form made: its leads, the inquiry list they share (if any), and whether
    this call made them (False when the same form had been sent before)."""

    leads: list[ExpressionOfInterest] = field(default_factory=list)
    inquiry: Inquiry | None = None
    created: bool = True

    @property
    def reference(self) -> str:
        return self.inquiry.reference if self.inquiry else self.leads[0].reference


def sent_by_key(idempotency_key: uuid.UUID) -> Sent | None:
    """The leads an earlier post of the same form made, or None."""
    inquiry = Inquiry.objects.filter(idempotency_key=idempotency_key).first()
    if inquiry is not None:
        leads = ExpressionOfInterest.objects.filter(inquiry_reference=inquiry.reference)
        return Sent(leads=list(leads.order_by("pk")), inquiry=inquiry, created=False)
    lead = ExpressionOfInterest.objects.filter(idempotency_key=idempotency_key).first()
    if lead is not None:
        return Sent(leads=[lead], created=False)
    return None


# The same inquiry sent again this soon is most likely a buyer who went back and sent the
# form once more (a new form, so a new idempotency key): they see the first reference.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)


class DuplicateInquiry(Exception):
    """The same person sent the same inquiry (same products, same message) a few minutes
    ago; ``earlier`` is what that one made. Sent again with ``send_again=True``, it is
    made anyway."""

    def __init__(self, earlier: Sent):
        super().__init__(earlier.reference)
        self.earlier = earlier


def _recent(queryset, email_field: str, contact: dict):
    """Rows of ``queryset`` (leads or inquiry lists) that the contact's email address (any
    case) made in the duplicate window, oldest first; none without an email address."""
    email = (contact.get("email") or "").strip()
    if not email:
        return queryset.none()
    since = timezone.now() - DUPLICATE_WINDOW
    return queryset.filter(created_at__gte=since, **{f"{email_field}__iexact": email}).order_by(
        "pk"
    )


def _same_text(message) -> str:
    return (message or "").strip()


def _earlier_trade(contact, exhibitor, product, message) -> Sent | None:
    leads = _recent(ExpressionOfInterest.objects, "buyer__email", contact).filter(
        kind=LeadKind.TRADE, exhibitor=exhibitor, product=product, inquiry_reference=""
    )
    for lead in leads:
        if _same_text(lead.message) == _same_text(message):
            return Sent(leads=[lead], created=False)
    return None


def _earlier_list(contact, items, exhibitors, message) -> Sent | None:
    products = {product.pk for product, _quantity in items}
    whole = {exhibitor.pk for exhibitor in exhibitors} - {
        product.exhibitor_id for product, _quantity in items
    }
    for inquiry in _recent(Inquiry.objects, "buyer__email", contact):
        leads = list(
            ExpressionOfInterest.objects.filter(inquiry_reference=inquiry.reference)
            .prefetch_related("items")
            .order_by("pk")
        )
        if not leads or _same_text(leads[0].message) != _same_text(message):
            continue
        if products == {item.product_id for lead in leads for item in lead.items.all()} and (
            whole == {lead.exhibitor_id for lead in leads if not lead.items.all()}
        ):
            return Sent(leads=leads, inquiry=inquiry, created=False)
    return None


def _earlier_placement(contact, message) -> Sent | None:
    leads = _recent(ExpressionOfInterest.objects, "delegate__email", contact).filter(
        kind=LeadKind.PLACEMENT
    )
    for lead in leads:
        if _same_text(lead.message) == _same_text(message):
            return Sent(leads=[lead], created=False)
    return None


def _refusing_duplicates(admit, earlier, send_again: bool):
    """``admit`` preceded by the duplicate check: runs only when something new is about to
    be made, so a resend of the very same form still gives back its first confirmation."""

    def check():
        if not send_again:
            found = earlier()
            if found is not None:
                raise DuplicateInquiry(found)
        if admit is not None:
            admit()

    return check


def _send_once(idempotency_key: uuid.UUID, create, admit, mail_later=None) -> Sent:
    """Run ``create`` unless this form was sent already; queue the mail once committed.

    ``mail_later(sent)``, where given, is called in the same transaction instead: it
    records what to write, and the mail is written out of the request (the booth).
    """

    def notify(sent: Sent) -> None:
        notify_sent(
            lead_ids=[lead.pk for lead in sent.leads],
            inquiry_id=sent.inquiry.pk if sent.inquiry else None,
        )

    def create_and_record() -> Sent:
        sent = create()
        mail_later(sent)
        return sent

    with refusals(ExpressionOfInterest, LeadItem):
        sent, _created = create_once(
            find=lambda: sent_by_key(idempotency_key),
            create=create if mail_later is None else create_and_record,
            admit=admit,
            notify=notify if mail_later is None else None,
        )
    return sent


def _require_published(products: list[Product]) -> None:
    public = set(
        Product.objects.published()
        .filter(pk__in=[product.pk for product in products])
        .values_list("pk", flat=True)
    )
    missing = [product for product in products if product.pk not in public]
    if missing:
        raise ValidationError(
            {
                "product": _("This product is no longer available: %(names)s.")
                % {"names": ", ".join(str(product) for product in missing)}
            },
            code="unavailable",
        )


def _buyer_upsert(
    *,
    contact: dict,
    language: str,
    consent_version: str,
    consented_at=None,
):
    # Sharing with the businesses is agreed per lead (``share_contact``), never per buyer:
    # a later form without the tick must not take back what an earlier one shared.
    return contact_upsert(
        model=Buyer,
        language=language,
        consent_version=consent_version,
        consented_at=consented_at or timezone.now(),
        **contact,
    )


def trade_inquiry_send(
    *,
    idempotency_key: uuid.UUID,
    contact: dict,
    exhibitor: Exhibitor,
    product: Product | None = None,
    language: str,
    source: str,
    consent_version: str,
    share_contact: bool = False,
    admit=None,
    send_again: bool = False,
    **details,
) -> Sent:
    """A buyer's inquiry about one product, or to a business as a whole (custom/OEM work).

    ``contact`` holds the buyer's fields (name, email, company, phone, country,
    buyer_type); ``details`` the lead's (quantity, unit, target_price, currency,
    incoterm, destination_country, timeline, interest, message). The same form sent
    again (same ``idempotency_key``) gives back the first lead; ``admit`` is called
    before a new one is made (see ``common.idempotency.create_once``). The same inquiry
    from the same email address within ``DUPLICATE_WINDOW`` raises ``DuplicateInquiry``
    unless ``send_again``.
    """

    def create():
        if product is not None:
            if product.exhibitor_id != exhibitor.pk:
                raise ValidationError({"product": _("This product belongs to another business.")})
            _require_published([product])
        elif not Exhibitor.objects.approved().filter(pk=exhibitor.pk).exists():
            raise ValidationError({"exhibitor": _("This business is not on show.")})
        buyer = _buyer_upsert(
            contact=contact,
            language=language,
            consent_version=consent_version,
        )
        lead = lead_create(
            kind=LeadKind.TRADE,
            buyer=buyer,
            exhibitor=exhibitor,
            product=product,
            language=language,
            source=source,
            consent_version=consent_version,
            share_contact=share_contact,
            idempotency_key=idempotency_key,
            **details,
        )
        return Sent(leads=[lead])

    def earlier():
        return _earlier_trade(contact, exhibitor, product, details.get("message"))

    return _send_once(idempotency_key, create, _refusing_duplicates(admit, earlier, send_again))


def inquiry_list_send(
    *,
    idempotency_key: uuid.UUID,
    contact: dict,
    items: list[tuple[Product, Decimal | None]],
    language: str,
    source: str,
    consent_version: str,
    share_contact: bool = False,
    exhibitors: list[Exhibitor] = (),
    consented_at=None,
    actor=None,
    admit=None,
    send_again: bool = False,
    mail_later=None,
    **details,
) -> Sent:
    """Send an inquiry list: one lead per business concerned, all under one INQ reference.

    ``items`` are (product, quantity or None) in the buyer's order; quantities are in
    each product's own unit. ``exhibitors`` are businesses asked about as a whole (at the
    booth), each getting a lead of its own unless one of its products is in ``items``.
    ``details`` apply to every lead (incoterm, destination_country, timeline, message,
    and the booth's rating, capture times, who captured and who follows up); a target
    price counts in the estimate of a lead about one product. ``consented_at`` is when
    the buyer agreed to the privacy notice (now, unless given); ``actor`` who entered it.
    Sent again, it gives back the first inquiry, even once the list has been emptied.
    The same products and message from the same email address within ``DUPLICATE_WINDOW``
    raise ``DuplicateInquiry`` unless ``send_again``.
    """
    by_exhibitor: dict[int, list[tuple[Product, Decimal | None]]] = {}
    for product, quantity in items:
        by_exhibitor.setdefault(product.exhibitor_id, []).append((product, quantity))
    whole = [e for e in dict.fromkeys(exhibitors) if e.pk not in by_exhibitor]
    target_price = details.get("target_price")
    currency = details.get("currency", Currency.USD)

    def create():
        if not items and not exhibitors:
            raise ValidationError(
                _("Your inquiry list is empty. Add products from the catalogue."), code="empty"
            )
        _require_published([product for product, _quantity in items])
        listed = set(Exhibitor.objects.approved().filter(pk__in=[e.pk for e in exhibitors]))
        if len(listed) < len(set(exhibitors)):
            raise ValidationError({"exhibitor": _("This business is not on show.")})
        buyer = _buyer_upsert(
            contact=contact,
            language=language,
            consent_version=consent_version,
            consented_at=consented_at,
        )
        inquiry = Inquiry.objects.create(idempotency_key=idempotency_key, buyer=buyer)
        inquiry.reference = inquiry_reference(inquiry)
        inquiry.save(update_fields=["reference"])
        common = {
            "expo": Expo.objects.current(),
            "kind": LeadKind.TRADE,
            "buyer": buyer,
            "inquiry_reference": inquiry.reference,
            "language": language,
            "source": source,
            "consent_version": consent_version,
            "share_contact": share_contact,
            **details,
        }
        leads = []
        for group in by_exhibitor.values():
            single = group[0] if len(group) == 1 else None
            estimates = [
                estimate_value_usd(
                    quantity=quantity,
                    product=product,
                    target_price=target_price if single else None,
                    currency=currency,
                )
                for product, quantity in group
            ]
            known = [estimate for estimate in estimates if estimate is not None]
            lead = lead_create(
                actor=actor,
                exhibitor=group[0][0].exhibitor,
                # A lead about one product names it; about several, its items do.
                product=single[0] if single else None,
                quantity=single[1] if single else None,
                unit=single[0].unit if single and single[1] is not None else "",
                estimated_value_usd=min(sum(known), _MAX_ESTIMATE) if known else None,
                **common,
            )
            for position, (product, quantity) in enumerate(group):
                item = LeadItem(
                    lead=lead,
                    product=product,
                    quantity=quantity,
                    unit=product.unit if quantity is not None else "",
                    position=position,
                )
                clean_new(item)
                item.save()
            leads.append(lead)
        for exhibitor in whole:
            leads.append(lead_create(actor=actor, exhibitor=exhibitor, **common))
        return Sent(leads=leads, inquiry=inquiry)

    def earlier():
        return _earlier_list(contact, items, exhibitors, details.get("message"))

    return _send_once(
        idempotency_key, create, _refusing_duplicates(admit, earlier, send_again), mail_later
    )


def placement_inquiry_send(
    *,
    idempotency_key: uuid.UUID,
    contact: dict,
    language: str,
    source: str,
    consent_version: str,
    consented_at=None,
    actor=None,
    admit=None,
    send_again: bool = False,
    mail_later=None,
    **details,
) -> Sent:
    """A delegate's or employer's placement-cooperation inquiry; it goes to BP2MI staff only.

    ``contact`` holds the delegate's fields (name, email, phone, country, institution,
    delegate_type, position); ``details`` the lead's (sectors, occupations, headcount,
    skills, timeline, message, and the booth's capture fields). ``consented_at`` and
    ``actor`` as for ``inquiry_list_send``; so is ``DuplicateInquiry`` (same email address
    and message).
    """

    def create():
        delegate = contact_upsert(
            model=Delegate,
            language=language,
            consent_version=consent_version,
            consented_at=consented_at or timezone.now(),
            **contact,
        )
        lead = lead_create(
            actor=actor,
            kind=LeadKind.PLACEMENT,
            delegate=delegate,
            language=language,
            source=source,
            consent_version=consent_version,
            idempotency_key=idempotency_key,
            **details,
        )
        return Sent(leads=[lead])

    def earlier():
        return _earlier_placement(contact, details.get("message"))

    return _send_once(
        idempotency_key, create, _refusing_duplicates(admit, earlier, send_again), mail_later
    )


def staff_lead_create(
    *, actor, idempotency_key: uuid.UUID | None = None, note: str = "", **fields
) -> Sent:
    """A lead staff enter themselves (a call or a mail to the agency, in the admin).

    It goes the way of every other lead: source "staff", the estimated value computed
    by ``estimate_value_usd``, its first history entry (and ``note``, if any) by
    ``actor``, and, once committed, the same mail (confirmation to the contact, notices
    to the business's owners and to the staff). ``fields`` are the lead's own; the same
    form sent twice (same ``idempotency_key``) makes one lead.
    """
    fields["source"] = LeadSource.STAFF
    fields.pop("estimated_value_usd", None)
    idempotency_key = idempotency_key or uuid.uuid4()

    def create():
        lead = lead_create(actor=actor, idempotency_key=idempotency_key, **fields)
        if note:
            lead_add_note(lead=lead, note=note, actor=actor)
        return Sent(leads=[lead])

    return _send_once(idempotency_key, create, admit=None)


@transaction.atomic
def lead_assign(*, lead: ExpressionOfInterest, assignee, actor=None) -> ExpressionOfInterest:
    """Give a lead to a staff member (or take it back with ``assignee=None``), in its history.

    Assigning is not contact with the buyer, so the follow-up clock keeps running.
    """
    lead = ExpressionOfInterest.objects.select_for_update().get(pk=lead.pk)
    if lead.assigned_to_id == (assignee.pk if assignee else None):
        return lead
    lead.assigned_to = assignee
    lead.save(update_fields=["assigned_to", "updated_at"])
    if assignee:
        name = assignee.get_full_name() or assignee.get_username()
        note = _("Assigned to %(name)s.") % {"name": name}
    else:
        note = _("No longer assigned to anyone.")
    LeadEvent.objects.create(lead=lead, actor=actor, note=note)
    return lead
