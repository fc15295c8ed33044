"""Pieces shared by the public views of every app, and the health check."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from secretariat.filters import active_filters


class SectionMixin:
    """Names the site section a view belongs to, so the navigation can mark it current."""

    section = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class FilteredListMixin:
    """A paginated ListView narrowed by a FilterForm, with facets and "remove" links.

    Subclasses set `form_class` (and `filter_titles` for filters without a
    facet, like a name box) and implement `get_base_queryset`,
    `filter_queryset` and `get_facets`; `decorate` adds what the rows show.
    The context gets `filters`, `facets`, `active_filters` and `total`.
    """

    form_class = None
    filter_titles = {}

    def get_base_queryset(self):
        raise NotImplementedError

    def filter_queryset(self, queryset, filters):
        raise NotImplementedError

    def get_facets(self, filtered, filters):
        """(facets, number of rows in `filtered` if the facet queries counted it, else None)."""
        raise NotImplementedError

    def decorate(self, queryset):
        return queryset

    def get_queryset(self):
        self.filters = self.form_class(self.request.GET).filters
        self.filtered = self.filter_queryset(self.get_base_queryset(), self.filters)
        self.facets, self.total = self.get_facets(self.filtered, self.filters)
        return self.decorate(self.filtered)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.total is not None:
            paginator.count = self.total  # already counted with the facets: no COUNT query
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filters=self.filters,
            facets=self.facets,
            active_filters=active_filters(self.facets, self.filters, self.filter_titles),
            **kwargs,
        )
        context["total"] = context["paginator"].count
        return context


@never_cache
def healthz(request):
    """The load balancer's probe: the process answers. Touches neither database nor cache.

    It says nothing about PostgreSQL on purpose: when the database is down every
    server would fail the check at once, and a balancer with no healthy server
    left answers worse than the site's own 503 page does.
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
