"""The language switch: Django's `set_language`, read in the language of the page it came from."""

from urllib.parse import urlsplit

from django.utils.translation import get_language_from_path, override
from django.views.i18n import set_language


def set_language_from_page(request):
    """`set_language`, with `next` translated from the language its address carries.

    Django translates `next` (/en/events/x/ → /ru/events/x/) by resolving it in
    the request's active language, which for /i18n/setlang/ comes from the
    cookie or Accept-Language: a visitor whose cookie says Russian, on an English
    page, would stay on it. The address's own prefix decides instead.
    """
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    language = get_language_from_path(urlsplit(next_url).path)
    if not language:
        return set_language(request)
    with override(language):
        return set_language(request)
