"""Tag labels per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from secretariat.languages import read_in_reading_order
from tags.models import Tag


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name",)


read_in_reading_order(Tag)
