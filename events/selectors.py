"""Reads about events, and everything the public may see because of them.

Every public read here starts from `Event.objects.published()`.
"""

import operator
from functools import reduce

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from events.models import Event, EventOrganisation, Participation, Quote, Session, Visit
from people.models import Organisation, Person, Position
from people.selectors import positions_on
from secretariat.filters import with_all_tags
from tags.models import Tag
from tags.selectors import most_used

EVENTS_SHOWN = 20
QUOTES_SHOWN = 20


def public_events():
    """Events the public may see, newest first, with their tags loaded."""
    return Event.objects.published().prefetch_related("tags")


def public_quotes():
    """Quotes from events the public may see, with speaker and event loaded."""
    return Quote.objects.filter(event__in=Event.objects.published()).select_related(
        "speaker", "speaker_organisation", "event"
    )


def public_visits():
    """Visits of events the public may see, with their event loaded."""
    return Visit.objects.filter(event__in=Event.objects.published()).select_related("event")


# --- Events of a tag, a person, an organisation ---------------------------------------


def events_with_tags(slugs, events=None):
    """Published events (or those of `events`) carrying every tag in `slugs`."""
    events = Event.objects.published() if events is None else events
    return with_all_tags(events, slugs, through=Event.tags.through)


def events_with_person(person, events=None):
    """Published events (or those of `events`) `person` (or its slug) took part in, each once."""
    key = "person" if isinstance(person, Person) else "person__slug"
    return _events_in(Participation.objects.filter(**{key: person}), events)


def events_with_organisation(organisation, events=None):
    """Published events (or those of `events`) linked to `organisation` (or its slug), each once."""
    key = "organisation" if isinstance(organisation, Organisation) else "organisation__slug"
    return _events_in(EventOrganisation.objects.filter(**{key: organisation}), events)


def _events_in(links, events):
    events = Event.objects.published() if events is None else events
    return events.filter(pk__in=links.values("event"))


def _latest_with_roles(events, links, roles, limit):
    """The latest `limit` of `events`, newest first, with tags and `.roles` (by `links`)."""
    return events.order_by("-start_date", "-pk").prefetch_related(
        "tags", Prefetch(links, queryset=roles, to_attr="roles")
    )[:limit]


def person_events(person, limit=EVENTS_SHOWN):
    """The latest `limit` published events `person` took part in, newest first, in three queries.

    Each with its tags and `.roles` (the person's participations, with their
    session, in editorial order). Empty when there are none.
    """
    roles = Participation.objects.filter(person=person).select_related("session__event")
    return _latest_with_roles(events_with_person(person), "participations", roles, limit)


def organisation_events(organisation, limit=EVENTS_SHOWN):
    """The latest `limit` published events linked to `organisation`, newest first, in three queries.

    Each with its tags and `.roles` (the organisation's links, in editorial
    order). Empty when there are none.
    """
    roles = EventOrganisation.objects.filter(organisation=organisation)
    events = events_with_organisation(organisation)
    return _latest_with_roles(events, "organisation_links", roles, limit)


def person_quotes(person, limit=QUOTES_SHOWN):
    """The latest `limit` statements by `person` at published events, with their event; one query.

    Newest event first; within an event, in the release's order.
    """
    return (
        public_quotes()
        .filter(speaker=person)
        .order_by("-event__start_date", "-event_id", "order", "pk")[:limit]
    )


def organisation_quotes(organisation, limit=QUOTES_SHOWN):
    """The latest `limit` statements said by `organisation` at published events; one query.

    As `person_quotes`: newest event first; within an event, in the release's order.
    """
    return (
        public_quotes()
        .filter(speaker_organisation=organisation)
        .order_by("-event__start_date", "-event_id", "order", "pk")[:limit]
    )


def _count(queryset):
    """The number of rows of `queryset` as a scalar subquery, for an annotation."""
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted.values("count")[:1], output_field=IntegerField()), 0)


def people_with_public_counts(people):
    """`people`, each with `.public_event_count` and `.public_quote_count`, in the same query."""
    participations = Participation.objects.filter(person=OuterRef(OuterRef("pk")))
    return people.annotate(
        public_event_count=_count(_events_in(participations, None)),
        public_quote_count=_count(public_quotes().filter(speaker=OuterRef("pk"))),
    )


def organisations_with_public_counts(organisations):
    """`organisations`, each with `.public_event_count`: published events it is linked to."""
    links = EventOrganisation.objects.filter(organisation=OuterRef(OuterRef("pk")))
    return organisations.annotate(public_event_count=_count(_events_in(links, None)))


# --- Tags in public use ----------------------------------------------------------------


def public_tag_uses():
    """{"event_count", "quote_count"…: the tag links of that kind that count as public uses}.

    Those of published events and their statements and visits, and of every
    person and organisation.
    """
    published = Event.objects.published()
    return {
        "event_count": Event.tags.through.objects.filter(content_object__in=published),
        "quote_count": Quote.tags.through.objects.filter(content_object__in=public_quotes()),
        "visit_count": Visit.tags.through.objects.filter(content_object__event__in=published),
        "person_count": Person.tags.through.objects.all(),
        "organisation_count": Organisation.tags.through.objects.all(),
    }


def public_tags():
    """Tags with at least one public use (`public_tag_uses`), by name, case ignored.

    One EXISTS per kind of content, nothing counted. Tags of drafts only are absent.
    """
    uses = [Exists(links.filter(tag=OuterRef("pk"))) for links in public_tag_uses().values()]
    return Tag.objects.filter(reduce(operator.or_, uses)).order_by("key", "pk")


# --- An event's page -------------------------------------------------------------------


def event_detail_queryset(events=None):
    """`events` (default: all) with everything an event page shows, in a fixed number of queries.

    Its parts are loaded in editorial order; each participation with the
    position its person held on the event's date (`participants_with_titles`).
    """
    events = Event.objects.all() if events is None else events
    return events.prefetch_related(
        "tags",
        "sources",
        Prefetch("sessions", queryset=Session.objects.order_by("order", "pk")),
        Prefetch("participations", queryset=_participations_with_positions()),
        Prefetch(
            "organisation_links",
            queryset=EventOrganisation.objects.select_related("organisation"),
        ),
        Prefetch(
            "quotes",
            # The session with its event: a session's text falls back to its event's language.
            queryset=Quote.objects.select_related(
                "speaker", "speaker_organisation", "session__event"
            ),
        ),
        "visits",
        "images",
    )


def _participations_with_positions():
    """Participations with person, session and the position held on their event's start date.

    The position joined in the same query (it saves the page a query):
    `.position_pk`, and `.held` with its organisation when there is one; chosen
    as `people.selectors.positions_on` chooses, by the same queryset methods.
    """
    held = (
        Position.objects.filter(person=OuterRef("person"))
        .held_on(OuterRef("event__start_date"))
        .shown_first()
        .values("pk")[:1]
    )
    return (
        Participation.objects.annotate(position_pk=Subquery(held))
        .annotate(
            held=FilteredRelation(
                "person__positions", condition=Q(person__positions__pk=F("position_pk"))
            )
        )
        .select_related("person", "session__event", "held", "held__organisation")
    )


def event_parts(event):
    """The event's sessions, participations, statements, visits and images, as its page shows them.

    Each part read through a session (a statement's, a participation's) is given
    the event, so that finding its original language costs no query. Expects
    them prefetched (`event_detail_queryset`): no query.
    """
    participations = list(event.participations.all())
    quotes = list(event.quotes.all())
    for part in (*participations, *quotes):
        if part.session is not None:
            part.session.event = event
    return [
        *event.sessions.all(),
        *participations,
        *quotes,
        *event.visits.all(),
        *event.images.all(),
    ]


def with_sessions_of_their_event(events):
    """`events` (from `person_events`) as a list, each role's session given its event.

    So that a session's title, read in the reader's language with its event's
    original language as fallback, costs no query.
    """
    events = list(events)
    for event in events:
        for role in getattr(event, "roles", ()):
            if role.session is not None:
                role.session.event = event
    return events


def participants_with_titles(event):
    """The event's participations, each with the title to show for its person there.

    `.position`: the position held on the event's start date, or None; `.title`:
    that position's title, else the title as the source stated it, else "".
    A stated title never outranks a dated position. No query when `participations`
    come from `event_detail_queryset`; otherwise one, for the positions.
    """
    participations = list(event.participations.all())
    if participations and not hasattr(participations[0], "position_pk"):
        positions = positions_on([p.person for p in participations], event.start_date)
        for participation in participations:
            participation.position = positions.get(participation.person_id)
    else:
        for participation in participations:
            participation.position = participation.held if participation.position_pk else None
    for participation in participations:
        participation.title = (
            participation.position.title if participation.position else participation.stated_title
        )
    return participations


def further_sources(event):
    """Addresses its participations and statements cite that are not among `event.sources`.

    Each once, in the page's order: participants, then statements. Expects
    `sources`, `participations` and `quotes` prefetched (`event_detail_queryset`).
    """
    listed = {source.url for source in event.sources.all()}
    cited = [part.source_url for part in (*event.participations.all(), *event.quotes.all())]
    return [url for url in dict.fromkeys(cited) if url and url not in listed]


# Bounds `related_events`' work, however many events share a tag.
RELATED_CANDIDATES = 100


def related_events(event, limit=5):
    """Published events sharing tags with `event`: most shared tags first, then newest.

    Ranked among the RELATED_CANDIDATES latest. Expects `event.tags` prefetched;
    empty when it has no tags.
    """
    tag_ids = [tag.pk for tag in event.tags.all()]
    if not tag_ids:
        return Event.objects.none()
    links = Event.tags.through.objects.filter(tag__in=tag_ids)
    candidates = (
        Event.objects.published()
        .exclude(pk=event.pk)
        .filter(Exists(links.filter(content_object=OuterRef("pk"))))
        .order_by("-start_date", "-pk")
        .values("pk")[:RELATED_CANDIDATES]
    )
    return (
        Event.objects.filter(pk__in=candidates)
        .annotate(shared_tags=Count("tagged", filter=Q(tagged__tag__in=tag_ids)))
        .order_by("-shared_tags", "-start_date", "-pk")[:limit]
    )


def featured_quote():
    """The most recent direct quotation from a published event, or None."""
    return (
        public_quotes()
        .filter(kind=Quote.Kind.DIRECT)
        .order_by("-event__start_date", "order", "pk")
        .first()
    )


def most_used_tags(limit):
    """The `limit` tags with most public uses, most used first (`tags.selectors.most_used`)."""
    return most_used(public_tag_uses(), limit)
