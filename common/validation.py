"""Validating a new row in fewer round trips than ``full_clean()``, with the same refusals.

``full_clean()`` asks the database whether each foreign key exists and runs each check
constraint as a query of its own (with a savepoint around it): some twenty round trips
for one lead. For a row a service is about to insert, the related rows were just read
(they exist), and the database enforces the same check constraints at the insert: it
names the one that refused, and ``refusal_of`` gives back the ``ValidationError``
``full_clean()`` would have raised.
"""

import logging
from contextlib import contextmanager, nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


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


def failed_checks(instance, exclude=None) -> list[CheckConstraint] | None:
    """The check constraints ``instance`` fails, all asked in one query.

    ``full_clean()`` asks for each check constraint in a query of its own, with a
    savepoint around each: 27 round trips for a product's nine. Constraints on an
    excluded field are skipped, as Django skips them. None if the database could not
    answer (then ask it constraint by constraint, as Django would).
    """
    using = router.db_for_write(type(instance), instance=instance)
    connection = connections[using]
    failed = []
    for model, constraints in instance.get_constraints():
        checks = [c for c in constraints if isinstance(c, CheckConstraint)]
        if not checks:
            continue
        against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
        query = Query(None)
        for name, value in against.items():
            if not hasattr(value, "resolve_expression"):
                value = Value(value)
            query.add_annotation(value, name, select=False)
        asked = []
        for check in checks:
            try:
                query.add_annotation(
                    Coalesce(Q(check.condition), True, output_field=BooleanField()),
                    f"check_{len(asked)}",
                )
            except FieldError:  # it names an excluded field
                continue
            asked.append(check)
        if not asked:
            continue
        savepoint = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
        try:
            with savepoint:
                row = query.get_compiler(using=using).execute_sql(SINGLE)
        except DatabaseError as error:
            logger.warning("Check constraints of %s asked one by one: %s", model.__name__, error)
            return None
        failed += [check for check, passed in zip(asked, row, strict=True) if not passed]
    return failed
