"""Booking forms: a buyer with a business, a delegate with the agency, and a new time.

The guest's details, the consent and the hidden idempotency key come from the lead
forms (``buyers.forms``), so a meeting request handles people exactly as a lead does.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from buyers.forms import BuyerFieldsForm, LineField, PlacementForm, PortalForm

from .models import MeetingSlot


class SlotField(forms.ModelChoiceField):
    """The chosen time, as the id of a slot; the page shows the free ones as buttons.

    Any slot id is accepted here: the booking service then says precisely what is
    wrong with it (taken, in the past, another expo's, outside opening hours).
    """

    def __init__(self, **kwargs):
        super().__init__(
            queryset=MeetingSlot.objects.with_place(),
            label=_("Time"),
            empty_label=None,
            error_messages={
                "required": _("Choose a time for the meeting."),
                "invalid_choice": _(
                    "This time is no longer offered. Please choose one of the times shown."
                ),
            },
            **kwargs,
        )


TOPIC_HELP = _("One line is enough, e.g. prices for 500 kg of green beans, or private label.")


class TradeMeetingForm(BuyerFieldsForm):
    """A buyer asks an MSME for a meeting at the booth."""

    slot = SlotField()
    topic = LineField(
        label=_("What would you like to talk about?"), max_length=300, help_text=TOPIC_HELP
    )
    share_contact = forms.BooleanField(
        label=_(
            "Share my email and phone with the business, so that it can reach me before "
            "the meeting."
        ),
        required=False,
    )

    def details(self) -> dict:
        return {"slot": self.cleaned_data["slot"], "topic": self.cleaned_data["topic"]}


class AgencyMeetingForm(PortalForm):
    """A delegate, employer or association asks for a meeting with the agency."""

    slot = SlotField()
    topic = LineField(
        label=_("What would you like to talk about?"),
        max_length=300,
        help_text=_("For example: placing 20 welders in 2025, or a cooperation agreement."),
    )
    name = PlacementForm.base_fields["name"]
    position = PlacementForm.base_fields["position"]
    institution = PlacementForm.base_fields["institution"]
    delegate_type = PlacementForm.base_fields["delegate_type"]
    email = PlacementForm.base_fields["email"]
    phone = PlacementForm.base_fields["phone"]
    country = PlacementForm.base_fields["country"]
    consent = PlacementForm.base_fields["consent"]

    contact_fields = PlacementForm.contact_fields

    def details(self) -> dict:
        return {"slot": self.cleaned_data["slot"], "topic": self.cleaned_data["topic"]}


class MoveForm(forms.Form):
    slot = SlotField()


class DeclineForm(forms.Form):
    reason = LineField(
        label=_("Reason (the guest sees it)"),
        max_length=300,
        required=False,
    )
