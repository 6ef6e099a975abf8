"""Where an owner's business and products stand, and what is still missing.

Everything here reads objects that the selectors have already loaded (with their
photos, certifications and latest change request), so it costs no queries.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from booths.proposals import ProfileProposal, diff
from common.choices import ChangeRequestStatus, ReviewStatus
from products.choices import CERTIFICATION_SHORT_NAMES
from products.proposals import ProductProposal

# A certificate that ends within this many days gets a reminder.
CERTIFICATE_WARNING_DAYS = 60


@dataclass(frozen=True)
class Status:
    """A status as the owner sees it: a short label, a colour (``tone``), and a sentence."""

    code: str
    label: str
    tone: str
    detail: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Hint:
    """Something missing or out of date, with what to do about it."""

    code: str
    text: str
    urgent: bool = False


def exhibitor_status(exhibitor) -> Status:
    """The business profile's place in review, as its owners see it.

    ``exhibitor`` comes from ``selectors.owner_exhibitors`` (with ``request_status``,
    ``request_reason`` and ``request_reviewed_at`` of its latest change request).
    """
    status = exhibitor.review_status
    if status == ReviewStatus.APPROVED and exhibitor.request_status == ChangeRequestStatus.PENDING:
        return Status(
            "changes_pending",
            _("Changes waiting for review"),
            "pending",
            _("Buyers see your approved profile until BP2MI staff approve your changes."),
        )
    if status == ReviewStatus.APPROVED and _rejected_changes_are_latest(exhibitor):
        return Status(
            "changes_rejected",
            _("Changes not accepted"),
            "rejected",
            _("Buyers still see your approved profile. Change it and save it again."),
            reason=exhibitor.request_reason or "",
        )
    if status == ReviewStatus.APPROVED:
        return Status(
            "approved",
            _("On show"),
            "approved",
            _("Buyers can see your business and its approved products."),
        )
    if status == ReviewStatus.PENDING:
        return Status(
            "pending",
            _("Waiting for review"),
            "pending",
            _("BP2MI staff will check your profile soon. You can keep adding products meanwhile."),
        )
    if status == ReviewStatus.REJECTED:
        return Status(
            "rejected",
            _("Needs changes"),
            "rejected",
            _("BP2MI staff asked for changes. Fix your profile, then send it again."),
            reason=exhibitor.rejection_reason,
        )
    return Status(
        "draft",
        _("Not sent yet"),
        "draft",
        _("Complete your profile, then send it to BP2MI staff for review."),
    )


def _rejected_changes_are_latest(listing) -> bool:
    """Whether the latest review of ``listing`` (a product or business) turned down its
    owners' changes, rather than approving the listing since."""
    if getattr(listing, "request_status", None) != ChangeRequestStatus.REJECTED:
        return False
    reviewed = getattr(listing, "request_reviewed_at", None)
    return listing.reviewed_at is None or (reviewed is not None and reviewed >= listing.reviewed_at)


def product_status(product) -> Status:
    """The product's place in review, as its owner sees it.

    ``product`` comes from ``selectors.owner_products`` (with ``request_status``,
    ``request_reason`` and ``request_reviewed_at`` of its latest change request).
    """
    if product.is_archived:
        return Status(
            "archived",
            _("Archived"),
            "draft",
            _("Hidden from buyers. You can show it again at any time."),
        )
    status = product.review_status
    if status == ReviewStatus.DRAFT:
        return Status(
            "draft",
            _("Draft"),
            "draft",
            _("Not sent for review yet. Buyers do not see it."),
        )
    if status == ReviewStatus.PENDING:
        return Status(
            "pending",
            _("Waiting for review"),
            "pending",
            _("BP2MI staff will check it soon. Buyers do not see it yet."),
        )
    if status == ReviewStatus.REJECTED:
        return Status(
            "rejected",
            _("Needs changes"),
            "rejected",
            _("BP2MI staff asked for changes. Fix the product, then send it again."),
            reason=product.rejection_reason,
        )
    if getattr(product, "request_status", None) == ChangeRequestStatus.PENDING:
        return Status(
            "changes_pending",
            _("Changes waiting for review"),
            "pending",
            _("Buyers see the approved version until BP2MI staff approve your changes."),
        )
    if _rejected_changes_are_latest(product):
        return Status(
            "changes_rejected",
            _("Changes not accepted"),
            "rejected",
            _("Buyers still see the approved version. Change the product and send it again."),
            reason=product.request_reason or "",
        )
    if product.exhibitor.review_status != ReviewStatus.APPROVED:
        return Status(
            "approved_hidden",
            _("Approved"),
            "approved",
            _("Buyers will see it as soon as your business profile is approved."),
        )
    return Status("approved", _("On show"), "approved", _("Buyers can see it in the catalogue."))


def _pending(product) -> ProductProposal:
    if getattr(product, "request_status", None) == ChangeRequestStatus.PENDING:
        return ProductProposal.from_json(product.request_changes or {})
    return ProductProposal()


def _certificate_hints(certifications, today) -> list[Hint]:
    hints = []
    soon = today + datetime.timedelta(days=CERTIFICATE_WARNING_DAYS)
    for certification in certifications:
        valid_until = certification["valid_until"]
        if valid_until is None:
            continue
        values = {"name": certification["name"], "date": date_format(valid_until, "j F Y")}
        if valid_until < today:
            hints.append(
                Hint(
                    "certificate_expired",
                    _(
                        "Your %(name)s certificate ended on %(date)s. Enter the new number "
                        "and date, or remove it."
                    )
                    % values,
                    urgent=True,
                )
            )
        elif valid_until <= soon:
            hints.append(
                Hint(
                    "certificate_ending",
                    _("Your %(name)s certificate ends on %(date)s. Renew it in time.") % values,
                )
            )
    return hints


def product_hints(product, today=None) -> list[Hint]:
    """What is missing from a product (as last proposed, pending changes included)."""
    if product.is_archived:
        return []
    today = today or timezone.localdate()
    pending = _pending(product)

    def value(name):
        return pending.fields[name] if name in pending.fields else getattr(product, name)

    hints = []
    photos = product.images.all() if pending.photos is None else pending.photos
    if not photos:
        hints.append(
            Hint(
                "no_photo",
                _("Add a photo. Buyers rarely open a product without one."),
                urgent=True,
            )
        )
    if value("price_min") in (None, "") and value("price_max") in (None, ""):
        hints.append(Hint("no_price", _("Add a price, at least the lowest price per unit.")))
    if not value("description_ind") and not value("description_en"):
        hints.append(Hint("no_description", _("Describe the product in a few sentences.")))
    if not value("name_en"):
        hints.append(Hint("no_english_name", _("Add the name in English: most buyers read it.")))
    if pending.certifications is not None:
        certifications = [
            {
                "name": CERTIFICATION_SHORT_NAMES.get(entry.kind, entry.kind),
                "valid_until": entry.valid_until,
            }
            for entry in pending.certifications
        ]
    else:
        certifications = [
            {"name": certification.short_name, "valid_until": certification.valid_until}
            for certification in product.certifications.all()
        ]
    hints += _certificate_hints(certifications, today)
    return hints


def pending_profile(exhibitor) -> ProfileProposal:
    """The changes of ``exhibitor`` (from ``selectors.owner_exhibitors``) waiting for review."""
    if exhibitor.request_status == ChangeRequestStatus.PENDING:
        return ProfileProposal.from_json(exhibitor.request_changes or {})
    return ProfileProposal()


def pending_profile_rows(exhibitor) -> list:
    """The changes waiting for review, field by field (no queries)."""
    after = pending_profile(exhibitor)
    return diff(ProfileProposal.of_exhibitor(exhibitor, after.names()), after)


def exhibitor_hints(exhibitor) -> list[Hint]:
    """What is missing from a business profile (as last proposed, pending changes included)."""
    exhibitor = pending_profile(exhibitor).applied_to(exhibitor)
    hints = []
    if not exhibitor.logo:
        hints.append(Hint("no_logo", _("Add your logo, or a photo of your shop or workshop.")))
    if not exhibitor.story_ind and not exhibitor.story_en:
        hints.append(
            Hint(
                "no_story",
                _("Tell your story: buyers like to know who makes the products."),
                urgent=True,
            )
        )
    elif not exhibitor.story_en:
        hints.append(Hint("no_english_story", _("Add your story in English for foreign buyers.")))
    if not (exhibitor.phone or exhibitor.whatsapp or exhibitor.email):
        hints.append(
            Hint(
                "no_contact",
                _("Add a phone, WhatsApp number or email, so BP2MI staff can reach you."),
                urgent=True,
            )
        )
    if not exhibitor.regency:
        hints.append(Hint("no_regency", _("Add your regency or city.")))
    return hints
