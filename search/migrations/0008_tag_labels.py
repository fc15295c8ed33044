from collections import defaultdict

from django.db import migrations, models

# The column is added by SQL for the reason given in 0007 (SQLite would rebuild
# the table with PostgreSQL's indexes), with the type and check Django gives a
# JSONField on each database, then filled from the documents' tag links.
COLUMN = {
    "postgresql": "jsonb NOT NULL DEFAULT '[]'",
    "sqlite": """text NOT NULL DEFAULT '[]' CHECK (JSON_VALID("tag_labels"))""",
}
BATCH_SIZE = 1000


def add_column(apps, schema_editor):
    column = COLUMN[schema_editor.connection.vendor]
    schema_editor.execute(f"ALTER TABLE search_document ADD COLUMN tag_labels {column}")


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE search_document DROP COLUMN tag_labels")


def fill(apps, schema_editor):
    Document = apps.get_model("search", "Document")
    DocumentTag = apps.get_model("search", "DocumentTag")
    labels = defaultdict(list)
    links = DocumentTag.objects.order_by("content_object", "tag__name", "tag")
    for document, slug, name in links.values_list("content_object", "tag__slug", "tag__name"):
        labels[document].append([slug, name])
    Document.objects.bulk_update(
        [Document(pk=pk, tag_labels=pairs) for pk, pairs in labels.items()],
        ["tag_labels"],
        batch_size=BATCH_SIZE,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_cjk_name_key"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="document",
                    name="tag_labels",
                    field=models.JSONField(
                        blank=True,
                        default=list,
                        help_text="The tags as [slug, name] pairs, for the search's tag facet.",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
