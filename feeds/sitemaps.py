"""sitemap.xml: every public page in each language it has, each naming its other versions.

An address is listed once per language the record has its text in
(`languages_of`: a record with no Russian title has no Russian entry), with
`xhtml:link` alternates to each of those versions, hreflang in BCP 47 (`en`,
`ru`, `zh-Hans`), and `x-default`: the address without a language, which
sends a visitor to theirs. Every address is made in its own language, so the
sitemap is the same whatever the visitor's Accept-Language. Tags record no
change time, so have no lastmod.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from events.models import Event
from events.selectors import public_tags
from people.models import Organisation, Person
from secretariat.languages import bcp47, languages_of, x_default


class LanguageSitemap(Sitemap):
    """A section whose items are listed in each of their languages, with alternates."""

    i18n = True

    def get_languages_for_item(self, item):
        return languages_of(item)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        alternates = {}  # per item: its versions are listed once per language
        for url in urls:
            item, _language = url["item"]
            key = id(item)
            if key not in alternates:
                alternates[key] = self._alternates(item, base)
            url["alternates"] = alternates[key]
        return urls

    def _alternates(self, item, base):
        """[{"location", "lang_code"}]: each version of `item`, then the address without one."""
        versions = []
        for code in self.get_languages_for_item(item):
            with translation.override(code):
                versions.append({"location": base + self.location(item), "lang_code": bcp47(code)})
        with translation.override(settings.LANGUAGE_CODE):
            versions.append(
                {"location": x_default(base + self.location(item)), "lang_code": "x-default"}
            )
        return versions


class EventSitemap(LanguageSitemap):
    def items(self):
        return Event.objects.published().order_by("pk")

    def lastmod(self, event):
        return event.updated_at


class PersonSitemap(LanguageSitemap):
    def items(self):
        return Person.objects.order_by("pk")

    def lastmod(self, person):
        return person.updated_at


class OrganisationSitemap(LanguageSitemap):
    def items(self):
        return Organisation.objects.order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


class TagSitemap(LanguageSitemap):
    def items(self):
        return public_tags()


class ListPageSitemap(LanguageSitemap):
    """The home page and the lists, by URL name: in every language."""

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
