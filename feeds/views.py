"""Calendar files and robots.txt; the feeds are in feeds.feeds, the sitemap in feeds.sitemaps."""

from functools import partial

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import add_domain
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View

from events.selectors import public_events
from feeds.calendars import calendar
from feeds.selectors import in_calendar


def absolute_url(request, path):
    """`path` on the current Site's domain, as Django's feeds and sitemap make their links."""
    return add_domain(get_current_site(request).domain, path, request.is_secure())


def _calendar_response(request, events, name=None):
    body = calendar(
        absolute_url(request, request.path), events, partial(absolute_url, request), name
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


class EventCalendarView(View):
    """The events of an EventFeed as a calendar to subscribe to.

    The feed decides which object the URL names (a 404 when none), the
    calendar's name and which events it holds; only order and bound differ.
    """

    feed = None

    def get(self, request, **kwargs):
        feed = self.feed()
        obj = feed.get_object(request, **kwargs)
        return _calendar_response(request, in_calendar(feed.events(obj)), feed.title(obj))


def event_calendar(request, slug):
    """One published event as a file to add to a calendar; a draft or scheduled event is a 404."""
    event = get_object_or_404(public_events(), slug=slug)
    response = _calendar_response(request, [event])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{event.slug}.ics"
    )
    return response


def robots_txt(request):
    """Crawlers may read every page, and are told where the sitemap is.

    The admin is not named: its address (ADMIN_URL) may be chosen to be hard to
    find, and its pages already ask robots not to index them.
    """
    lines = [
        "User-agent: *",
        "Disallow:",
        f"Sitemap: {absolute_url(request, reverse('feeds:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
