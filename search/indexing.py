"""Writing the search index: `index(kind, pks)` brings documents in line with their records.

The only writer of `Document`; called by `search.signals` and `search_reindex`.
Each record is written once per language of the site, with that language
active (`translation.override`): never in whichever language the caller has.
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
from secretariat.languages import CODES, shown_language, text_in
from tags.models import Tag

Kind = Document.Kind


@dataclass
class Entry:
    """What a record contributes to its document in `language` (see `Document` for the weights).

    `title_language` and `text_language`: the languages its title and main
    text are shown in to that reader (`languages.shown_language`).
    """

    object_id: int
    language: str
    title: str
    url: str
    a: list
    b: list = field(default_factory=list)
    c: list = field(default_factory=list)
    event_id: int | None = None
    date: object = None
    tags: object = ()  # the record's `Tag`s
    public_from: object = None
    title_language: str = ""
    text_language: str = ""


# `public_from` of what has no draft state: people and organisations.
ALWAYS = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _sample_order(kind, date):
    """Names first, then newest first; events before their parts on one date."""
    if date is None:
        return 0
    rank = [Kind.EVENT, Kind.SESSION, Kind.QUOTE, Kind.VISIT].index(kind) + 1
    return (1_000_000 - date.toordinal()) * 8 + rank


def _in_every_language(records, build):
    """`build(record, language)` for each of `records` in each language, that language active.

    Active, so that each translated field reads as a reader of that language is
    shown it and `get_absolute_url()` has that language's prefix, whatever
    language the caller (an editor working in Russian, a command) has active.
    """
    for record in records:
        for code in CODES:
            with translation.override(code):
                yield build(record, code)


def _tags(obj):
    return [tag.name for tag in obj.tags.all()]


def _every_script(instance, field_name):
    """The texts of `field_name` in every language, each once: a name is found in any script."""
    texts = (text_in(instance, field_name, code) for code in CODES)
    return list(dict.fromkeys(text for text in texts if text))


def _person_names(person):
    """The person's name in every language and their alternative names (prefetched)."""
    return [*_every_script(person, "name"), *(name.name for name in person.alternative_names.all())]


def _organisation_names(organisation):
    """The organisation's names and short names in every language, and alternative names."""
    return [
        *_every_script(organisation, "name"),
        *_every_script(organisation, "short_name"),
        *(name.name for name in organisation.alternative_names.all()),
    ]


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


def _event_entry(event, language):
    # Who took part, in every script: a name typed in any finds the person's events.
    names = [
        *(name for link in event.participations.all() for name in _person_names(link.person)),
        *(
            name
            for link in event.organisation_links.all()
            for name in _organisation_names(link.organisation)
        ),
    ]
    return Entry(
        event.pk,
        language,
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
            *dict.fromkeys(names),
        ],
        event_id=event.pk,
        date=event.start_date,
        tags=event.tags.all(),
        public_from=event.public_from,
        title_language=shown_language(event, "title", language),
        text_language=shown_language(event, "summary", language),
    )


def _events(pks):
    events = Event.objects.filter(pk__in=pks).prefetch_related(
        "sessions",
        "tags",
        "participations__person__alternative_names",
        "organisation_links__organisation__alternative_names",
    )
    return _in_every_language(events, _event_entry)


def _session_entry(session, language):
    return Entry(
        session.pk,
        language,
        session.title,
        session.get_absolute_url(),
        a=[session.title],
        b=[session.description],
        c=[session.event.title],
        event_id=session.event_id,
        date=session.event.start_date,
        public_from=session.event.public_from,
        title_language=shown_language(session, "title", language),
        text_language=shown_language(session, "description", language),
    )


def _sessions(pks):
    sessions = Session.objects.filter(pk__in=pks).select_related("event")
    return _in_every_language(sessions, _session_entry)


def _said_by_names(quote):
    """Who said `quote`, by every name of theirs; a group as the reader is shown it."""
    if quote.speaker_id:
        return _person_names(quote.speaker)
    if quote.speaker_organisation_id:
        return _organisation_names(quote.speaker_organisation)
    return [quote.speaker_group]


def _quote_entry(quote, language):
    return Entry(
        quote.pk,
        language,
        " — ".join(filter(None, [quote.said_by, quote.event.title])),
        quote.get_absolute_url(),
        # The speaker's name belongs to the person's document, not the statement's.
        a=[],
        b=[quote.text, *_tags(quote)],
        c=[
            *_said_by_names(quote),
            quote.event.title,
            quote.session.title if quote.session else "",
        ],
        event_id=quote.event_id,
        date=quote.event.start_date,
        tags=quote.tags.all(),
        public_from=quote.event.public_from,
        title_language=shown_language(quote.event, "title", language),
        text_language=shown_language(quote, "text", language),
    )


def _quotes(pks):
    quotes = (
        Quote.objects.filter(pk__in=pks)
        .select_related("event", "speaker", "speaker_organisation", "session__event")
        .prefetch_related(
            "tags", "speaker__alternative_names", "speaker_organisation__alternative_names"
        )
    )
    return _in_every_language(quotes, _quote_entry)


def _visit_entry(visit, language):
    return Entry(
        visit.pk,
        language,
        visit.place,
        visit.get_absolute_url(),
        a=[visit.place],
        b=[visit.description, *_tags(visit)],
        c=[visit.event.title],
        event_id=visit.event_id,
        date=visit.date or visit.event.start_date,
        tags=visit.tags.all(),
        public_from=visit.event.public_from,
        title_language=shown_language(visit, "place", language),
        text_language=shown_language(visit, "description", language),
    )


def _visits(pks):
    visits = Visit.objects.filter(pk__in=pks).select_related("event").prefetch_related("tags")
    return _in_every_language(visits, _visit_entry)


def _person_entry(person, language):
    return Entry(
        person.pk,
        language,
        person.name,
        person.get_absolute_url(),
        a=_person_names(person),
        b=[*(position.title for position in person.positions.all()), *_tags(person)],
        c=[person.bio],
        tags=person.tags.all(),
        public_from=ALWAYS,
        title_language=shown_language(person, "name", language),
        text_language=shown_language(person, "bio", language),
    )


def _people(pks):
    people = Person.objects.filter(pk__in=pks).prefetch_related(
        "alternative_names", "positions", "tags"
    )
    return _in_every_language(people, _person_entry)


def _organisation_entry(organisation, language):
    return Entry(
        organisation.pk,
        language,
        organisation.name,
        organisation.get_absolute_url(),
        a=_organisation_names(organisation),
        b=_tags(organisation),
        c=[organisation.description],
        tags=organisation.tags.all(),
        public_from=ALWAYS,
        title_language=shown_language(organisation, "name", language),
        text_language=shown_language(organisation, "description", language),
    )


def _organisations(pks):
    organisations = Organisation.objects.filter(pk__in=pks).prefetch_related(
        "alternative_names", "tags"
    )
    return _in_every_language(organisations, _organisation_entry)


def _tag_entry(tag, language):
    # `public_from` is set afterwards, from the documents that carry the tag.
    shown = shown_language(tag, "name", language)
    return Entry(
        tag.pk,
        language,
        tag.name,
        tag.get_absolute_url(),
        a=_every_script(tag, "name"),
        title_language=shown,
        text_language=shown,
    )


def _tag_entries(pks):
    return _in_every_language(Tag.objects.filter(pk__in=pks), _tag_entry)


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


def _tag_labels(entry):
    """The entry's tags as [slug, name] pairs, named in the entry's language."""
    with translation.override(entry.language):
        return [[tag.slug, tag.name] for tag in entry.tags]


def _join(texts):
    return "\n".join(text for text in texts if text)


def _weighted(column, weight):
    """`column` stemmed as English and as Russian, at `weight`.

    Whatever the document's language: it also holds names in every script and,
    where a text is untranslated, the text it falls back to. Each stemmer stems
    its own script's words and leaves the rest whole, so every word is stemmed
    as its language, and the query is stemmed both ways too.
    """
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
_UPDATED += ["sample_order", "tag_labels", "title_language", "text_language"]


BATCH_SIZE = 2000  # records read and written at a time


def index(kind, pks, refresh=True):
    """Write the documents, in every language, of the records of `kind` with primary keys `pks`.

    A record that no longer exists loses its documents. About eight queries per
    BATCH_SIZE records, six more for events and two for statements (the names of
    who took part or spoke). The tags these
    documents carry or carried get their visibility refreshed (`refresh_tags`)
    unless `refresh` is false.
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
                language=entry.language,
                event_id=entry.event_id,
                title=entry.title[:600],
                url=entry.url,
                title_language=entry.title_language,
                text_language=entry.text_language,
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
                tag_labels=_tag_labels(entry),
            )
        )
    Document.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id", "language"],
        update_fields=_UPDATED,
    )
    ids = {
        (object_id, language): pk
        for object_id, language, pk in Document.objects.filter(
            kind=kind, object_id__in=pks
        ).values_list("object_id", "language", "pk")
    }
    DocumentTag.objects.filter(content_object__in=ids.values()).delete()
    DocumentTag.objects.bulk_create(
        DocumentTag(content_object_id=ids[entry.object_id, entry.language], tag=tag)
        for entry in entries
        for tag in entry.tags
    )
    if connection.vendor == "postgresql":
        Document.objects.filter(pk__in=ids.values()).update(vector=VECTOR)
    if tag_ids:
        refresh_tags(tag_ids)


def reindex_all():
    """Rebuild every document, and drop those of vanished records; returns the records' number.

    Also drops the documents of a language the site no longer offers.
    """
    total = 0
    Document.objects.exclude(language__in=CODES).delete()  # of a language no longer offered
    for kind, model in SOURCES.items():
        Document.objects.filter(kind=kind).exclude(
            object_id__in=model.objects.values("pk")
        ).delete()
        pks = list(model.objects.values_list("pk", flat=True))
        index(kind, pks, refresh=False)
        total += len(pks)
    refresh_tags()  # once, for every tag, rather than per batch
    return total
