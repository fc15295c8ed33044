"""Writing the search index: `index(kind, pks)` brings documents in line with their records.

The only writer of `Document`; called by `search.signals` and `search_reindex`.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, Min, OuterRef, Subquery, TextField, Value
from django.utils import translation

from events.models import Event, Quote, Session, Visit
from people.models import Organisation, Person
from search.models import Document, DocumentTag
from search.text import cjk_key, latin_words, search_key
from tags.models import Tag

Kind = Document.Kind


@dataclass
class Entry:
    """What a record contributes to its document (see `Document` for the weights)."""

    object_id: int
    title: str
    url: str
    a: list
    b: list = field(default_factory=list)
    c: list = field(default_factory=list)
    event_id: int | None = None
    date: object = None
    tags: object = ()  # the record's `Tag`s
    public_from: object = None


# `public_from` of what has no draft state: people and organisations.
ALWAYS = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _sample_order(kind, date):
    """Names first, then newest first; events before their parts on one date."""
    if date is None:
        return 0
    rank = [Kind.EVENT, Kind.SESSION, Kind.QUOTE, Kind.VISIT].index(kind) + 1
    return (1_000_000 - date.toordinal()) * 8 + rank


def _tags(obj):
    return [tag.name for tag in obj.tags.all()]


def _country_names(country):
    """The name of `country` in each language of the site, each once; none for no country.

    All of them, so that a query in any language finds the event.
    """
    if not country:
        return []
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(country.name))
    return list(dict.fromkeys(names))


def _events(pks):
    for event in Event.objects.filter(pk__in=pks).prefetch_related("sessions", "tags"):
        yield Entry(
            event.pk,
            event.title,
            event.get_absolute_url(),
            a=[event.title],
            b=[event.summary, *(session.title for session in event.sessions.all()), *_tags(event)],
            c=[
                event.body,
                event.venue,
                event.city,
                event.platform,
                *_country_names(event.country),
            ],
            event_id=event.pk,
            date=event.start_date,
            tags=event.tags.all(),
            public_from=event.public_from,
        )


def _sessions(pks):
    for session in Session.objects.filter(pk__in=pks).select_related("event"):
        yield Entry(
            session.pk,
            session.title,
            session.get_absolute_url(),
            a=[session.title],
            b=[session.description],
            c=[session.event.title],
            event_id=session.event_id,
            date=session.event.start_date,
            public_from=session.event.public_from,
        )


def _quotes(pks):
    quotes = (
        Quote.objects.filter(pk__in=pks)
        .select_related("event", "speaker", "speaker_organisation", "session")
        .prefetch_related("tags")
    )
    for quote in quotes:
        yield Entry(
            quote.pk,
            " — ".join(filter(None, [quote.said_by, quote.event.title])),
            quote.get_absolute_url(),
            # The speaker's name belongs to the person's document, not the statement's.
            a=[],
            b=[quote.text, *_tags(quote)],
            c=[
                quote.said_by,
                quote.event.title,
                quote.session.title if quote.session else "",
            ],
            event_id=quote.event_id,
            date=quote.event.start_date,
            tags=quote.tags.all(),
            public_from=quote.event.public_from,
        )


def _visits(pks):
    for visit in Visit.objects.filter(pk__in=pks).select_related("event").prefetch_related("tags"):
        yield Entry(
            visit.pk,
            visit.place,
            visit.get_absolute_url(),
            a=[visit.place],
            b=[visit.description, *_tags(visit)],
            c=[visit.event.title],
            event_id=visit.event_id,
            date=visit.date or visit.event.start_date,
            tags=visit.tags.all(),
            public_from=visit.event.public_from,
        )


def _people(pks):
    people = Person.objects.filter(pk__in=pks).prefetch_related(
        "alternative_names", "positions", "tags"
    )
    for person in people:
        yield Entry(
            person.pk,
            person.name,
            person.get_absolute_url(),
            a=[person.name, *(name.name for name in person.alternative_names.all())],
            b=[*(position.title for position in person.positions.all()), *_tags(person)],
            c=[person.bio],
            tags=person.tags.all(),
            public_from=ALWAYS,
        )


def _organisations(pks):
    organisations = Organisation.objects.filter(pk__in=pks).prefetch_related(
        "alternative_names", "tags"
    )
    for organisation in organisations:
        yield Entry(
            organisation.pk,
            organisation.name,
            organisation.get_absolute_url(),
            a=[
                organisation.name,
                organisation.short_name,
                *(name.name for name in organisation.alternative_names.all()),
            ],
            b=_tags(organisation),
            c=[organisation.description],
            tags=organisation.tags.all(),
            public_from=ALWAYS,
        )


def _tag_entries(pks):
    # `public_from` is set afterwards, from the documents that carry the tag.
    for tag in Tag.objects.filter(pk__in=pks):
        yield Entry(tag.pk, tag.name, tag.get_absolute_url(), a=[tag.name])


BUILDERS = {
    Kind.EVENT: _events,
    Kind.SESSION: _sessions,
    Kind.QUOTE: _quotes,
    Kind.VISIT: _visits,
    Kind.PERSON: _people,
    Kind.ORGANISATION: _organisations,
    Kind.TAG: _tag_entries,
}
SOURCES = {
    Kind.EVENT: Event,
    Kind.SESSION: Session,
    Kind.QUOTE: Quote,
    Kind.VISIT: Visit,
    Kind.PERSON: Person,
    Kind.ORGANISATION: Organisation,
    Kind.TAG: Tag,
}


def _join(texts):
    return "\n".join(text for text in texts if text)


def _weighted(column, weight):
    """`column` stemmed as English and as Russian (content mixes both), at `weight`."""
    return SearchVector(column, config="english", weight=weight) + SearchVector(
        column, config="russian", weight=weight
    )


def _latin(line, weight):
    """Line `line` of `latin_key`, stemmed as English (as `Query.rest_in_latin` is), at `weight`."""
    text = Func(
        F("latin_key"), Value("\n"), Value(line), function="split_part", output_field=TextField()
    )
    return SearchVector(text, config="english", weight=weight)


# CJK pairs first: PostgreSQL keeps no position beyond 16,383, and phrase queries
# need theirs. Titles' pairs again at A, for the sample. Transliterations last.
VECTOR = (
    SearchVector("cjk_name_key", config="simple", weight="A")
    + SearchVector("cjk_key", config="simple", weight="C")
    + _weighted("a_text", "A")
    + _weighted("b_text", "B")
    + _weighted("c_text", "C")
    + _latin(1, "A")
    + _latin(2, "B")
    + _latin(3, "C")
)
_UPDATED = ["event", "title", "url", "date", "a_text", "b_text", "c_text", "name_key"]
_UPDATED += ["content_key", "cjk_key", "cjk_name_key", "latin_key", "public_from"]
_UPDATED += ["sample_order", "tag_labels"]


BATCH_SIZE = 2000  # records read and written at a time


def index(kind, pks, refresh=True):
    """Write the documents of the records of `kind` with primary keys `pks`; remove the rest.

    A record that no longer exists loses its document. About eight queries per
    BATCH_SIZE records. The tags these documents carry or carried get their
    visibility refreshed (`refresh_tags`) unless `refresh` is false.
    """
    pks = sorted(set(pks))
    for start in range(0, len(pks), BATCH_SIZE):
        _index_batch(kind, set(pks[start : start + BATCH_SIZE]), refresh)


def refresh_tags(tag_ids=None):
    """Set the `public_from` of the documents of tags `tag_ids` (None: of every tag).

    The earliest `public_from` of the documents carrying the tag; none for a tag
    of drafts only.
    """
    tags = Document.objects.filter(kind=Kind.TAG)
    if tag_ids is not None:
        tags = tags.filter(object_id__in=tag_ids)
    carriers = (
        DocumentTag.objects.filter(tag=OuterRef("object_id"))
        .order_by()
        .values("tag")
        .annotate(first=Min("content_object__public_from"))
        .values("first")
    )
    tags.update(public_from=Subquery(carriers))


@transaction.atomic
def _index_batch(kind, pks, refresh):
    entries = list(BUILDERS[kind](pks))
    # The tags whose visibility may change: those of these documents, before and after.
    tag_ids = set()
    if refresh:
        tag_ids.update(pks if kind == Kind.TAG else [])
        tag_ids.update(
            DocumentTag.objects.filter(
                content_object__kind=kind, content_object__object_id__in=pks
            ).values_list("tag", flat=True)
        )
        tag_ids.update(tag.pk for entry in entries for tag in entry.tags)
    gone = pks - {entry.object_id for entry in entries}
    if gone:
        Document.objects.filter(kind=kind, object_id__in=gone).delete()
    if not entries:
        if tag_ids:
            refresh_tags(tag_ids)
        return
    documents = []
    for entry in entries:
        a, b, c = _join(entry.a), _join(entry.b), _join(entry.c)
        documents.append(
            Document(
                kind=kind,
                object_id=entry.object_id,
                event_id=entry.event_id,
                title=entry.title[:600],
                url=entry.url,
                date=entry.date,
                a_text=a,
                b_text=b,
                c_text=c,
                name_key=search_key(a),
                content_key=search_key(_join([a, b, c])),
                cjk_key=cjk_key(_join([a, b, c])),
                cjk_name_key=cjk_key(a),
                latin_key="\n".join([latin_words(a), latin_words(b), latin_words(c)]),
                public_from=entry.public_from,
                sample_order=_sample_order(kind, entry.date),
                tag_labels=[[tag.slug, tag.name] for tag in entry.tags],
            )
        )
    Document.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_UPDATED,
    )
    ids = dict(Document.objects.filter(kind=kind, object_id__in=pks).values_list("object_id", "pk"))
    DocumentTag.objects.filter(content_object__in=ids.values()).delete()
    DocumentTag.objects.bulk_create(
        DocumentTag(content_object_id=ids[entry.object_id], tag=tag)
        for entry in entries
        for tag in entry.tags
    )
    if connection.vendor == "postgresql":
        Document.objects.filter(pk__in=ids.values()).update(vector=VECTOR)
    if tag_ids:
        refresh_tags(tag_ids)


def reindex_all():
    """Rebuild every document, and drop those of vanished records; returns the records' number."""
    total = 0
    for kind, model in SOURCES.items():
        Document.objects.filter(kind=kind).exclude(
            object_id__in=model.objects.values("pk")
        ).delete()
        pks = list(model.objects.values_list("pk", flat=True))
        index(kind, pks, refresh=False)
        total += len(pks)
    refresh_tags()  # once, for every tag, rather than per batch
    return total
