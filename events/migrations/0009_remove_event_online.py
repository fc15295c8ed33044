from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0008_format_and_roles_from_old_data")]

    operations = [migrations.RemoveField(model_name="event", name="online")]
