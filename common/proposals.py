"""What owners propose for staff review: new values of a model's reviewed fields.

``FieldProposal`` is the part every typed proposal shares (products.proposals,
booths.proposals): values as a change request stores them in JSON, checked once on
the object they would change, merged, compared with the live object and applied.
``field_changes`` shows two proposals side by side to staff and owners.

A proposal may be partial: a field it does not name stays as it is.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def stored_value(instance: models.Model, name: str):
    """A field's value as JSON stores it (decimals as text, a country as its code)."""
    model_field = instance._meta.get_field(name)
    value = model_field.value_from_object(instance)
    if isinstance(value, Decimal):
        # 18.5 and 18.50 are the same price: compare and store them in one form.
        return str(value.quantize(Decimal(1).scaleb(-model_field.decimal_places)))
    if value is not None and not isinstance(value, str | int | bool | list):
        return model_field.get_prep_value(value)
    return value


def _comparable(value):
    # An empty text is stored as "" or as NULL (translated columns are nullable): the same.
    return None if value == "" else value


def shown_value(model_field, value) -> str:
    """A stored value as staff and owners read it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


def field_changes(
    before: dict, after: dict, *, label: Callable[[str], str], show: Callable[[str, Any], str]
) -> list[FieldChange]:
    """Each value ``after`` proposes next to the one in ``before`` (both as JSON)."""
    return [
        FieldChange(
            name=name,
            label=label(name),
            before=show(name, before.get(name)),
            after=show(name, value),
        )
        for name, value in after.items()
    ]


@dataclass(frozen=True)
class FieldProposal:
    """New values for some of ``model``'s ``reviewed_fields``.

    Raises ``ValueError`` for a field outside review: what the owner may not propose
    (a slug, the review status, the owners) never gets this far.
    """

    model: ClassVar[type[models.Model]]
    reviewed_fields: ClassVar[tuple[str, ...]]

    fields: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        unknown = set(self.fields) - set(self.reviewed_fields)
        if unknown:
            raise ValueError(
                f"Not a reviewed {self.model._meta.model_name} field: {', '.join(sorted(unknown))}"
            )

    def to_json(self) -> dict:
        """The proposal as a change request keeps it."""
        return dict(self.fields)

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return cls(fields=dict(data))

    @classmethod
    def stored_fields(cls, instance, names=None) -> dict:
        """``instance``'s reviewed fields (``names`` only, if given) as JSON stores them."""
        return {
            name: stored_value(instance, name)
            for name in cls.reviewed_fields
            if names is None or name in names
        }

    def names(self) -> list[str]:
        return list(self.fields)

    def merged(self, later: Self) -> Self:
        """This proposal with ``later`` proposed on top of it."""
        return replace(self, fields={**self.fields, **later.fields})

    def changed_from(self, current: Self) -> Self:
        """Only what differs from ``current`` (the live object)."""
        before = current.to_json()
        return type(self).from_json(
            {
                name: value
                for name, value in self.to_json().items()
                if _comparable(value) != _comparable(before.get(name))
            }
        )

    def apply_fields(self, instance) -> None:
        for name, value in self.fields.items():
            model_field = self.model._meta.get_field(name)
            python_value = model_field.to_python(value) if value is not None else None
            setattr(instance, model_field.attname, python_value)

    def applied_to(self, instance):
        """An unsaved copy of ``instance`` with the proposed fields (for a form to show)."""
        candidate = copy.copy(instance)
        self.apply_fields(candidate)
        return candidate

    def checked_fields(self, candidate) -> tuple[dict, dict]:
        """The proposed fields as stored, once applied to ``candidate`` (unsaved) and
        checked there, and every error ``full_clean`` found (by field)."""
        self.apply_fields(candidate)
        try:
            candidate.full_clean()
        except ValidationError as error:
            return {}, error.message_dict
        return {name: stored_value(candidate, name) for name in self.fields}, {}
