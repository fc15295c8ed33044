"""People's and organisations' translated fields (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from people.models import Organisation, Person, Position
from secretariat.languages import read_in_reading_order


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "honorific", "bio", "portrait_alt", "public_note")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title", "public_note")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


read_in_reading_order(Person, Position, Organisation)
