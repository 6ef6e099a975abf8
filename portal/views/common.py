"""What owner pages share beyond their guards (those are in common.permissions)."""

from django.core.exceptions import ValidationError


def add_errors(error: ValidationError, form) -> None:
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
