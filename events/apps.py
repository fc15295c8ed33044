from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events.models import Event
        from secretariat import page_cache

        # A scheduled event appears by itself: kept pages must end with it.
        page_cache.changes_by_itself_at(Event.objects.next_publication)
