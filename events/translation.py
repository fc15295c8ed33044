"""The event record's translated fields (django-modeltranslation): one column per language."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Event, EventImage, Participation, Quote, Session, Visit
from secretariat.languages import read_in_reading_order


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "venue", "city", "audience", "public_note")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    fields = ("stated_title",)


@register(Quote)
class QuoteTranslation(TranslationOptions):
    fields = ("text", "speaker_group", "attribution_note")


@register(Visit)
class VisitTranslation(TranslationOptions):
    fields = ("place", "description")


@register(EventImage)
class EventImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")


read_in_reading_order(Event, Session, Participation, Quote, Visit, EventImage)
