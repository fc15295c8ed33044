"""Which language a text of the record is in, and which one a reader is shown.

The one place for the rule. Each translated field has a column per language
(django-modeltranslation: `title_en`, `title_ru`, `title_zh_hans`). Reading
`event.title` gives the reader's language when that column has text; otherwise
the record's original language; otherwise the first language, in `LANGUAGES`
order, that has text. `shown_language()` says which one that was, so that a
page can mark a fallback with its own `lang` and say so once at the top.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

CODES = tuple(code for code, _name in settings.LANGUAGES)

# BCP 47 as HTML's lang and hreflang want it: Django's "zh-hans" is "zh-Hans".
_BCP47 = {"zh-hans": "zh-Hans"}


def bcp47(code):
    """The BCP 47 tag for one of the site's language codes ("zh-hans" → "zh-Hans")."""
    return _BCP47.get(code, code)


def reader_language():
    """The language pages are being rendered in: one of `CODES`, English by default."""
    code = get_language()
    return code if code in CODES else settings.LANGUAGE_CODE


def original_language(instance):
    """The language a record was written in, or None when it has none of its own.

    A record declares it with an `original_language` field, or takes it from
    the record it belongs to through a `language_source` attribute ("event").
    """
    code = getattr(instance, "original_language", None)
    if code:
        return code
    source = getattr(type(instance), "language_source", None)
    if source:
        try:
            parent = getattr(instance, source, None)
        except ObjectDoesNotExist:
            # Its parent is not stored (yet): a deleted event's session being recovered.
            return None
        return original_language(parent) if parent is not None else None
    return None


def reading_order(instance, language=None):
    """The languages to try, in order, for a text of `instance` read in `language`."""
    first = language or reader_language()
    order = [first]
    original = original_language(instance)
    if original and original not in order:
        order.append(original)
    order.extend(code for code in CODES if code not in order)
    return order


def text_in(instance, field, language):
    """The text of `field` in exactly `language` ("" when there is none)."""
    return getattr(instance, build_localized_fieldname(field, language), None) or ""


def shown_language(instance, field, language=None):
    """The language `instance.<field>` is shown in to a reader of `language`.

    The reader's own language when the field is empty everywhere, so that an
    empty optional text never marks a page as a fallback.
    """
    for code in reading_order(instance, language):
        if text_in(instance, field, code):
            return code
    return language or reader_language()


def translated_fields(model):
    """The names of `model`'s translated fields (() when it has none)."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except Exception:  # modeltranslation raises NotRegistered
        return ()


def languages_of(instance, required=None):
    """The languages `instance` has its text in: every `required` field filled.

    `required` defaults to the translated fields the model cannot be without
    (its title or name): a record is "in Russian" when its heading is.
    """
    fields = required or getattr(type(instance), "translation_required", ())
    return [code for code in CODES if all(text_in(instance, field, code) for field in fields)]


class ReadingOrderDescriptor(TranslationFieldDescriptor):
    """Reads a translated field in `reading_order()`: the reader's, the original, any."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        # The reader's language first, before `reading_order` looks up the original
        # language, which for a part of an event may mean reading the event.
        value = getattr(instance, build_localized_fieldname(self.field.name, reader_language()))
        if value:
            return value
        for code in reading_order(instance)[1:]:
            value = getattr(instance, build_localized_fieldname(self.field.name, code), None)
            if value:
                return value
        return self.field.get_default()


def read_in_reading_order(*models):
    """Make each model's translated fields read through `ReadingOrderDescriptor`.

    Called from the apps' translation.py, after `translator.register`.
    """
    for model in models:
        for name in translated_fields(model):
            current = model.__dict__[name]
            setattr(
                model,
                name,
                ReadingOrderDescriptor(
                    current.field,
                    fallback_languages=current.fallback_languages,
                    fallback_value=current.fallback_value,
                    fallback_undefined=current.fallback_undefined,
                ),
            )


class TranslatedRecord(models.Model):
    """A model mixin: the texts in `translation_required` must exist in the original language.

    Or, for a record with no original language of its own (a person, a tag), in
    at least one language. The error names the column to fill, e.g. `title_ru`.
    """

    translation_required = ()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        else:
            errors = {}
        original = original_language(self)
        for field in self.translation_required:
            columns = [build_localized_fieldname(field, code) for code in CODES]
            if field in exclude and all(column in exclude for column in columns):
                continue
            if original and text_in(self, field, original):
                continue
            if not original and any(text_in(self, field, code) for code in CODES):
                continue
            column = build_localized_fieldname(field, original or settings.LANGUAGE_CODE)
            key = column if column not in exclude else field
            if original:
                message = _("Required in %(language)s, the original language.") % {
                    "language": language_name(original)
                }
            else:
                message = _("Required in at least one language.")
            errors.setdefault(key, []).append(ValidationError(message, code="required"))
        if errors:
            raise ValidationError(errors)


def language_name(code):
    """The language's name in the reader's language ("Russian", «русский»)."""
    return str(dict(settings.LANGUAGES)[code])


def split_language_prefix(path):
    """(language, rest) of an address under i18n_patterns: "/ru/e/x/" → ("ru", "/e/x/").

    (None, path) for an address with no language prefix.
    """
    first, slash, rest = path.lstrip("/").partition("/")
    if first in CODES and slash:
        return first, "/" + rest
    return None, path


def fallback_language(instance, field, language=None):
    """The language `instance.<field>` is shown in when it is not `language` (the reader's).

    None when the text is in that language, or empty everywhere.
    """
    language = language or reader_language()
    shown = shown_language(instance, field, language)
    return shown if shown != language else None


def translated_from(quote, language=None):
    """The language a direct quotation was said in, when it is shown in another; else None.

    Such a text is a translation, never the speaker's own words in that language.
    None too for a reported statement, or when its original language is not known.
    """
    said_in = original_language(quote)
    if quote.kind != "direct" or not said_in:
        return None
    return said_in if shown_language(quote, "text", language) != said_in else None


# Whole phrases, not "translated from %(language)s": a translation needs the
# language's name in its own grammatical case.
TRANSLATED_FROM = {
    "en": _("translated from English"),
    "ru": _("translated from Russian"),
    "zh-hans": _("translated from Chinese"),
}


def x_default(url):
    """The address of `url` without its language: hreflang's `x-default` on pages and sitemap.

    It answers with a redirect to the visitor's language (LocaleMiddleware), which
    is what x-default means: no one language, the one that suits the visitor.
    """
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=split_language_prefix(parts.path)[1]))
