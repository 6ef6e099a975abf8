"""Database constraints that only PostgreSQL can hold.

An exclusion constraint ("no two active meetings of one business overlap in time")
is what makes double booking impossible under concurrency: the database refuses the
second of two simultaneous inserts. SQLite (the zero-setup demo) has no such thing,
so this subclass writes no SQL there and skips its Python-side validation; the
services' own overlap checks still refuse a double booking in normal use.
"""

from django.contrib.postgres import operations as postgres_operations
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class TsTzRange(Func):
    """``tstzrange(start, end)``: the half-open interval [start, end)."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint that is a no-op on databases other than PostgreSQL."""

    @staticmethod
    def _is_postgres(schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        if not self._is_postgres(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if not self._is_postgres(schema_editor):
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if not self._is_postgres(schema_editor):
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor != "postgresql":
            return
        super().validate(model, instance, exclude=exclude, using=using)


class BtreeGistExtension(postgres_operations.BtreeGistExtension):
    """Django's operation, which also steps aside on SQLite when migrating backwards
    (Django's own looks the extension up in ``pg_extension`` there and fails)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        super().database_backwards(app_label, schema_editor, from_state, to_state)
