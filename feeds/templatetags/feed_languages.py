"""A `lang` attribute for a text of a record shown in another language than the feed's."""

from django import template
from django.utils.html import format_html

from feeds.languages import TRANSLATED_FROM, other_language, translated_from
from secretariat.languages import bcp47

register = template.Library()


@register.simple_tag
def lang_attribute(instance, field):
    """` lang="…"` when `instance.<field>` is shown in another language than the reader's, or ""."""
    shown = other_language(instance, field)
    return format_html(' lang="{}"', bcp47(shown)) if shown else ""


@register.simple_tag
def translation_note(quote):
    """ "translated from Russian" when `quote` is shown in another language than it was said in."""
    original = translated_from(quote)
    return TRANSLATED_FROM[original] if original else ""
