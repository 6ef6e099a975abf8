"""``{% load fields %}``: what ``partials/field.html`` asks of a form field."""

from django import template

register = template.Library()


@register.filter
def is_optional(bound_field) -> bool:
    """Whether the field's label says "(optional)": not when it is required, nor when its
    form needs it or its pair filled in (``either_required``, set on a few fields only)."""
    field = bound_field.field
    return not field.required and not getattr(field, "either_required", False)
