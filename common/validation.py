"""Validating a new row in fewer round trips than ``full_clean()``, with the same refusals.

``full_clean()`` asks the database whether each foreign key exists and runs each check
constraint as a query of its own (with a savepoint around it): some twenty round trips
for one lead. For a row a service is about to insert, the related rows were just read
(they exist), and the database enforces the same check constraints at the insert: it
names the one that refused, and ``refusal_of`` gives back the ``ValidationError``
``full_clean()`` would have raised.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import CheckConstraint


def clean_new(instance, *, exclude=()) -> None:
    """``full_clean()`` of a row about to be inserted, without the queries.

    Field values and ``clean()`` are checked as usual; foreign keys given as saved rows
    are not looked up again; unique fields and constraints are left to the insert
    (wrap it in ``refusals(model)``).
    """
    given = [
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.is_cached(instance)
        and getattr(field.get_cached_value(instance), "pk", None) is not None
    ]
    instance.full_clean(
        exclude=[*exclude, *given], validate_unique=False, validate_constraints=False
    )


def refusal_of(error: IntegrityError, *models) -> ValidationError | None:
    """The ``ValidationError`` for a check constraint of ``models`` the database enforced."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    for model in models:
        for constraint in model._meta.constraints:
            if constraint.name == name and isinstance(constraint, CheckConstraint):
                return ValidationError(
                    constraint.get_violation_error_message(),
                    code=constraint.violation_error_code,
                )
    return None


@contextmanager
def refusals(*models):
    """A check constraint of ``models`` refused an insert: raise it as ``full_clean()``
    would have. Use outside the transaction (or savepoint) the insert ran in."""
    try:
        yield
    except IntegrityError as error:
        refusal = refusal_of(error, *models)
        if refusal is None:
            raise
        raise refusal from error
