"""Widen django_redirect.old_path and new_path from 200 to 2000 characters.

A redirect stores a path percent-encoded, and a Chinese letter takes nine
characters there ("职" is "%E8%81%8C"): an event slug of 22 Chinese letters
already makes a path longer than 200, which PostgreSQL refuses (and would turn
the rename that records it into an error). The longest path this site makes,
/organisations/ and a slug of 200 such letters, is 1,816 characters.

Django's model keeps max_length=200 (ticket #19515, widening it there, is
open): only the columns change, so `makemigrations` sees nothing to do. SQLite
does not enforce the length and is left alone.
"""

from django.db import migrations, models

DJANGO_LENGTH, PATH_LENGTH = 200, 2000


def path_field(redirect, name, max_length):
    _, _, args, kwargs = redirect._meta.get_field(name).deconstruct()
    field = models.CharField(*args, **{**kwargs, "max_length": max_length})
    field.set_attributes_from_name(name)
    field.model = redirect
    return field


def set_path_length(old_length, new_length):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            # SQLite ignores the length. Altering one field there rebuilds the
            # table from the model state, which would undo the other one.
            return
        redirect = apps.get_model("redirects", "Redirect")
        for name in ["old_path", "new_path"]:
            schema_editor.alter_field(
                redirect,
                path_field(redirect, name, old_length),
                path_field(redirect, name, new_length),
            )

    return operation


class Migration(migrations.Migration):
    dependencies = [("redirects", "0002_alter_redirect_new_path_help_text")]

    operations = [
        migrations.RunPython(
            set_path_length(DJANGO_LENGTH, PATH_LENGTH),
            set_path_length(PATH_LENGTH, DJANGO_LENGTH),
        )
    ]
