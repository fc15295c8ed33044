"""RSS 2.0 and Atom feeds of published events and statements, by Django's syndication framework.

Each feed is written for RSS; its Atom twin adds `AtomFeed`. Items come from
`feeds.selectors`, in a fixed number of queries.

A feed is in the language of its address (`/ru/events/feed/rss/`): the
channel's `<language>` (Atom: `xml:lang`), its texts and its links. An item
whose heading is shown in another language, its original because the feed's
is missing, says so: `<dc:language>` in RSS, `xml:lang` on the Atom entry; in
its description, the text in another language has its own `lang`.
"""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.calendars import attendance, location
from events.models import Event
from events.selectors import (
    events_with_organisation,
    events_with_person,
    events_with_tags,
    public_tags,
)
from feeds.selectors import latest, latest_statements
from people.models import Organisation, Person
from secretariat.languages import bcp47, reader_language, shown_language

PUBLISHER = gettext_lazy("SCO Secretariat")
# Characters XML 1.0 cannot hold: Django's feed writer refuses them (a 500).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    """`value` (a feed's or an item's fields) with the characters XML cannot hold removed."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


class LanguageRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose items each name their language, in Dublin Core's `<dc:language>`."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dc:language", item["language"])


class LanguageAtomFeed(Atom1Feed):
    """Atom 1.0 whose entries each carry the `xml:lang` of their text."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["language"]}


class RecordFeed(Feed):
    """A feed in the reader's language that drops what XML cannot hold rather than fail whole.

    Subclasses say which field is an item's heading (`heading`): the item is
    marked with the language that text is shown in.
    """

    feed_type = LanguageRssFeed
    heading = "title"

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django writes "zh-hans"; BCP 47, as xml:lang and readers want it, is "zh-Hans".
        feed.feed["language"] = bcp47(reader_language())
        feed.feed = _xml_safe(feed.feed)
        feed.items = [_xml_safe(item) for item in feed.items]
        return feed

    def item_extra_kwargs(self, item):
        return {"language": bcp47(shown_language(item, self.heading))}


def _feed_title(title):
    """A feed's title as a reader lists it: what it carries, then whose record it is."""
    return f"{title} · {_('SCO Secretariat record')}"


class AtomFeed:
    """Mixin: the same feed in Atom 1.0, where the description is called the subtitle."""

    feed_type = LanguageAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class EventFeed(RecordFeed):
    """Published events, most recently published first; subclasses say which by `events(obj)`."""

    author_name = PUBLISHER
    item_author_name = PUBLISHER
    description_template = "feeds/event_description.html"

    def items(self, obj):
        return latest(self.events(obj))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Where it met, and whether it was followed online: "Dushanbe · Online (Zoom)".
        where = (location(kwargs["item"]), attendance(kwargs["item"]))
        context["location"] = " · ".join(part for part in where if part)
        return context

    # Django escapes item titles a second time, for readers that took RSS titles
    # for HTML; feedparser and today's readers show that as "&amp;".
    def item_title(self, event):
        return event.title

    def item_pubdate(self, event):
        return event.published_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [tag.name for tag in event.tags.all()]


class AllEventsFeed(EventFeed):
    link = reverse_lazy("events:list")

    def title(self, obj):
        return _feed_title(_("Events"))

    def description(self, obj):
        return _("Events in the public record of the SCO Secretariat, newest first.")

    def events(self, obj):
        return Event.objects.published()


class TagEventsFeed(EventFeed):
    """A tag's events. A tag not in public use is a 404, as its page is."""

    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def link(self, tag):
        return tag.get_absolute_url()

    def title(self, tag):
        return _feed_title(_("Events tagged “%(tag)s”") % {"tag": tag.name})

    def description(self, tag):
        return _("Events tagged “%(tag)s”, newest first.") % {"tag": tag.name}

    def events(self, tag):
        return events_with_tags([tag.slug])


class PersonEventsFeed(EventFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def link(self, person):
        return person.get_absolute_url()

    def title(self, person):
        return _feed_title(_("Events with %(name)s") % {"name": person.name})

    def description(self, person):
        return _("Events %(name)s took part in, newest first.") % {"name": person.name}

    def events(self, person):
        return events_with_person(person)


class OrganisationEventsFeed(EventFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Organisation, slug=slug)

    def link(self, organisation):
        return organisation.get_absolute_url()

    def title(self, organisation):
        return _feed_title(_("Events with %(name)s") % {"name": organisation.name})

    def description(self, organisation):
        return _("Events %(name)s took part in, newest first.") % {"name": organisation.name}

    def events(self, organisation):
        return events_with_organisation(organisation)


class PersonStatementsFeed(RecordFeed):
    """A person's statements at published events, the latest published event first."""

    author_name = PUBLISHER
    description_template = "feeds/statement_description.html"
    heading = "text"

    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def link(self, person):
        return f"{reverse('quote_list')}?{urlencode({'speaker': person.slug})}"

    def title(self, person):
        return _feed_title(_("Statements by %(name)s") % {"name": person.name})

    def description(self, person):
        return _("What %(name)s said at the events of the record, newest first.") % {
            "name": person.name
        }

    def items(self, person):
        return latest_statements(person)

    def item_title(self, quote):
        # By characters: Chinese text has no spaces to count words by.
        return Truncator(quote.text).chars(120)

    def item_author_name(self, quote):
        return quote.said_by

    def item_pubdate(self, quote):
        return quote.event.published_at

    def item_updateddate(self, quote):
        return quote.event.updated_at

    def item_categories(self, quote):
        return [tag.name for tag in quote.tags.all()]


class AtomAllEventsFeed(AtomFeed, AllEventsFeed):
    pass


class AtomTagEventsFeed(AtomFeed, TagEventsFeed):
    pass


class AtomPersonEventsFeed(AtomFeed, PersonEventsFeed):
    pass


class AtomOrganisationEventsFeed(AtomFeed, OrganisationEventsFeed):
    pass


class AtomPersonStatementsFeed(AtomFeed, PersonStatementsFeed):
    pass
