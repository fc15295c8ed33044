"""The language the API answers in: `?lang=`, else Accept-Language, else English.

The API is outside the language prefixes: a client names the language it
wants. Texts missing in it are given in the record's original language, as on
the pages; each record lists the languages it has (`languages`).
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import APIException

from secretariat.languages import CODES

PARAMETER = "lang"
PARAMETER_HELP = (
    "The language of the texts: one of "
    + ", ".join(CODES)
    + ". Without it, the Accept-Language header's, else English. A text missing in it is "
    "given in the record's original language."
)


class UnknownLanguage(APIException):
    status_code = 400
    default_code = "unknown_language"


def requested_language(request):
    """The language code `request` asks for, one of `CODES`; UnknownLanguage (400) for `?lang=xx`.

    `?lang=` is matched ignoring case ("zh-Hans" is "zh-hans"); Accept-Language
    as Django matches it (zh-CN is zh-hans), its unknown languages skipped.
    """
    asked = request.query_params.get(PARAMETER)
    if asked is not None:
        code = asked.strip().lower()
        if code not in CODES:
            raise UnknownLanguage(
                f"Unknown language {asked!r} in ?{PARAMETER}=: use one of {', '.join(CODES)}."
            )
        return code
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if tag == "*":
            continue
        try:
            return get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
