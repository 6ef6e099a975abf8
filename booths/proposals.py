"""An owner's proposed business profile: the fields buyers see, as one type.

The portal builds a ``ProfileProposal`` from its form; ``booths.services`` checks it
(``clean``) and applies it, or keeps it for review in an ``ExhibitorChangeRequest`` as
JSON (``to_json`` and ``from_json``, the only serializer); ``diff`` shows two proposals
side by side to staff and owners. The shared part lives in ``common.proposals``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from common.fieldlists import with_translations
from common.proposals import FieldChange, FieldProposal, field_changes, shown_value

from .models import Exhibitor

# The owner's profile fields that buyers see: the business page, the product pages and
# cards, the catalogue's filters and the data for search engines, and the WhatsApp
# number with its opt-in (on the status page of buyers who asked the business). On an
# approved business they wait for staff review like products. The owner's other fields
# (year established, address, other contact details, logo) are shown to BP2MI staff
# only and change at once; a field that starts to be shown to buyers moves here.
PUBLIC_PROFILE_FIELDS = with_translations(
    Exhibitor,
    (
        "tagline",
        "story",
        "scale",
        "employees",
        "export_readiness",
        "founder_name",
        "former_placement_country",
        "sector_abroad",
        "years_abroad",
        "year_returned",
        "province",
        "regency",
        "whatsapp",
        "whatsapp_public",
    ),
)


@dataclass(frozen=True)
class ProfileProposal(FieldProposal):
    """New values for some of the public fields of a business profile."""

    model = Exhibitor
    reviewed_fields = PUBLIC_PROFILE_FIELDS

    @classmethod
    def of_exhibitor(cls, exhibitor: Exhibitor, names=None) -> "ProfileProposal":
        """The profile as it is (``names`` only, if given), in the proposal's terms."""
        return cls(fields=cls.stored_fields(exhibitor, names))

    def clean(self, candidate: Exhibitor) -> "ProfileProposal":
        """Check the proposal on ``candidate`` (the exhibitor it would change, unsaved).

        Returns the proposal with values as stored; raises one ``ValidationError`` with
        every mistake.
        """
        fields, errors = self.checked_fields(candidate)
        if errors:
            raise ValidationError(errors)
        return ProfileProposal(fields=fields)


def _model_field(name):
    return Exhibitor._meta.get_field(name)


def diff(before: ProfileProposal, after: ProfileProposal) -> list[FieldChange]:
    """Each value ``after`` proposes next to the one in ``before``, ready to show."""
    return field_changes(
        before.to_json(),
        after.to_json(),
        label=lambda name: str(_model_field(name).verbose_name),
        show=lambda name, value: shown_value(_model_field(name), value),
    )
