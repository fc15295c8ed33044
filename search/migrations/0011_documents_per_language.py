from django.db import migrations, models

from search.operations import (
    AddConstraintRemakingWithoutPostgreSQLIndexes,
    AddFieldRemakingWithoutPostgreSQLIndexes,
    RemoveConstraintRemakingWithoutPostgreSQLIndexes,
)

# A document per record and language. The documents so far become the English
# ones, and are copied as the Russian and Chinese ones, their addresses under
# each language's prefix: every text was English until the texts per language
# (events/0010, people/0005, tags/0002), so the copies hold what the indexer
# would write, and no language's search is empty after `migrate`. Then run
# `manage.py search_reindex`: it writes each language's texts as translations
# are added, and the names of who took part into the events' documents.
LANGUAGES = ["en", "ru", "zh-hans"]  # `settings.LANGUAGES` when this was written
COPIED_TO = ["ru", "zh-hans"]
TABLE = "search_document"
TAGS_TABLE = "search_documenttag"


def _unprefixed_url():
    """SQL: the document's `url` without a language prefix (documents of before it have none)."""
    cases = " ".join(
        f"WHEN url LIKE '/{code}/%%' THEN substr(url, {len(code) + 2})" for code in LANGUAGES
    )
    return f"CASE {cases} ELSE url END"


def copy_to_every_language(apps, schema_editor):
    Document = apps.get_model("search", "Document")
    columns = [
        field.column
        for field in Document._meta.local_concrete_fields
        if field.column not in ("id", "language", "url", "title_language", "text_language")
    ]
    listed = ", ".join(schema_editor.quote_name(column) for column in columns)
    url = _unprefixed_url()
    for code in COPIED_TO:
        # Fixed column names and SQL; the language is a parameter.
        schema_editor.execute(
            f"INSERT INTO {TABLE} ({listed}, language, url, title_language, text_language)"  # nosec B608
            f" SELECT {listed}, %s, '/' || %s || {url}, 'en', 'en'"
            f" FROM {TABLE} WHERE language = 'en'",
            [code, code],
        )
    schema_editor.execute(
        f"UPDATE {TABLE} SET url = '/en' || {url} WHERE language = 'en'"  # nosec B608
    )
    # Each copy carries its original's tags.
    schema_editor.execute(
        f"INSERT INTO {TAGS_TABLE} (content_object_id, tag_id)"  # nosec B608
        f" SELECT dst.id, link.tag_id FROM {TAGS_TABLE} link"
        f" JOIN {TABLE} src ON src.id = link.content_object_id"
        f" JOIN {TABLE} dst ON dst.kind = src.kind AND dst.object_id = src.object_id"
        " AND dst.language <> 'en'"
        " WHERE src.language = 'en'"
    )


def english_only(apps, schema_editor):
    apps.get_model("search", "Document").objects.exclude(language="en").delete()
    if schema_editor.connection.vendor == "postgresql":
        # The tag links' deferred checks now, or the table cannot be altered after.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_texts_per_language"),
        ("people", "0005_texts_per_language"),
        ("search", "0010_latin_key"),
        ("tags", "0002_texts_per_language"),
    ]

    operations = [
        AddFieldRemakingWithoutPostgreSQLIndexes(
            model_name="document",
            name="language",
            field=models.CharField(
                default="en",
                help_text="The language of the readers this document is for (`languages.CODES`).",
                max_length=10,
            ),
            preserve_default=False,
        ),
        AddFieldRemakingWithoutPostgreSQLIndexes(
            model_name="document",
            name="title_language",
            field=models.CharField(
                default="en",
                help_text="The language the title is in: `language`, or the one it falls back to.",
                max_length=10,
            ),
            preserve_default=False,
        ),
        AddFieldRemakingWithoutPostgreSQLIndexes(
            model_name="document",
            name="text_language",
            field=models.CharField(
                default="en",
                help_text=(
                    "The language of the record's main text (summary, statement, biography…)."
                ),
                max_length=10,
            ),
            preserve_default=False,
        ),
        RemoveConstraintRemakingWithoutPostgreSQLIndexes(
            model_name="document",
            name="unique_search_document",
        ),
        AddConstraintRemakingWithoutPostgreSQLIndexes(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("kind", "object_id", "language"), name="unique_search_document_language"
            ),
        ),
        migrations.RunPython(copy_to_every_language, english_only),
    ]
