from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.views import View
from django.views.generic import ListView

from search.forms import SearchForm
from search.models import Document
from search.selectors import closest_names, filter_documents, ranked, search_facets, suggestions
from search.text import Query
from secretariat.views import FilteredListMixin, SectionMixin


def _parse(request):
    """The request's query. A NUL character, which no text here can hold, is a bad request."""
    if any("\x00" in value for _key, values in request.GET.lists() for value in values):
        raise BadRequest("The query string contains a NUL character.")
    return Query.parse(request.GET.get("q", ""))


class SearchView(SectionMixin, FilteredListMixin, ListView):
    """One search over everything public, best first, with type, year and tag facets.

    With no usable query (empty, spaces, punctuation) the page only offers the
    search box. When nothing matches, the closest names and tags are suggested.
    A search costs four queries (three facets, one page); two when nothing
    matches (the type facet, then the closest names); none without a query.
    """

    template_name = "search/search.html"
    context_object_name = "results"
    paginate_by = 20
    section = "search"
    form_class = SearchForm

    def get(self, request, *args, **kwargs):
        self.query = _parse(request)
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return Document.objects.visible() if self.query else Document.objects.none()

    def filter_queryset(self, queryset, filters):
        return filter_documents(queryset, self.query, filters)

    def get_facets(self, filtered, filters):
        return search_facets(filtered, filters)

    def decorate(self, queryset):
        return ranked(queryset, self.query).only("kind", "title", "url", "date", "b_text", "c_text")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        # The query is in the search box; only the facets' filters get "remove" links.
        context["active_filters"] = [f for f in context["active_filters"] if f[0] != "q"]
        context["results"] = results = list(context["results"])
        for result in results:
            result.title_html = self.query.highlight(result.title)
            result.snippet = self.query.snippet(f"{result.b_text}\n{result.c_text}".strip())
        if self.query and not results:
            context["closest"] = closest_names(self.query)
        return context


class SuggestView(View):
    """Names for the search box as a visitor types: `{"results": [{type, label, title, url}]}`."""

    def get(self, request):
        query = _parse(request)
        results = suggestions(query) if query else []
        return JsonResponse(
            {
                "query": query.text,
                "results": [
                    {
                        "type": document.kind,
                        "label": document.get_kind_display(),
                        "title": document.title,
                        "url": document.url,
                    }
                    for document in results
                ],
            }
        )
