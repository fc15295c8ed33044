from django.http import Http404
from django.views.generic import DetailView, ListView, TemplateView

from events.models import Event
from events.selectors import event_detail_queryset, participants_with_titles, public_events


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = public_events()
        context["upcoming_events"] = events.upcoming()[:5]
        context["latest_events"] = events.past()[:10]
        return context


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        return public_events().order_by("-start_date", "-pk")


class EventDetailView(DetailView):
    """An event page. Staff who may change events also see drafts, under a banner."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        if self.request.user.has_perm("events.change_event"):
            return event_detail_queryset()
        return event_detail_queryset(Event.objects.published())

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Event.MultipleObjectsReturned:  # pragma: no cover - slug is unique
            raise Http404 from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = participants_with_titles(self.object)
        context["is_preview"] = not self.object.is_public
        return context
