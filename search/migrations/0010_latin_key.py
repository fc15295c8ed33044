from django.db import migrations, models

# The column is added by SQL for the reason given in 0007 (SQLite would rebuild
# the table with PostgreSQL's indexes). What the index holds changes: run
# `manage.py search_reindex` after this migration. It fills `latin_key` and the
# vector's transliterations, without which, as before, a word in Latin letters
# does not find its Cyrillic form on PostgreSQL; and it writes the keys of
# Traditional Chinese text in Simplified characters, without which such text is
# found by neither form.


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_fuzzystrmatch"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="document",
                    name="latin_key",
                    field=models.TextField(
                        blank=True,
                        help_text=(
                            "`latin_words` of `a_text`, `b_text` and `c_text`, one line each: "
                            "the words of other scripts in Latin letters, for the vector."
                        ),
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_document ADD COLUMN latin_key text NOT NULL DEFAULT ''",
                    reverse_sql="ALTER TABLE search_document DROP COLUMN latin_key",
                ),
            ],
        ),
    ]
