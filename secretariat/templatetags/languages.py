"""Template tags for a page in one of the record's languages.

A translated text shown in another language than the page's (its fallback,
`secretariat.languages.shown_language`) carries its own `lang`, so that screen
readers and fonts switch; the page says once, at the top, what it shows in
another language; its <head> names its versions (hreflang, og:locale).
"""

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _lazy

from secretariat.languages import (
    CODES,
    TRANSLATED_FROM,
    bcp47,
    fallback_language,
    languages_of,
    reader_language,
    shown_language,
    translated_fields,
    translated_from,
    x_default,
)
from secretariat.templatetags.head import canonical_url
from secretariat.templatetags.site import prose

register = template.Library()

# Open Graph wants a territory: the Secretariat writes British English, Russia's
# Russian and the mainland's Simplified Chinese.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "zh-hans": "zh_CN"}


def own_name(code):
    """A language's name in itself: "English", "Русский", "简体中文"."""
    return get_language_info(code)["name_local"]


def other_language(obj, field):
    """The language `obj.<field>` is shown in when not the page's, else None (no `obj` too)."""
    return fallback_language(obj, field) if obj is not None else None


@register.simple_tag
def lang_attr(obj, field):
    """` lang="ru"` for an element holding `obj.<field>` shown in another language; else ""."""
    code = other_language(obj, field)
    return format_html(' lang="{}"', bcp47(code)) if code else ""


@register.simple_tag
def other_lang(obj, field):
    """The BCP 47 tag of the language `obj.<field>` is shown in, when not the page's; else ""."""
    code = other_language(obj, field)
    return bcp47(code) if code else ""


@register.simple_tag
def translated(obj, field, as_prose=False):
    """`obj.<field>`, escaped, in a `<span lang>` (or `<div lang>`, `as_prose`) when a fallback.

    `as_prose` renders it through the `prose` filter (paragraphs, links).
    """
    text = getattr(obj, field) or ""
    body = prose(text) if as_prose else text
    code = other_language(obj, field)
    if not code:
        return format_html("{}", body)
    element = "div" if as_prose else "span"
    return format_html('<{} lang="{}">{}</{}>', element, bcp47(code), body, element)


@register.simple_tag
def fallback_mark(obj, field):
    """On a list, a visible note after a record's heading shown in another language; else ""."""
    code = other_language(obj, field)
    if not code:
        return ""
    # The language's own name, marked as such: the page's interface may not name it yet.
    return format_html(
        ' <span class="in-language" lang="{}">({})</span>', bcp47(code), own_name(code)
    )


@register.filter
def language_tag(code):
    """The BCP 47 tag of a site language code, for `lang` and `hreflang`."""
    return bcp47(code)


def fallback_languages(*records):
    """The languages other than the page's that any text of `records` is shown in, in site order.

    Only texts that exist in some language count: an empty optional field is no fallback.
    """
    reader = reader_language()
    shown = set()
    for record in records:
        if record is None:
            continue
        for field in translated_fields(type(record)):
            shown.add(shown_language(record, field))
    return [code for code in CODES if code in shown and code != reader]


# Whole sentences, not a sentence with language names put in: a translation
# needs the names in its own grammatical case ("на русском", "на английском").
# Keyed by (page's language, languages shown instead, whole account or parts).
NOTICES = {
    ("en", ("ru",), True): _lazy("This account is not yet available in English; shown in Russian."),
    ("en", ("zh-hans",), True): _lazy(
        "This account is not yet available in English; shown in Chinese."
    ),
    ("en", ("ru", "zh-hans"), True): _lazy(
        "This account is not yet available in English; shown in Russian and Chinese."
    ),
    ("ru", ("en",), True): _lazy("This account is not yet available in Russian; shown in English."),
    ("ru", ("zh-hans",), True): _lazy(
        "This account is not yet available in Russian; shown in Chinese."
    ),
    ("ru", ("en", "zh-hans"), True): _lazy(
        "This account is not yet available in Russian; shown in English and Chinese."
    ),
    ("zh-hans", ("en",), True): _lazy(
        "This account is not yet available in Chinese; shown in English."
    ),
    ("zh-hans", ("ru",), True): _lazy(
        "This account is not yet available in Chinese; shown in Russian."
    ),
    ("zh-hans", ("en", "ru"), True): _lazy(
        "This account is not yet available in Chinese; shown in English and Russian."
    ),
    ("en", ("ru",), False): _lazy(
        "Parts of this account are not yet available in English; they are shown in Russian."
    ),
    ("en", ("zh-hans",), False): _lazy(
        "Parts of this account are not yet available in English; they are shown in Chinese."
    ),
    ("en", ("ru", "zh-hans"), False): _lazy(
        "Parts of this account are not yet available in English; "
        "they are shown in Russian or Chinese."
    ),
    ("ru", ("en",), False): _lazy(
        "Parts of this account are not yet available in Russian; they are shown in English."
    ),
    ("ru", ("zh-hans",), False): _lazy(
        "Parts of this account are not yet available in Russian; they are shown in Chinese."
    ),
    ("ru", ("en", "zh-hans"), False): _lazy(
        "Parts of this account are not yet available in Russian; "
        "they are shown in English or Chinese."
    ),
    ("zh-hans", ("en",), False): _lazy(
        "Parts of this account are not yet available in Chinese; they are shown in English."
    ),
    ("zh-hans", ("ru",), False): _lazy(
        "Parts of this account are not yet available in Chinese; they are shown in Russian."
    ),
    ("zh-hans", ("en", "ru"), False): _lazy(
        "Parts of this account are not yet available in Chinese; "
        "they are shown in English or Russian."
    ),
}


# Whole sentences, not a sentence with language names put in: a translation
# needs the names in its own grammatical case ("на русском", "на английском").
# Keyed by (page's language, languages shown instead, whole account or parts).
NOTICES = {
    ("en", ("ru",), True): _lazy("This account is not yet available in English; shown in Russian."),
    ("en", ("zh-hans",), True): _lazy(
        "This account is not yet available in English; shown in Chinese."
    ),
    ("en", ("ru", "zh-hans"), True): _lazy(
        "This account is not yet available in English; shown in Russian and Chinese."
    ),
    ("ru", ("en",), True): _lazy("This account is not yet available in Russian; shown in English."),
    ("ru", ("zh-hans",), True): _lazy(
        "This account is not yet available in Russian; shown in Chinese."
    ),
    ("ru", ("en", "zh-hans"), True): _lazy(
        "This account is not yet available in Russian; shown in English and Chinese."
    ),
    ("zh-hans", ("en",), True): _lazy(
        "This account is not yet available in Chinese; shown in English."
    ),
    ("zh-hans", ("ru",), True): _lazy(
        "This account is not yet available in Chinese; shown in Russian."
    ),
    ("zh-hans", ("en", "ru"), True): _lazy(
        "This account is not yet available in Chinese; shown in English and Russian."
    ),
    ("en", ("ru",), False): _lazy(
        "Parts of this account are not yet available in English; they are shown in Russian."
    ),
    ("en", ("zh-hans",), False): _lazy(
        "Parts of this account are not yet available in English; they are shown in Chinese."
    ),
    ("en", ("ru", "zh-hans"), False): _lazy(
        "Parts of this account are not yet available in English; "
        "they are shown in Russian or Chinese."
    ),
    ("ru", ("en",), False): _lazy(
        "Parts of this account are not yet available in Russian; they are shown in English."
    ),
    ("ru", ("zh-hans",), False): _lazy(
        "Parts of this account are not yet available in Russian; they are shown in Chinese."
    ),
    ("ru", ("en", "zh-hans"), False): _lazy(
        "Parts of this account are not yet available in Russian; "
        "they are shown in English or Chinese."
    ),
    ("zh-hans", ("en",), False): _lazy(
        "Parts of this account are not yet available in Chinese; they are shown in English."
    ),
    ("zh-hans", ("ru",), False): _lazy(
        "Parts of this account are not yet available in Chinese; they are shown in Russian."
    ),
    ("zh-hans", ("en", "ru"), False): _lazy(
        "Parts of this account are not yet available in Chinese; "
        "they are shown in English or Russian."
    ),
}


@register.simple_tag(takes_context=True)
def fallback_notice(context):
    """The page's one notice of what it shows in another language, or "".

    Of `page_record` (the page's subject) and `page_parts` (its sessions,
    statements…) in the context. "Not yet available" when the record's heading
    itself is missing in the page's language; "parts" when only other texts are.
    """
    record = context.get("page_record")
    if record is None:
        return ""
    parts = fallback_languages(record, *context.get("page_parts", ()))
    if not parts:
        return ""
    heading = type(record).translation_required
    whole = any(other_language(record, field) for field in heading)
    message = NOTICES[(reader_language(), tuple(parts), whole)]
    return format_html('<p class="language-notice" role="note">{}</p>', message)


def page_languages(context):
    """The languages the page exists in: its record's (`languages_of`), or all for a list."""
    record = context.get("page_record")
    return languages_of(record) if record is not None else list(CODES)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """`<link rel="alternate" hreflang>` for each version of the page, and `x-default`.

    Each the canonical address (`canonical_url`) in that language. A record's
    page names only the languages it has its heading in (`languages_of`):
    a version that would only show a fallback is not announced. The same set
    on every version, so that they name each other.
    """
    languages = page_languages(context)
    if not languages:
        return ""
    url = canonical_url(context)
    links = [(bcp47(code), translate_url(url, code)) for code in languages]
    links.append(("x-default", x_default(url)))
    return mark_safe(  # nosec B308 B703: every part escaped by format_html
        "\n  ".join(
            format_html('<link rel="alternate" hreflang="{}" href="{}">', tag, href)
            for tag, href in links
        )
    )


@register.simple_tag(takes_context=True)
def og_locales(context):
    """`og:locale` of the page's language and `og:locale:alternate` for its other versions."""
    reader = reader_language()
    tags = [format_html('<meta property="og:locale" content="{}">', OG_LOCALES[reader])]
    tags += [
        format_html('<meta property="og:locale:alternate" content="{}">', OG_LOCALES[code])
        for code in page_languages(context)
        if code != reader
    ]
    return mark_safe("\n  ".join(tags))  # nosec B308 B703: every part escaped by format_html


@register.simple_tag
def translation_note(quote):
    """For a direct quotation shown in another language than said: "translated from Russian".

    "" when shown in the language it was said in, or when that is not known.
    """
    said_in = translated_from(quote)
    if not said_in:
        return ""
    return format_html('<span class="translation-note">{}</span>', TRANSLATED_FROM[said_in])
