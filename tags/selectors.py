"""Reads for the tag index and the tag page.

What is public is decided in one place, `Event.objects.published()` (through
`public_quotes()` for statements): a tag counts only its uses by published
events, by the statements and visits of published events, and by people and
organisations (which have no draft state). A tag used only by drafts or by
events scheduled for later is not in public use and is never listed or counted.
"""

import operator
from collections import defaultdict
from functools import reduce

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce

from events.models import Event, Quote, Visit
from events.selectors import public_quotes
from people.models import Organisation, Person
from secretariat.filters import with_all_tags
from tags.models import Tag, tag_key


def _public_uses():
    """{annotation name: the public uses of the outer tag, as a queryset of link rows}."""
    published = Event.objects.published()
    return {
        "event_count": Event.tags.through.objects.filter(content_object__in=published),
        "quote_count": Quote.tags.through.objects.filter(content_object__in=public_quotes()),
        "visit_count": Visit.tags.through.objects.filter(content_object__event__in=published),
        "person_count": Person.tags.through.objects.all(),
        "organisation_count": Organisation.tags.through.objects.all(),
    }


def _count(uses):
    return Coalesce(
        Subquery(
            uses.order_by().values("tag").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _uses_of_outer_tag():
    return {name: links.filter(tag=OuterRef("pk")) for name, links in _public_uses().items()}


def public_tags():
    """Tags used by public content, ordered by name case-insensitively (their case-folded key).

    Tested with EXISTS, one per kind of content: nothing is counted.
    """
    in_use = reduce(operator.or_, (Exists(links) for links in _uses_of_outer_tag().values()))
    return Tag.objects.filter(in_use).order_by("key", "pk")


def tags_in_public_use():
    """`public_tags()`, each with its counts of public uses.

    Each tag has `.event_count`, `.quote_count`, `.visit_count`,
    `.person_count`, `.organisation_count` and their sum `.count` (at least 1),
    all computed in the same query, one subquery per kind of content. Counting
    the tags (the paginator) needs none of the counts.
    """
    uses = _uses_of_outer_tag()
    return (
        public_tags()
        .annotate(**{name: _count(links) for name, links in uses.items()})
        .annotate(count=sum((F(name) for name in uses), start=Value(0)))
    )


def tag_index(name="", by_count=False):
    """The tag index: `tags_in_public_use()`, optionally narrowed and reordered.

    `name` keeps the tags whose name contains it, ignoring case (in any script,
    compared by `tag_key`); a `name` longer than any tag's key matches nothing.
    `by_count` orders by `.count`, most used first, then by name; otherwise the
    order is by name.
    """
    tags = tags_in_public_use()
    if key := tag_key(name):
        if len(key) > Tag._meta.get_field("key").max_length:
            return tags.none()
        tags = tags.filter(key__contains=key)
    if by_count:
        tags = tags.order_by("-count", "key", "pk")
    return tags


def most_used_tags(limit):
    """The `limit` tags with most public uses (counted as on the tag index), most used first.

    The same counts as `tags_in_public_use()`, which counts tag by tag: right
    for a page of the index, slow for ranking every tag. Here each kind of
    link is counted in one pass, grouped by tag, all in one query (UNION ALL);
    then the tags at the top are fetched. Two queries.
    """
    names = list(_public_uses())
    per_kind = [
        links.order_by()
        .values("tag")
        .annotate(n=Count("pk"), kind=Value(index))
        .values_list("tag", "kind", "n")
        for index, links in enumerate(_public_uses().values())
    ]
    counts = defaultdict(lambda: dict.fromkeys(names, 0))
    for tag, kind, n in per_kind[0].union(*per_kind[1:], all=True):
        counts[tag][names[kind]] = n
    if not counts:
        return []
    totals = {tag: sum(kinds.values()) for tag, kinds in counts.items()}
    # Every tag that could be among the first `limit`, ties included; ties are
    # then broken by name, as on the index.
    threshold = sorted(totals.values(), reverse=True)[:limit][-1]
    tags = Tag.objects.filter(pk__in=[tag for tag, n in totals.items() if n >= threshold])
    for tag in tags:
        vars(tag).update(counts[tag.pk], count=totals[tag.pk])
    return sorted(tags, key=lambda tag: (-tag.count, tag.key, tag.pk))[:limit]


def public_tags_by_slug(slugs):
    """{slug: tag} for those of `slugs` that name a tag in public use.

    Slugs of unknown tags, or of tags used only by non-public content, are absent.
    """
    return {tag.slug: tag for tag in public_tags().filter(slug__in=slugs)}


def _first_with_total(queryset, limit):
    """(the first `limit` rows of `queryset`, the number of all its rows), in one query."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:limit])
    return rows, (rows[0].total if rows else 0)


def tagged_events(slugs, limit=20):
    """(the latest `limit` published events carrying every tag in `slugs`, how many there are).

    Newest first (start date, then most recently created), with their tags
    loaded; ([], 0) when none match or a slug is unknown.
    """
    events = with_all_tags(Event.objects.published(), slugs, through=Event.tags.through).order_by(
        "-start_date", "-pk"
    )
    return _first_with_total(events.prefetch_related("tags"), limit)


def tagged_quotes(slugs, limit=20):
    """(the latest `limit` public statements carrying every tag in `slugs`, how many there are).

    Newest event first, then in the event's order; speaker and event loaded.
    ([], 0) when none match.
    """
    quotes = with_all_tags(public_quotes(), slugs, through=Quote.tags.through)
    return _first_with_total(quotes.order_by("-event__start_date", "event", "order", "pk"), limit)


def tagged_visits(slugs, limit=50):
    """(the latest `limit` visits of published events carrying every tag in `slugs`, their number).

    Newest event first, then in the event's order, with their event loaded.
    """
    visits = Visit.objects.filter(event__in=Event.objects.published()).select_related("event")
    visits = with_all_tags(visits, slugs, through=Visit.tags.through)
    return _first_with_total(visits.order_by("-event__start_date", "event", "order", "pk"), limit)


def tagged_people(slugs, limit=50):
    """(the first `limit` people carrying every tag in `slugs`, by name; their number)."""
    people = with_all_tags(Person.objects.all(), slugs, through=Person.tags.through)
    return _first_with_total(people.order_by("name", "pk"), limit)


def tagged_organisations(slugs, limit=50):
    """(the first `limit` organisations carrying every tag in `slugs`, by name; their number)."""
    organisations = with_all_tags(
        Organisation.objects.all(), slugs, through=Organisation.tags.through
    )
    return _first_with_total(organisations.order_by("name", "pk"), limit)


def co_occurring_tags(slugs, limit=20):
    """The tags found with all of `slugs` on published events, each with `.count`.

    `.count` is the number of published events carrying every tag in `slugs`
    and that tag. The `limit` most frequent first, then by name; the tags in
    `slugs` themselves are left out. Empty when no published event carries
    every tag in `slugs`.
    """
    events = with_all_tags(Event.objects.published(), slugs, through=Event.tags.through)
    return (
        Tag.objects.filter(events_taggedevent_items__content_object__in=events)
        .exclude(slug__in=slugs)
        .annotate(count=Count("events_taggedevent_items"))
        .order_by("-count", "key", "pk")[:limit]
    )
