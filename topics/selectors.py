"""Reads for the tag index and the tag pages: public uses only (`public_tag_uses`)."""

from django.db.models import Count, Window

from events.selectors import (
    events_with_tags,
    public_quotes,
    public_tag_uses,
    public_tags,
    public_visits,
)
from people.models import Organisation, Person
from secretariat.collation import shown_text, sorted_by
from secretariat.filters import with_all_tags
from tags.models import Tag, tag_key
from tags.selectors import with_use_counts


def tags_in_public_use():
    """`public_tags()`, each with `.event_count`, `.quote_count`… and `.count`; same query."""
    return with_use_counts(public_tags(), public_tag_uses())


def tag_index(name="", by_count=False):
    """The tag index: `tags_in_public_use()`, by name, or most used first with `by_count`.

    `name`: the tags whose key contains its `tag_key`; none if longer than a key.
    """
    tags = tags_in_public_use()
    if key := tag_key(name):
        if len(key) > Tag._meta.get_field("key").max_length:
            return tags.none()
        tags = tags.filter(key__contains=key)
    if by_count:
        tags = tags.order_by("-count", "key", "pk")
    return tags


def public_tags_by_slug(slugs):
    """{slug: tag} for those of `slugs` that name a tag in public use; the others are absent."""
    return {tag.slug: tag for tag in public_tags().filter(slug__in=slugs)}


def _first_with_total(queryset, limit):
    """(the first `limit` rows of `queryset`, the number of all its rows), in one query."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:limit])
    return rows, (rows[0].total if rows else 0)


def tagged_events(slugs, limit=20):
    """(the latest `limit` published events carrying every tag in `slugs`, how many there are).

    With their tags loaded; ([], 0) when none match or a slug is unknown.
    """
    events = events_with_tags(slugs).order_by("-start_date", "-pk").prefetch_related("tags")
    return _first_with_total(events, limit)


def tagged_quotes(slugs, limit=20):
    """(the latest `limit` public statements carrying every tag in `slugs`, how many there are).

    Newest event first, then in the event's order; speaker and event loaded.
    """
    quotes = public_quotes()
    quotes = with_all_tags(quotes, slugs, through=quotes.model.tags.through)
    return _first_with_total(quotes.order_by("-event__start_date", "event", "order", "pk"), limit)


def tagged_visits(slugs, limit=50):
    """(the latest `limit` public visits carrying every tag in `slugs`, how many there are).

    Newest event first, then in the event's order, with their event loaded.
    """
    visits = public_visits()
    visits = with_all_tags(visits, slugs, through=visits.model.tags.through)
    return _first_with_total(visits.order_by("-event__start_date", "event", "order", "pk"), limit)


def tagged_people(slugs, limit=50):
    """(the first `limit` people carrying every tag in `slugs`, by name; their number).

    By the name shown in the reader's language (`secretariat.collation`).
    """
    people = with_all_tags(Person.objects.all(), slugs, through=Person.tags.through)
    rows, total = _first_with_total(people.order_by(shown_text(Person), "pk"), limit)
    return sorted_by(rows), total


def tagged_organisations(slugs, limit=50):
    """(the first `limit` organisations carrying every tag in `slugs`, by name; their number).

    By the name shown in the reader's language (`secretariat.collation`).
    """
    organisations = with_all_tags(
        Organisation.objects.all(), slugs, through=Organisation.tags.through
    )
    rows, total = _first_with_total(organisations.order_by(shown_text(Organisation), "pk"), limit)
    return sorted_by(rows), total


def co_occurring_tags(slugs, limit=20):
    """The `limit` tags most often found with all of `slugs` on published events, then by name.

    `.count`: those events carrying the tag too. `slugs` themselves are left
    out; empty when no published event carries them all.
    """
    return (
        Tag.objects.filter(events_taggedevent_items__content_object__in=events_with_tags(slugs))
        .exclude(slug__in=slugs)
        .annotate(count=Count("events_taggedevent_items"))
        .order_by("-count", "key", "pk")[:limit]
    )
