"""Reads for the search page and the suggestions, on PostgreSQL and on SQLite.

Everything starts from `Document.objects.visible()`, so only published content
is found, suggested or counted.

PostgreSQL matches a document when its weighted vector matches the query
(websearch syntax, English and Russian stemming, and words of other scripts
by their transliteration, so "Norov" and "Норов" each find the other), or,
for people, organisations and tags, when its names match (see `name_match`:
typo-tolerant, so it is kept to names, where a phrase in quotes means
nothing); it ranks by `SearchRank` plus the trigram similarity of the title
or names. SQLite matches when every word of the query's key starts a word of
the document's search key, and ranks exact names, then names with every word,
first. On both, CJK runs of the query must occur in the document's text (in
Simplified characters: `search.text.simplified`), those excluded with "-"
must not, and words excluded with "-" must not be words of its key; on
PostgreSQL, nor match its vector, stemmed ("-schools" also leaves out
"school"), whichever way the document matched.
"""

import json
from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

from search.models import NAME_WORDS, TITLE_WORDS, Document
from search.text import Query
from secretariat.filters import Facet, Option, with_all_tags

Kind = Document.Kind
FACET_SIZE = 15
NAME_KINDS = [Kind.PERSON, Kind.ORGANISATION, Kind.TAG]
SUGGESTED_KINDS = [Kind.PERSON, Kind.ORGANISATION, Kind.TAG, Kind.EVENT]
# How many of the events whose titles match a prefix the suggestions rank, the
# first by name. A short prefix starts a word of thousands of titles ("sh":
# Shanghai, 8,168 of 20,000), and ranking them all cost 51 ms, taking the first
# 100 by name 15 ms; names are fewer, and all ranked.
SUGGESTED_EVENTS_RANKED = 100
# Words this short are left to full-text search on PostgreSQL: a trigram index
# cannot serve a substring of fewer than three characters.
MIN_SUBSTRING = 3
# Shorter words of a query match names only as the start of a word, never
# mistyped: one edit makes too many other words of them ("art": "bart", "arm").
MIN_TYPO = 4
# How many matching documents a search ranks and counts: ranking is what costs,
# and a visitor reads the first pages. More matches are reported as "more than".
SAMPLE_SIZE = 200
# `content_key` (words separated by single spaces) with a space at each end, so
# that " word " occurs in it exactly when the word is one of its words.
_PADDED_KEY = Concat(Value(" "), "content_key", Value(" "), output_field=TextField())


def _postgresql():
    return connection.vendor == "postgresql"


def _contains_all(field, words):
    return Q(*[Q(**{f"{field}__contains": word}) for word in words])


def _starting_all(field, words):
    """Every one of `words` starts a word of `field`, a key (words separated by single spaces)."""
    padded = Concat(Value(" "), field, output_field=TextField())
    return Q(*[Contains(padded, f" {word}") for word in words])


class _NearWord(Func):
    """Whether a word of the key `expression` starts as `word` or is it mistyped (PostgreSQL).

    Mistyped: for a `word` of MIN_TYPO letters or more, a word at most two
    letters longer or shorter, and at most one edit (Levenshtein distance) per
    three letters of the longer of the two. "Norv" is "Norov" or "Norrov"
    mistyped, "Yermekbayev" "Ermekbaev"; "schools" is not "scholar", nor
    "preschools", nor "Ivanov" "Petrov", though their trigrams are alike.
    """

    output_field = BooleanField()

    def __init__(self, expression, word):
        super().__init__(expression)
        self.word = word

    def as_sql(self, compiler, connection):
        key, params = compiler.compile(self.get_source_expressions()[0])
        condition, condition_params = "starts_with(name.word, %s)", [self.word]
        if len(self.word) >= MIN_TYPO:
            # The lengths first: levenshtein_less_equal refuses words over 255 letters.
            edits = "greatest(length(name.word), %s) / 3"
            condition += (
                " OR CASE WHEN abs(length(name.word) - %s) <= 2"
                f" THEN levenshtein_less_equal(name.word, %s, {edits}) <= {edits} END"
            )
            length = len(self.word)
            condition_params += [length, self.word, length, length]
        sql = (
            f"EXISTS (SELECT FROM unnest(string_to_array({key}, ' ')) AS name(word)"
            f" WHERE {condition})"
        )
        return sql, [*params, *condition_params]


def _tsquery(query):
    """The query's tsquery: stemmed as English and as Russian, and its words in Latin letters.

    The last, for words of other scripts, matches documents' own words in
    English and the transliterations of theirs (`Document.latin_key`).
    """
    tsquery = _stemmed(query.rest)
    if query.rest_in_latin:
        tsquery |= SearchQuery(query.rest_in_latin, config="english", search_type="websearch")
    return tsquery


def _stemmed(text):
    """`text` in websearch syntax, as a tsquery stemmed as English or as Russian."""
    return SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
        text, config="russian", search_type="websearch"
    )


def name_match(query):
    """Documents whose names (by `search_key`, in any script) have words starting as `query`'s.

    On PostgreSQL, a word of the query may also be a word of the names
    mistyped (`_NearWord`): a typo ("Norrov"), another spelling ("Yermekbayev"
    for "Ermekbaev"); the names' trigram index finds the candidates, by word
    similarity to the whole query or by containing every word. A name matching
    only some words of the query ("Igor Petrov" for "Igor Ivanov") is not a
    match. The query's CJK runs must occur in the names.
    """
    conditions = [_contains_all("cjk_name_key", query.cjk_keys)]
    if query.words and _postgresql():
        similar = Q(name_key__trigram_word_similar=query.key)
        short = any(len(word) < MIN_SUBSTRING for word in query.words)
        candidates = similar if short else similar | _contains_all("name_key", query.words)
        conditions += [candidates, *(_NearWord(F("name_key"), word) for word in query.words)]
    elif query.words:
        conditions.append(_starting_all("name_key", query.words))
    return Q(*conditions)


def _cjk_tsquery(query):
    return SearchQuery(query.cjk_tsquery, config="simple", search_type="raw")


def filter_documents(documents, query, filters):
    """`documents` narrowed to those matching `query` and the search form's `filters`."""
    if query.words:
        if _postgresql():
            documents = documents.filter(Q(vector=_tsquery(query)) | _name_kinds_match(query))
        else:
            documents = documents.filter(_starting_all("content_key", query.words))
    return _narrowed(documents, query, filters)


def _name_kinds_match(query):
    return Q(kind__in=NAME_KINDS) & name_match(query)


def _narrowed(documents, query, filters, match_cjk=True):
    """`documents` narrowed by all but `query.words`: excluded words, CJK runs, `filters`.

    Without `match_cjk`, not by the CJK runs: the caller matches them itself.
    """
    if query.excluded:
        documents = documents.alias(padded_key=_PADDED_KEY)
    for word in query.excluded:
        documents = documents.exclude(padded_key__contains=f" {word} ")
    if query.excluded and _postgresql():
        # Stemmed too, as the whole query's tsquery leaves them out, but also
        # from names matched by trigrams and titles sampled by their own index.
        any_excluded = " or ".join(query.excluded_text.split())
        documents = documents.exclude(vector=_stemmed(any_excluded))
    for run_key in query.excluded_cjk_keys:
        # In `cjk_key`, on both databases: exact, and an exclusion has no use
        # for the vector's index.
        documents = documents.exclude(cjk_key__contains=run_key)
    if query.cjk and match_cjk:
        # On PostgreSQL the runs' pairs of characters in the vector (exact, and
        # served by its index); elsewhere the runs in `cjk_key`.
        if _postgresql():
            cjk = Q(vector=_cjk_tsquery(query))
        else:
            cjk = _contains_all("cjk_key", query.cjk_keys)
        documents = documents.filter(cjk)
    if kind := filters.get("type"):
        documents = documents.filter(kind=kind)
    if year := filters.get("year"):
        documents = documents.filter(date__year=year)
    if tags := filters.get("tag"):
        documents = with_all_tags(documents, tags, through=Document.tags.through)
    return documents


def _sample_postgresql(query, filters):
    """SQL and parameters selecting the ids of up to SAMPLE_SIZE + 1 documents matching.

    Disjoint parts, each newest first (`Document.sample_order`), taken in turn
    until the sample is full: people, organisations and tags whose names
    match; other documents whose title matches (the A weight of the vector,
    by its own index); then any other match. For CJK runs alone, titles and
    names (the A weight), then the rest. Each part is an index scan that reads
    no vector (but to leave out the forms of words excluded with "-"), and a
    later part is not run at all once the earlier ones fill the sample: a
    common word costs its title matches only.

    The first parts are named (WITH) and the last leaves out their rows: it
    runs only when they did not fill the sample, and then each holds all it
    matches. So each part is compiled and run once.
    """
    # For CJK runs alone, the runs are the match, and each part matches them its
    # own way: a title part that also read every vector to match them cost 3 ms.
    base = _narrowed(Document.objects.visible(), query, filters, match_cjk=bool(query.words))
    tsquery = _tsquery(query) if query.words else _cjk_tsquery(query)
    titles = base.alias(title_words=TITLE_WORDS).filter(title_words=tsquery)
    if query.words:
        firsts = [base.filter(_name_kinds_match(query)), titles.exclude(kind__in=NAME_KINDS)]
    else:
        firsts = [titles]
    rest = base.filter(vector=tsquery)
    names = [f"part_{n}" for n in range(len(firsts))]
    for name in names:
        rest = rest.exclude(pk__in=RawSQL(f"SELECT pk FROM {name}", []))  # nosec B608 B611
    named, params = [], []
    for name, first in zip(names, firsts, strict=True):
        sql, first_params = _newest_first(first)
        named.append(f"{name} AS MATERIALIZED ({sql})")
        params.extend(first_params)
    sql, rest_params = _newest_first(rest)
    params.extend(rest_params)
    # SQL compiled by the ORM, with the query's text as parameters, and the
    # parts' names, part_0 and so on.
    parts = [f"SELECT pk FROM {name}" for name in names]  # nosec B608
    parts.append(f"SELECT * FROM ({sql}) AS rest")  # nosec B608
    union = " UNION ALL ".join(parts)
    sample = f"WITH {', '.join(named)} SELECT * FROM ({union}) AS sample"  # nosec B608
    return f"{sample} LIMIT {SAMPLE_SIZE + 1}", params


def _newest_first(documents):
    """SQL and parameters of the ids of the first SAMPLE_SIZE + 1 `documents` in sample order."""
    ids = documents.order_by("sample_order", "pk").values("pk")[: SAMPLE_SIZE + 1]
    return ids.query.sql_with_params()


def _sqlite_tier(query):
    """0 for a document whose names hold every word and CJK run of `query`, 1 for the rest.

    SQLite's counterpart of the parts of `_sample_postgresql`: what is sampled first.
    """
    in_names = _starting_all("name_key", query.words) & _contains_all(
        "cjk_name_key", query.cjk_keys
    )
    return Case(When(in_names, then=Value(0)), default=Value(1))


def ranked(documents, query):
    """`documents` best first for `query`, then newest, then by title.

    The best: on PostgreSQL by `SearchRank` (weights A to C) plus the trigram
    word similarity of the names, so a title match beats a body match and an
    exact name a fuzzy one; on SQLite an exact name, then names with a word
    starting as each word, then the rest. A CJK run in the title counts as a name match.
    """
    rank = Value(0.0)
    if query.words and _postgresql():
        rank = SearchRank(F("vector"), _tsquery(query)) + TrigramWordSimilarity(
            query.key, "name_key"
        )
    elif query.words:
        rank = Case(
            When(name_key=query.key, then=Value(2.0)),
            When(_starting_all("name_key", query.words), then=Value(1.0)),
            default=Value(0.0),
        )
    if query.cjk:
        in_title = Case(
            When(_contains_all("cjk_name_key", query.cjk_keys), then=Value(1.0)),
            default=Value(0.0),
        )
        rank = rank + in_title
    return documents.annotate(rank=ExpressionWrapper(rank, output_field=FloatField())).order_by(
        "-rank", F("date").desc(nulls_last=True), "title", "pk"
    )


@dataclass
class Found:
    """A search's sample, best first, with its facets.

    `hits` are rows (not models: most are only counted) with the documents'
    `pk`, `kind`, `date` and `tags_json` (`Document.tag_labels` as text), for
    `page_of`; `total` their number; `more` whether the sample was full, so
    that more documents match than were ranked and counted.
    """

    hits: list
    facets: list
    total: int
    more: bool


def search(query, filters):
    """The documents matching `query` and `filters`: at most SAMPLE_SIZE, best first, in one query.

    Matching documents are first taken in an order the indexes give cheaply
    (name and title matches first, then the newest, by `Document.sample_order`:
    `_sample_postgresql`, `_sqlite_tier`); only SAMPLE_SIZE of them are ranked
    (`ranked`) and counted for the facets (`sample_facets`). When more match,
    `Found.more` says so and the counts are lower bounds. Nothing matching:
    no hits, empty facets.
    """
    if _postgresql():
        # SQL compiled by the ORM, with the query's text as parameters.
        sample = RawSQL(*_sample_postgresql(query, filters))  # nosec B611
    else:
        matches = filter_documents(Document.objects.visible(), query, filters)
        sample = (
            matches.annotate(tier=_sqlite_tier(query))
            .order_by("tier", "sample_order", "pk")
            .values("pk")[: SAMPLE_SIZE + 1]
        )
    hits = list(
        ranked(Document.objects.filter(pk__in=sample), query)
        # As text, parsed while counting (`sample_facets`): parsed with the rows,
        # the lists of 201 rows lived through the request, and each search set
        # off more of the garbage collector's passes, some of them full ones.
        .annotate(tags_json=Cast("tag_labels", TextField()))
        .values_list("pk", "kind", "date", "tags_json", named=True)
    )
    more = len(hits) > SAMPLE_SIZE
    hits = hits[:SAMPLE_SIZE]
    return Found(hits, sample_facets(hits, filters, more), len(hits), more)


def sample_facets(hits, filters, more=False):
    """The type, year and tag facets counted over `hits` (no query).

    Types in the order of `Document.Kind`; years newest first; tags the 15
    most frequent, selected ones first, then by name. With `more`, every count
    is a lower bound (`Option.more`).
    """
    kinds = Counter(hit.kind for hit in hits)
    years = Counter(hit.date.year for hit in hits if hit.date)
    tags, names = Counter(), {}
    for hit in hits:
        for slug, name in json.loads(hit.tags_json):
            tags[slug] += 1
            names[slug] = name
    chosen_kind, chosen_year = filters.get("type"), filters.get("year")
    chosen_tags = filters.get("tag", [])
    top_tags = sorted(tags, key=lambda slug: (slug not in chosen_tags, -tags[slug], names[slug]))
    return [
        Facet(
            "type",
            _("Type"),
            [
                Option(kind, label, kinds[kind], kind == chosen_kind, more)
                for kind, label in Kind.choices
                if kind in kinds
            ],
        ),
        Facet(
            "year",
            _("Year"),
            [
                Option(str(y), str(y), years[y], y == chosen_year, more)
                for y in sorted(years, reverse=True)
            ],
        ),
        Facet(
            "tag",
            _("Tags"),
            [
                Option(slug, names[slug], tags[slug], slug in chosen_tags, more)
                for slug in top_tags[:FACET_SIZE]
            ],
            multiple=True,
        ),
    ]


def page_of(hits):
    """`hits` (from `search`) as full documents for display, in their order; one query."""
    documents = Document.objects.only("kind", "title", "url", "date", "b_text", "c_text")
    by_pk = documents.in_bulk([hit.pk for hit in hits])
    return [by_pk[hit.pk] for hit in hits if hit.pk in by_pk]


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
    """Up to `limit` visible people, organisations, tags and events with names starting as `query`.

    Every word of the query must start a word of the names (in any script, by
    `search_key`); no typo tolerance, which is for the search page. Best name
    match first, then by title. One query; on PostgreSQL the names' word
    indexes find the prefixes, and of the events matching only the first
    SUGGESTED_EVENTS_RANKED by name are ranked: where more match, those left
    out are mostly as near the prefix as those ranked, and would come after
    them by title.
    """
    documents = Document.objects.visible()
    if not _postgresql():
        documents = documents.filter(kind__in=SUGGESTED_KINDS).filter(name_match(query))
    else:
        matches = _starting_as(documents, query).order_by().values("pk")
        names, names_params = matches.filter(kind__in=NAME_KINDS).query.sql_with_params()
        events = matches.filter(kind=Kind.EVENT).order_by("name_key")[:SUGGESTED_EVENTS_RANKED]
        events, events_params = events.query.sql_with_params()
        # Compiled by the ORM, with the query's text as parameters; joined here
        # rather than by `union()`, whose use as a subquery cost more than the rest.
        candidates = RawSQL(f"({names}) UNION ALL ({events})", names_params + events_params)  # nosec B611
        documents = Document.objects.filter(pk__in=candidates)
    return list(_by_name(documents, query).only("kind", "title", "url")[:limit])


def _starting_as(documents, query):
    """`documents` with a word of their names starting as each word of `query` (PostgreSQL).

    CJK runs must occur in the names as written, served by the vector's pairs.
    """
    if query.words:
        prefixes = SearchQuery(query.prefix_tsquery, config="simple", search_type="raw")
        documents = documents.alias(words=NAME_WORDS).filter(words=prefixes)
    if query.cjk:
        documents = documents.filter(
            _contains_all("cjk_name_key", query.cjk_keys), vector=_cjk_tsquery(query)
        )
    return documents


def closest_names(query, limit=6):
    """Up to `limit` visible people, organisations and tags with names near `query`, closest first.

    For a search that found nothing. On PostgreSQL, names similar to any word
    of the query (trigram word similarity, at the threshold set in settings);
    on SQLite, names containing any word of the query. One query.
    """
    if not query.words:
        return []
    documents = Document.objects.visible().filter(kind__in=NAME_KINDS)
    if _postgresql():
        # Names near any one word of the query, by the trigram index (`%>`, at the
        # threshold set in settings), closest to the whole query first.
        near = Q(*[Q(name_key__trigram_word_similar=word) for word in query.words], _connector=Q.OR)
        documents = _by_name(documents.filter(near), query)
    else:
        any_word = Q(*[Q(name_key__contains=word) for word in query.words], _connector=Q.OR)
        documents = _by_name(documents.filter(any_word), query)
    return list(documents.only("kind", "title", "url")[:limit])
