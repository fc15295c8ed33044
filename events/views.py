from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.generic import DetailView, ListView, TemplateView

from events.calendars import calendar_response
from events.filters import EventFilterForm, event_facets, filter_events
from events.models import Event
from events.quote_filters import QuoteFilterForm, filter_quotes, quote_facets
from events.selectors import (
    event_detail_queryset,
    event_parts,
    featured_quote,
    further_sources,
    most_used_tags,
    participants_with_titles,
    public_events,
    public_quotes,
    related_events,
)
from events.structured_data import event_data, event_share_image
from secretariat.http import absolute_url
from secretariat.views import FilteredListMixin, SectionMixin


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


class EventListView(SectionMixin, FilteredListMixin, ListView):
    """Published events, newest first, narrowed by facets from the query string."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    section = "events"
    form_class = EventFilterForm

    def get_base_queryset(self):
        return Event.objects.published()

    def filter_queryset(self, queryset, filters):
        return filter_events(queryset, filters)

    def get_facets(self, filtered, filters):
        return event_facets(filtered, filters)

    def decorate(self, queryset):
        return queryset.prefetch_related("tags")


class EventDetailView(SectionMixin, DetailView):
    """An event page. Staff who may change events also see drafts, under a banner."""

    template_name = "events/event_detail.html"
    context_object_name = "event"
    section = "events"

    def get_queryset(self):
        if self.request.user.has_perm("events.change_event"):
            return event_detail_queryset(Event.objects.with_is_public())
        return event_detail_queryset(Event.objects.published().with_is_public())

    def get_context_data(self, **kwargs):
        participants = participants_with_titles(self.object)
        url = partial(absolute_url, self.request)
        return super().get_context_data(
            page_record=self.object,
            page_parts=event_parts(self.object),
            participants=participants,
            further_sources=further_sources(self.object),
            related_events=related_events(self.object),
            is_preview=not self.object.is_public,
            structured_data=event_data(self.object, participants, url),
            share_image=event_share_image(self.object, url),
            **kwargs,
        )


class QuoteListView(SectionMixin, FilteredListMixin, ListView):
    """Every statement from a published event, newest first, narrowed by facets."""

    template_name = "events/quote_list.html"
    context_object_name = "quotes"
    paginate_by = 30
    section = "quotes"
    form_class = QuoteFilterForm

    def get_base_queryset(self):
        return public_quotes().order_by("-event__start_date", "event", "order", "pk")

    def filter_queryset(self, queryset, filters):
        return filter_quotes(queryset, filters)

    def get_facets(self, filtered, filters):
        return quote_facets(filtered, filters)


def event_calendar(request, slug):
    """One published event as a file to add to a calendar; a draft or scheduled event is a 404."""
    event = get_object_or_404(public_events(), slug=slug)
    response = calendar_response(request, [event])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{event.slug}.ics"
    )
    return response
