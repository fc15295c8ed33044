"""Feeds and calendars, under the pages they follow, in each language.

No path here can be taken for a page's: slugs hold no dot, and a page's
address ends at its slug. The sitemap and robots.txt, one for the whole site,
are outside the language prefixes: feeds/site_urls.py.
"""

from django.urls import path

from feeds import feeds, views
from secretariat.page_cache import public_pages

app_name = "feeds"

urlpatterns = public_pages(
    [
        path("events/feed/rss/", feeds.AllEventsFeed(), name="events_rss"),
        path("events/feed/atom/", feeds.AtomAllEventsFeed(), name="events_atom"),
        path(
            "events/calendar.ics",
            views.EventCalendarView.as_view(feed=feeds.AllEventsFeed),
            name="events_calendar",
        ),
        path("tags/<uslug:slug>/feed/rss/", feeds.TagEventsFeed(), name="tag_rss"),
        path("tags/<uslug:slug>/feed/atom/", feeds.AtomTagEventsFeed(), name="tag_atom"),
        path(
            "tags/<uslug:slug>/calendar.ics",
            views.EventCalendarView.as_view(feed=feeds.TagEventsFeed),
            name="tag_calendar",
        ),
        path("people/<uslug:slug>/feed/rss/", feeds.PersonEventsFeed(), name="person_rss"),
        path("people/<uslug:slug>/feed/atom/", feeds.AtomPersonEventsFeed(), name="person_atom"),
        path(
            "people/<uslug:slug>/calendar.ics",
            views.EventCalendarView.as_view(feed=feeds.PersonEventsFeed),
            name="person_calendar",
        ),
        path(
            "people/<uslug:slug>/statements/feed/rss/",
            feeds.PersonStatementsFeed(),
            name="person_statements_rss",
        ),
        path(
            "people/<uslug:slug>/statements/feed/atom/",
            feeds.AtomPersonStatementsFeed(),
            name="person_statements_atom",
        ),
        path(
            "organisations/<uslug:slug>/feed/rss/",
            feeds.OrganisationEventsFeed(),
            name="organisation_rss",
        ),
        path(
            "organisations/<uslug:slug>/feed/atom/",
            feeds.AtomOrganisationEventsFeed(),
            name="organisation_atom",
        ),
        path(
            "organisations/<uslug:slug>/calendar.ics",
            views.EventCalendarView.as_view(feed=feeds.OrganisationEventsFeed),
            name="organisation_calendar",
        ),
    ]
)
