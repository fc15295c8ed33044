"""The language marks of what machines read: feeds, calendars, JSON-LD and the API.

Which language a text is shown in is `secretariat.languages`' answer; these
helpers put it the way each format marks a language, so that a text shown in
its original language because the reader's is missing says so.
"""

from django.utils.translation import gettext_lazy as _

from secretariat.languages import original_language, reader_language, shown_language


def other_language(instance, field, language=None):
    """The language `instance.<field>` is shown in when not `language` (the reader's), or None."""
    language = language or reader_language()
    shown = shown_language(instance, field, language)
    return shown if shown != language else None


def translated_from(quote, language=None):
    """The language `quote` was said in, when its text is shown in another one; else None.

    Such a text is a translation, never the speaker's own words in that language.
    None too when the record does not know the original language.
    """
    original = original_language(quote)
    if original and shown_language(quote, "text", language) != original:
        return original
    return None


# Whole phrases, not "translated from %(language)s": other languages decline the name.
TRANSLATED_FROM = {
    "en": _("translated from English"),
    "ru": _("translated from Russian"),
    "zh-hans": _("translated from Chinese"),
}
