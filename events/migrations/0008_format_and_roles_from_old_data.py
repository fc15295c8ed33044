"""Old data in the new fields: `online` becomes a format, organisations' roles their own.

An online event with a recorded place was "held online, in whole or in part"
at that place: hybrid. Without a place it was online. An organisation's
person-only roles become the nearest organisation role: a moderating
organisation chaired, a delegation's head is its delegation.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q

ORGANISATION_ROLES = {"moderator": "chair", "delegation_head": "delegation"}


def forwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    EventOrganisation = apps.get_model("events", "EventOrganisation")
    online = Event.objects.filter(online=True)
    has_place = ~Q(city="") | ~Q(country="") | ~Q(venue="")
    online.filter(has_place).update(format="hybrid")
    online.exclude(has_place).update(format="online")
    for old, new in ORGANISATION_ROLES.items():
        links = EventOrganisation.objects.filter(role=old)
        # Where the event already lists the organisation in the new role, the old row repeats it.
        listed = EventOrganisation.objects.filter(
            event=OuterRef("event"), organisation=OuterRef("organisation"), role=new
        )
        links.filter(Exists(listed)).delete()
        links.update(role=new)


def backwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.exclude(format="in_person").update(online=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0007_real_release_facts")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
