"""Migration operations for what only PostgreSQL has: its extensions and GIN indexes.

On SQLite (the development database) each is a no-op on the database and
changes the migration state only, so the models can declare the indexes and
`makemigrations` sees no difference on either database.
"""

from django.contrib.postgres.indexes import PostgresIndex
from django.contrib.postgres.operations import CreateExtension
from django.db import migrations


class PostgreSQLOnly:
    """A migration operation that runs on PostgreSQL only; elsewhere it changes the state only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class CreateExtensionOnPostgreSQL(PostgreSQLOnly, CreateExtension):
    """CREATE EXTENSION IF NOT EXISTS `name` on PostgreSQL."""


class AddIndexOnPostgreSQL(PostgreSQLOnly, migrations.AddIndex):
    """AddIndex for an index only PostgreSQL has (GIN)."""


class RemoveIndexOnPostgreSQL(PostgreSQLOnly, migrations.RemoveIndex):
    """RemoveIndex for an index added by `AddIndexOnPostgreSQL`."""


class RunSQLOnPostgreSQL(PostgreSQLOnly, migrations.RunSQL):
    """RunSQL for statements only PostgreSQL understands."""


def _without_postgresql_indexes(state):
    """A copy of migration state `state` whose models have no PostgreSQL-only (GIN) index."""
    state = state.clone()
    for (app_label, model_name), model_state in state.models.items():
        indexes = model_state.options.get("indexes", [])
        kept = [index for index in indexes if not isinstance(index, PostgresIndex)]
        if len(kept) != len(indexes):
            model_state.options["indexes"] = kept
            state.reload_model(app_label, model_name, delay=True)
    return state


class RemakingWithoutPostgreSQLIndexes:
    """A migration operation that SQLite carries out by remaking the table: GIN indexes left out.

    SQLite remakes a table to add a column with a default or change a unique
    constraint, and would create every index of the model's state in the new
    table, PostgreSQL's GIN indexes too, which it cannot. Elsewhere as it is.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            from_state = _without_postgresql_indexes(from_state)
            to_state = _without_postgresql_indexes(to_state)
        super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            from_state = _without_postgresql_indexes(from_state)
            to_state = _without_postgresql_indexes(to_state)
        super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddFieldRemakingWithoutPostgreSQLIndexes(
    RemakingWithoutPostgreSQLIndexes, migrations.AddField
):
    """AddField, remaking the table on SQLite without the GIN indexes."""


class AddConstraintRemakingWithoutPostgreSQLIndexes(
    RemakingWithoutPostgreSQLIndexes, migrations.AddConstraint
):
    """AddConstraint, remaking the table on SQLite without the GIN indexes."""


class RemoveConstraintRemakingWithoutPostgreSQLIndexes(
    RemakingWithoutPostgreSQLIndexes, migrations.RemoveConstraint
):
    """RemoveConstraint, remaking the table on SQLite without the GIN indexes."""
