from django.db import migrations, models

# SQLite would add a column with a default by rebuilding the table, and with it
# the indexes of the migration state, PostgreSQL's GIN expression indexes among
# them, which it cannot create: the column is added by SQL both databases take.
# The vector gets the pairs at the next `manage.py search_reindex`; until then a
# Chinese query finds the same documents, only sampling them in another order.


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_suggested_names_and_events_words_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="document",
                    name="cjk_name_key",
                    field=models.TextField(
                        blank=True,
                        help_text=(
                            "`cjk_key` of `a_text`: titles and names, weighted A in the vector."
                        ),
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_document ADD COLUMN cjk_name_key text NOT NULL DEFAULT ''",
                    reverse_sql="ALTER TABLE search_document DROP COLUMN cjk_name_key",
                ),
            ],
        ),
    ]
