"""The staff roles: Editor writes drafts; Publisher also publishes, schedules and deletes.

Permissions are created here rather than left to post_migrate, so that the
groups are complete on a fresh database. Re-running sets the same permissions.
"""

from django.db import migrations

CONTENT = {
    "events": ["event", "session", "participation", "eventorganisation", "quote", "visit",
               "eventimage"],
    "people": ["person", "personname", "organisation", "organisationname", "position"],
    "tags": ["tag"],
}
# Parts of a record, removed while editing it (an inline row); not records of their own.
PARTS = {"session", "participation", "eventorganisation", "quote", "visit", "eventimage",
         "personname", "organisationname", "position"}


def editor_permissions():
    for app_label, models in CONTENT.items():
        for model in models:
            actions = ["view", "add", "change"] + (["delete"] if model in PARTS else [])
            for action in actions:
                yield app_label, f"{action}_{model}"


def publisher_permissions():
    yield from editor_permissions()
    yield "events", "publish_event"
    for app_label, models in CONTENT.items():
        for model in models:
            if model not in PARTS:
                yield app_label, f"delete_{model}"


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in [("Editor", editor_permissions()), ("Publisher", publisher_permissions())]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in permissions
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0002_publish_permission"),
        ("people", "0001_initial"),
        ("tags", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
