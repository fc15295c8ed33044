from django.db import migrations

from search.operations import CreateExtensionOnPostgreSQL

# The Levenshtein distance of the names' typo tolerance (search.backends.postgresql._NearWord).
# What the index holds is unchanged: no reindex.


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_tag_labels"),
    ]

    operations = [
        CreateExtensionOnPostgreSQL("fuzzystrmatch"),
    ]
