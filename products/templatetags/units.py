"""``{{ product.moq|with_unit:product.unit }}``: "200 packs" (see ``products.units``)."""

from django import template

from products.units import quantity_with_unit

register = template.Library()


@register.filter
def with_unit(quantity, unit):
    return quantity_with_unit(quantity, unit)
