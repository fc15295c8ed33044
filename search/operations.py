"""Migration operations for what only PostgreSQL has: its extensions and GIN indexes.

On SQLite (the development database) each is a no-op on the database and
changes the migration state only, so the models can declare the indexes and
`makemigrations` sees no difference on either database.
"""

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
