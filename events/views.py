from django.views.generic import DetailView, ListView, TemplateView

from events.filters import EventFilterForm, event_facets, event_totals, filter_events
from events.models import Event
from events.quote_filters import QuoteFilterForm, filter_quotes, quote_facets
from events.selectors import (
    event_detail_queryset,
    featured_quote,
    participants_with_titles,
    public_events,
    public_quotes,
    related_events,
)
from secretariat.filters import active_filters
from secretariat.views import SectionMixin
from tags.selectors import most_used_tags


class HomeView(SectionMixin, TemplateView):
    template_name = "home.html"
    section = "home"

    def get_context_data(self, **kwargs):
        events = public_events()
        return super().get_context_data(
            upcoming_events=events.upcoming()[:4],
            latest_events=events.past()[:8],
            featured_quote=featured_quote(),
            popular_tags=most_used_tags(20),
            **kwargs,
        )


class EventListView(SectionMixin, ListView):
    """Published events, newest first, narrowed by facets from the query string."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    section = "events"

    def get_queryset(self):
        self.form = EventFilterForm(self.request.GET)
        self.filters = self.form.filters
        self.filtered = filter_events(Event.objects.published(), self.filters)
        self.totals = event_totals(self.filtered)
        return self.filtered.prefetch_related("tags")

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = self.totals["total"]  # counted with the facets' totals already
        return paginator

    def get_context_data(self, **kwargs):
        facets = event_facets(self.filtered, self.filters, self.totals)
        return super().get_context_data(
            facets=facets,
            active_filters=active_filters(facets, self.filters),
            total=self.totals["total"],
            **kwargs,
        )


class EventDetailView(SectionMixin, DetailView):
    """An event page. Staff who may change events also see drafts, under a banner."""

    template_name = "events/event_detail.html"
    context_object_name = "event"
    section = "events"

    def get_queryset(self):
        if self.request.user.has_perm("events.change_event"):
            return event_detail_queryset()
        return event_detail_queryset(Event.objects.published())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participants=participants_with_titles(self.object),
            related_events=related_events(self.object),
            is_preview=not self.object.is_public,
            **kwargs,
        )


class QuoteListView(SectionMixin, ListView):
    """Every statement from a published event, newest first, narrowed by facets."""

    template_name = "events/quote_list.html"
    context_object_name = "quotes"
    paginate_by = 30
    section = "quotes"

    def get_queryset(self):
        self.filters = QuoteFilterForm(self.request.GET).filters
        self.filtered = filter_quotes(public_quotes(), self.filters)
        self.facets, self.total = quote_facets(self.filtered, self.filters)
        return self.filtered.order_by("-event__start_date", "event", "order", "pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = self.total  # counted with the facets already
        return paginator

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            facets=self.facets,
            active_filters=active_filters(self.facets, self.filters),
            total=self.total,
            **kwargs,
        )
