from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    """The tag pages: what the record holds on a topic, across events, people and organisations."""

    name = "topics"
    verbose_name = _("Topics")
