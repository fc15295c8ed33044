"""sitemap.xml: every public page. Tags record no change time, so have no lastmod."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from events.selectors import public_tags
from people.models import Organisation, Person


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.published().order_by("pk")

    def lastmod(self, event):
        return event.updated_at


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.order_by("pk")

    def lastmod(self, person):
        return person.updated_at


class OrganisationSitemap(Sitemap):
    def items(self):
        return Organisation.objects.order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


class TagSitemap(Sitemap):
    def items(self):
        return public_tags()


class ListPageSitemap(Sitemap):
    """The home page and the lists, by URL name."""

    def items(self):
        return [
            "home",
            "events:list",
            "quote_list",
            "people:person_list",
            "people:organisation_list",
            "tags:index",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": ListPageSitemap,
    "events": EventSitemap,
    "people": PersonSitemap,
    "organisations": OrganisationSitemap,
    "tags": TagSitemap,
}
