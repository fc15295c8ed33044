"""Publishers read the audit trail (the admin's change log); editors do not."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("admin")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_log = Permission.objects.get(content_type__app_label="admin", codename="view_logentry")
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.add(view_log)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_log = Permission.objects.filter(content_type__app_label="admin", codename="view_logentry")
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.remove(*view_log)


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("events", "0003_editor_and_publisher_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
