from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.views import View
from django.views.generic import ListView

from search.forms import SearchForm
from search.selectors import closest_names, page_of, search, suggestions
from search.text import Query
from secretariat.choices import choice_label
from secretariat.languages import bcp47, reader_language
from secretariat.views import FilteredListMixin, SectionMixin


def other_language(code):
    """The BCP 47 tag of `code` for a `lang` attribute, or "" when it is the page's language."""
    return "" if code == reader_language() else bcp47(code)


def _parse(request):
    """The request's query. A NUL character, which no text here can hold, is a bad request."""
    if any("\x00" in value for _key, values in request.GET.lists() for value in values):
        raise BadRequest("The query string contains a NUL character.")
    return Query.parse(request.GET.get("q", ""))


class SearchView(SectionMixin, FilteredListMixin, ListView):
    """One search over everything public, best first, with type, year and tag facets.

    In the reader's language: its documents only (`search.models`), a title or
    snippet shown in another language (untranslated) marked with its `lang`.

    No usable query: only the search box, no query. Otherwise two queries: the
    ranked sample with its facets, then the page's documents, or, when nothing
    matches, the closest names (none for a Chinese-only query).
    """

    template_name = "search/search.html"
    context_object_name = "results"
    paginate_by = 20
    section = "search"
    form_class = SearchForm
    unlisted_filters = ("q",)

    def get(self, request, *args, **kwargs):
        self.query = _parse(request)
        return super().get(request, *args, **kwargs)

    def get_results(self, filters):
        if not self.query:
            self.more = False
            return [], [], 0
        found = search(self.query, filters)
        self.more = found.more
        return found.hits, found.facets, found.total

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, more=self.more, hide_list=not self.query, **kwargs
        )
        context["results"] = results = page_of(context["results"]) if context["results"] else []
        for result in results:
            result.title_html = self.query.highlight(result.title)
            result.snippet = self.query.snippet(f"{result.b_text}\n{result.c_text}".strip())
            result.title_lang = other_language(result.title_language)
            result.text_lang = other_language(result.text_language)
        if self.query and not results:
            context["closest"] = closest = closest_names(self.query)
            for document in closest:
                document.title_lang = other_language(document.title_language)
        return context


class SuggestView(View):
    """Names for the search box as a visitor types: `{"results": [{type, label, title, url}]}`.

    In the reader's language (the address's prefix); each result's `lang` is
    the BCP 47 tag of the language its title is in.
    """

    def get(self, request):
        query = _parse(request)
        results = suggestions(query) if query else []
        return JsonResponse(
            {
                "query": query.text,
                "results": [
                    {
                        "type": document.kind,
                        "label": choice_label(document, "kind"),
                        "title": document.title,
                        "url": document.url,
                        "lang": bcp47(document.title_language),
                    }
                    for document in results
                ],
            }
        )
