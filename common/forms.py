"""A service's refusal shown on its form (every form that calls a service), and the one
path of every public form (leads, meeting requests): count, validate, send once; the
username length check of the login forms."""

from collections.abc import Callable, Collection

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from .ratelimits import RateLimited, admit_form_post


class UsernameLengthMixin:
    """For forms based on Django's AuthenticationForm: it sets the length limit of the
    username after the field is made, so that limit is not checked and a 50,000-character
    name would reach the login records (a 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


def add_service_errors(form, error: ValidationError) -> set[str]:
    """Show a service's refusal on the form, beside the field it names (or above all
    fields); returns the refusal's codes."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return {item.code for item in error.error_list}
    codes = set()
    for field, errors in error.error_dict.items():
        codes.update(item.code for item in errors)
        form.add_error(field if field in form.fields else None, errors)
    return codes


def submit_public_form(
    request,
    form,
    *,
    scope: str,
    send: Callable,
    page: Callable,
    done: Callable,
    conflict_codes: Collection[str] = (),
):
    """Answer the post of a public form.

    ``send(form, admit)`` calls the service with the valid form; the service gives back
    what an earlier post of the same form made, or calls ``admit()`` (the rate limits)
    before making anything new. ``done(made)`` answers a success; ``page(form, status,
    rate_limited=False)`` renders the form again: 429 when a limit is reached, 409 when
    the service refused with one of ``conflict_codes`` (someone else got there first),
    else 400. An invalid post counts against the limits too.
    """
    admit = admit_form_post(request, scope=scope)
    try:
        if not form.is_valid():
            admit()
            return page(form, 400)
        try:
            made = send(form, admit)
        except ValidationError as error:
            codes = add_service_errors(form, error)
            return page(form, 409 if codes & set(conflict_codes) else 400)
    except RateLimited:
        return page(form, 429, rate_limited=True)
    return done(made)
