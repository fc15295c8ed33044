"""Pieces shared by the public views of every app, and the health check."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from secretariat.filters import active_filters


class SectionMixin:
    """Names the site section a view belongs to, so the navigation can mark it current."""

    section = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class FilterMixin:
    """A view narrowed by a FilterForm read from the query string, with facets and "remove" links.

    Subclasses set `form_class`, `filter_titles` (filters without a facet) and
    `unlisted_filters` (no "remove" link), and implement `get_results(filters)`:
    (results, facets, total or None if not counted).
    """

    form_class = None
    filter_titles = {}
    unlisted_filters = ()

    def get_results(self, filters):
        raise NotImplementedError

    def filter(self):
        """The results for the query string; sets `filters`, `facets` and `total`."""
        self.filters = self.form_class(self.request.GET).filters
        results, self.facets, self.total = self.get_results(self.filters)
        return results

    def get_active_filters(self):
        """(parameter, value, label) of each filter in force with a "remove" link."""
        active = active_filters(self.facets, self.filters, self.filter_titles)
        return [item for item in active if item[0] not in self.unlisted_filters]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            facets=self.facets,
            active_filters=self.get_active_filters(),
            **kwargs,
        )


class FilteredListMixin(FilterMixin):
    """A paginated ListView of `FilterMixin`'s results, with their total in the context.

    Results are `decorate(filter_queryset(get_base_queryset(), filters))`;
    `get_facets` returns (facets, total or None if not counted).
    """

    def get_base_queryset(self):
        raise NotImplementedError

    def filter_queryset(self, queryset, filters):
        raise NotImplementedError

    def get_facets(self, filtered, filters):
        raise NotImplementedError

    def decorate(self, queryset):
        return queryset

    def get_results(self, filters):
        filtered = self.filter_queryset(self.get_base_queryset(), filters)
        facets, total = self.get_facets(filtered, filters)
        return self.decorate(filtered), facets, total

    def get_queryset(self):
        return self.filter()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.total is not None:
            paginator.count = self.total  # already counted with the facets: no COUNT query
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["total"] = context["paginator"].count
        return context


@never_cache
def healthz(request):
    """The load balancer's probe: the process answers. Touches neither database nor cache.

    Not the database: when it is down, every server would fail at once.
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
