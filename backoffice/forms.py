from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from booths.models import Expo
from common.forms import UsernameLengthMixin

from .results import MAX_PERIOD_DAYS, Period, default_end, latest_day


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    # One plain sentence of our own, as on the owners' login: Django's ("Please enter the
    # correct %(username)s and password for a staff account") reads badly in Indonesian.
    # It is also the answer to an account that is not staff's, so it says so.
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or the password is not right, or the account is not a staff "
            "account. Check them and try again (capital letters count)."
        ),
    }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    """Which expo and which days the results cover. Without dates: from the expo's first
    day to today, or to the end of its follow-up period (``results.default_end``)."""

    expo = forms.ModelChoiceField(
        label=_("Expo"), queryset=Expo.objects.order_by("-start_date"), empty_label=None
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        expo = cleaned.get("expo")
        if expo is None:
            return cleaned
        today = timezone.localdate()
        start = cleaned.get("start") or expo.start_date
        end = cleaned.get("end") or default_end(expo, today)
        latest = latest_day(expo, today)
        if start > latest or end > latest:
            raise forms.ValidationError(
                _("Choose days up to %(day)s: there are no results for later days yet.")
                % {"day": date_format(latest, "j F Y")}
            )
        if end < start:
            raise forms.ValidationError(_("The last day must not be before the first day."))
        if (end - start).days >= MAX_PERIOD_DAYS:
            raise forms.ValidationError(
                _("Choose at most %(days)s days.") % {"days": MAX_PERIOD_DAYS}
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    @property
    def period(self) -> Period:
        return Period(
            expo=self.cleaned_data["expo"],
            start=self.cleaned_data["start"],
            end=self.cleaned_data["end"],
        )


class EmailLookupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Upper and lower case do not matter."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class PersonalDataActionForm(forms.Form):
    ACTIONS = [
        ("export", _("Export everything as JSON")),
        ("withdraw", _("Withdraw consent to share contact details with MSMEs")),
        ("anonymise", _("Anonymise (keep the statistics, remove the person)")),
        ("erase", _("Erase completely (delete the contacts and their leads)")),
    ]
    DESTRUCTIVE = {"anonymise", "erase"}

    email = forms.EmailField(widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS, widget=forms.RadioSelect)
    reference = forms.CharField(
        label=_("Request reference"),
        max_length=120,
        required=False,
        help_text=_("The letter, email or ticket the person made the request with."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked that the request comes from this person."), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in self.DESTRUCTIVE and not cleaned.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm: this cannot be undone."))
        return cleaned
