from django import forms
from django.utils.translation import gettext_lazy as _

from booths.models import Expo

from .services import default_intro

INTRO_MAX_LENGTH = 2000


class ThankYouForm(forms.Form):
    """Which expo's visitors to thank, and the opening text in each language."""

    PREVIEW = "preview"
    TEST = "test"
    SEND = "send"

    expo = forms.ModelChoiceField(
        label=_("Expo"),
        queryset=Expo.objects.order_by("-start_date"),
        empty_label=_("Choose an expo"),
        error_messages={
            "required": _("Choose the expo whose visitors to thank."),
            "invalid_choice": _("Choose the expo whose visitors to thank."),
        },
    )
    intro_en = forms.CharField(
        label=_("Opening text in English"),
        required=False,
        max_length=INTRO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Left empty, the mail opens with the standard text."),
    )
    intro_ind = forms.CharField(
        label=_("Opening text in Indonesian"),
        required=False,
        max_length=INTRO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Left empty, the mail opens with the standard text."),
    )
    # The button pressed; none (a GET, Enter in a field) only previews.
    action = forms.ChoiceField(
        choices=[(PREVIEW, PREVIEW), (TEST, TEST), (SEND, SEND)], required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"intro_en": default_intro("en"), "intro_ind": default_intro("id")}
        )
        super().__init__(*args, **kwargs)

    def intros(self) -> dict:
        return {"en": self.cleaned_data["intro_en"], "id": self.cleaned_data["intro_ind"]}
