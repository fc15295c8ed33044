from django.db import migrations

from search.operations import RunSQLOnPostgreSQL

# `%>`, the trigram operator of the names' search, has its selectivity estimated
# by applying it to every sampled value of the column, at each planning: about
# 1 ms per use with the default statistics, most of a name search's planning,
# and no plan depended on it (the names' trigram index is the only way in).
# Below 10 sampled values PostgreSQL uses its default estimate instead.
NAME_KEY_STATISTICS = 5


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_suggested_kinds_words_index"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            [
                "ALTER TABLE search_document ALTER COLUMN name_key "
                f"SET STATISTICS {NAME_KEY_STATISTICS}",
                "ANALYZE search_document (name_key)",
            ],
            reverse_sql=[
                "ALTER TABLE search_document ALTER COLUMN name_key SET STATISTICS -1",
                "ANALYZE search_document (name_key)",
            ],
        ),
    ]
