"""Calendars to subscribe to, and robots.txt (feeds: feeds.feeds; sitemap: feeds.sitemaps)."""

from django.http import HttpResponse
from django.urls import reverse
from django.views import View

from events.calendars import calendar_response
from feeds.selectors import in_calendar
from secretariat.http import absolute_url


class EventCalendarView(View):
    """The events of an EventFeed (its object, name and events; 404 as it) as a calendar."""

    feed = None

    def get(self, request, **kwargs):
        feed = self.feed()
        obj = feed.get_object(request, **kwargs)
        return calendar_response(request, in_calendar(feed.events(obj)), feed.title(obj))


def robots_txt(request):
    """Crawlers may read every page, and are told where the sitemap is.

    The admin is not named: ADMIN_URL may be chosen to be hard to find.
    """
    lines = [
        "User-agent: *",
        "Disallow:",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
