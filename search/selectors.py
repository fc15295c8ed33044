"""Reads for the search page and the suggestions, on PostgreSQL and on SQLite.

Everything starts from `Document.objects.visible()`, so only published content
is found, suggested or counted.

PostgreSQL matches a document when its weighted vector matches the query
(websearch syntax, English and Russian stemming), or, for people,
organisations and tags, when its names match (see `name_match`: fuzzy, so it
is kept to names, where a phrase in quotes means nothing); it ranks by
`SearchRank` plus the trigram similarity of the title or names.
SQLite matches when the document's search key contains every word of the
query's key, and ranks exact names, then names containing the words, first.
On both, CJK runs of the query must occur in the document's text as written,
and words excluded with "-" must not occur in its key.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from search.models import Document
from search.text import Query
from secretariat.filters import Facet, Option, selected_first, with_all_tags
from tags.models import Tag

Kind = Document.Kind
FACET_SIZE = 15
NAME_KINDS = [Kind.PERSON, Kind.ORGANISATION, Kind.TAG]
SUGGESTED_KINDS = [Kind.PERSON, Kind.ORGANISATION, Kind.TAG, Kind.EVENT]
# Words this short are left to full-text search on PostgreSQL: a trigram index
# cannot serve a substring of fewer than three characters.
MIN_SUBSTRING = 3
# How alike a name must be to be offered when a search finds nothing (0 to 1).
CLOSEST_SIMILARITY = 0.2


def _postgresql():
    return connection.vendor == "postgresql"


def _contains_all(field, words):
    return Q(*[Q(**{f"{field}__contains": word}) for word in words])


def _tsquery(query):
    return SearchQuery(query.rest, config="english", search_type="websearch") | SearchQuery(
        query.rest, config="russian", search_type="websearch"
    )


def name_match(query):
    """Documents whose names (in any script, by `search_key`) contain every word of `query`.

    On PostgreSQL, also those with a name whose trigram word similarity to the
    query reaches the threshold set in settings: a prefix ("Nor"), a typo
    ("Norrov"), another spelling ("Yermekbayev" for "Ermekbaev"). The query's
    CJK runs must occur in the names as written.
    """
    conditions = [Q(a_text__contains=run) for run in query.cjk]
    if query.words:
        contains = _contains_all("name_key", query.words)
        if _postgresql():
            similar = Q(name_key__trigram_word_similar=query.key)
            short = any(len(word) < MIN_SUBSTRING for word in query.words)
            contains = similar if short else similar | contains
        conditions.append(contains)
    return Q(*conditions)


def _cjk_match(query):
    return Q(
        *[
            Q(a_text__contains=run) | Q(b_text__contains=run) | Q(c_text__contains=run)
            for run in query.cjk
        ]
    )


def filter_documents(documents, query, filters):
    """`documents` narrowed to those matching `query` and the search form's `filters`."""
    if query.words:
        if _postgresql():
            names = Q(kind__in=NAME_KINDS) & name_match(query)
            documents = documents.filter(Q(vector=_tsquery(query)) | names)
        else:
            documents = documents.filter(_contains_all("content_key", query.words))
    for word in query.excluded:
        documents = documents.exclude(content_key__contains=word)
    if query.cjk:
        documents = documents.filter(_cjk_match(query))
    if kind := filters.get("type"):
        documents = documents.filter(kind=kind)
    if year := filters.get("year"):
        documents = documents.filter(date__year=year)
    if tags := filters.get("tag"):
        documents = with_all_tags(documents, tags, through=Document.tags.through)
    return documents


def ranked(documents, query):
    """`documents` best first for `query`, then newest, then by title.

    The best: on PostgreSQL by `SearchRank` (weights A to C) plus the trigram
    word similarity of the names, so a title match beats a body match and an
    exact name a fuzzy one; on SQLite an exact name, then names containing
    every word, then the rest. A CJK run in the title counts as a name match.
    """
    rank = Value(0.0)
    if query.words and _postgresql():
        rank = SearchRank(F("vector"), _tsquery(query)) + TrigramWordSimilarity(
            query.key, "name_key"
        )
    elif query.words:
        rank = Case(
            When(name_key=query.key, then=Value(2.0)),
            When(_contains_all("name_key", query.words), then=Value(1.0)),
            default=Value(0.0),
        )
    if query.cjk:
        in_title = Case(
            When(Q(*[Q(a_text__contains=run) for run in query.cjk]), then=Value(1.0)),
            default=Value(0.0),
        )
        rank = rank + in_title
    return documents.annotate(rank=ExpressionWrapper(rank, output_field=FloatField())).order_by(
        "-rank", F("date").desc(nulls_last=True), "title", "pk"
    )


def search_facets(documents, filters):
    """(the type, year and tag facets counted over `documents`, already filtered; their number).

    Three queries, or one when nothing matches. Types are in the order of
    `Document.Kind`; years newest first; tags the 15 most frequent, selected
    ones first.
    """
    kinds = dict(documents.order_by().values_list("kind").annotate(count=Count("pk")))
    total = sum(kinds.values())
    chosen_kind = filters.get("type")
    facets = [
        Facet(
            "type",
            _("Type"),
            [
                Option(kind, label, kinds[kind], kind == chosen_kind)
                for kind, label in Kind.choices
                if kind in kinds
            ],
        )
    ]
    if not total:
        return facets, 0
    years = (
        documents.exclude(date=None)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values_list("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    chosen_tags = filters.get("tag", [])
    tags = selected_first(
        Tag.objects.filter(search_document_links__content_object__in=documents).annotate(
            count=Count("search_document_links")
        ),
        "slug",
        chosen_tags,
    )[:FACET_SIZE]
    facets += [
        Facet(
            "year",
            _("Year"),
            [Option(str(y), str(y), n, y == filters.get("year")) for y, n in years],
        ),
        Facet(
            "tag",
            _("Tags"),
            [Option(t.slug, t.name, t.count, t.slug in chosen_tags) for t in tags],
            multiple=True,
        ),
    ]
    return facets, total


def _by_name(documents, query):
    if _postgresql():
        return documents.annotate(similarity=TrigramWordSimilarity(query.key, "name_key")).order_by(
            "-similarity", "title", "pk"
        )
    return documents.annotate(
        exact=Case(When(name_key=query.key, then=Value(0)), default=Value(1))
    ).order_by("exact", "title", "pk")


def matching(records, kind, text):
    """`records` (of `kind`) narrowed to those the search box finds for `text`.

    The search page's own matching (`filter_documents` over visible documents),
    for lists that take a text filter, such as the API's. A query with nothing
    to match (empty, punctuation) leaves `records` as they are.
    """
    query = Query.parse(text)
    if not query:
        return records
    documents = filter_documents(Document.objects.visible().filter(kind=kind), query, {})
    return records.filter(pk__in=documents.values("object_id"))


def suggestions(query, limit=8):
    """Up to `limit` visible people, organisations, tags and events whose names match `query`.

    Best name match first (see `name_match`); one query.
    """
    documents = Document.objects.visible().filter(kind__in=SUGGESTED_KINDS)
    documents = _by_name(documents.filter(name_match(query)), query)
    return list(documents.only("kind", "title", "url")[:limit])


def closest_names(query, limit=6):
    """Up to `limit` visible people, organisations and tags with names near `query`, closest first.

    For a search that found nothing. On PostgreSQL, names whose trigram word
    similarity passes CLOSEST_SIMILARITY; on SQLite, names containing any
    word of the query. One query.
    """
    if not query.words:
        return []
    documents = Document.objects.visible().filter(kind__in=NAME_KINDS)
    if _postgresql():
        documents = _by_name(documents, query).filter(similarity__gt=CLOSEST_SIMILARITY)
    else:
        any_word = Q(*[Q(name_key__contains=word) for word in query.words], _connector=Q.OR)
        documents = _by_name(documents.filter(any_word), query)
    return list(documents.only("kind", "title", "url")[:limit])
