"""What every owner page shares: login required, never cached, the owner's objects only."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.views.decorators.cache import never_cache


def owner_view(view):
    """An owner page: anonymous visitors go to the login, nothing is cached anywhere.

    Ownership itself is checked in each view's query (``owned_by(request.user)``), so
    another owner's object is a 404 whoever asks, staff included: staff work in the admin.
    """
    return wraps(view)(never_cache(login_required(view)))


def add_errors(error: ValidationError, form) -> None:
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
