"""What the search backends share: the result, its facets, and the matching both do alike.

`BaseBackend` implements `SearchBackend` once; an engine's subclass supplies
its SQL through the abstract methods this one leaves to it.
"""

import abc
import json
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, ExpressionWrapper, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

from search.backends import SearchBackend
from search.models import Document
from search.text import Query
from secretariat.filters import Facet, Option, with_all_tags

Kind = Document.Kind
FACET_SIZE = 15
NAME_KINDS = [Kind.PERSON, Kind.ORGANISATION, Kind.TAG]
SUGGESTED_KINDS = [Kind.PERSON, Kind.ORGANISATION, Kind.TAG, Kind.EVENT]
# What suggestions and the closest names show of a document.
SHOWN_NAME_FIELDS = ["kind", "title", "url", "title_language"]
# Shorter words are never taken as mistyped: one edit makes too many other words.
MIN_TYPO = 4
# `content_key` (words separated by single spaces) with a space at each end, so
# that " word " occurs in it exactly when the word is one of its words.
_PADDED_KEY = Concat(Value(" "), "content_key", Value(" "), output_field=TextField())


def searched():
    """The documents a visitor's search reads: visible, in the reader's language."""
    return Document.objects.visible().in_language()


def contains_all(field, words):
    return Q(*[Q(**{f"{field}__contains": word}) for word in words])


def starting_all(field, words):
    """Every one of `words` starts a word of `field`, a key (words separated by single spaces)."""
    padded = Concat(Value(" "), field, output_field=TextField())
    return Q(*[Contains(padded, f" {word}") for word in words])


def edit_distance(a, b):
    """The Levenshtein distance between `a` and `b`: insertions, deletions, substitutions."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def near_word(word, name_word):
    """Whether `name_word` starts as `word` or is it mistyped: `_NearWord` (PostgreSQL) in Python.

    Mistyped: `word` has MIN_TYPO letters or more, lengths differ by at most two,
    at most one edit per three letters of the longer ("norv": "norov").
    """
    if name_word.startswith(word):
        return True
    if len(word) < MIN_TYPO or abs(len(name_word) - len(word)) > 2:
        return False
    return edit_distance(word, name_word) <= max(len(word), len(name_word)) // 3


@dataclass
class Found:
    """A search's sample, best first, with its facets.

    `hits` are rows with `pk`, `kind`, `date` and `tags_json` (`Document.tag_labels`
    as text), for `search.selectors.page_of`; `total` their number; `more`
    whether more documents match than were ranked and counted.
    """

    hits: list
    facets: list
    total: int
    more: bool


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


class BaseBackend(SearchBackend):
    # How many matching documents a search ranks and counts: ranking is what costs,
    # and a visitor reads the first pages. More matches are reported as "more than".
    sample_size = 200
    # Each engine's lookup for `closest_names`: a name near one word of the query.
    near_word_lookup = None

    def search(self, query, filters):
        sample = self._sample(query, filters)
        hits = list(
            self._ranked(Document.objects.filter(pk__in=sample), query)
            # As text, parsed while counting: parsed lists kept for the request
            # would set off more garbage-collector passes.
            .annotate(tags_json=Cast("tag_labels", TextField()))
            .values_list("pk", "kind", "date", "tags_json", named=True)
        )
        more = len(hits) > self.sample_size
        hits = hits[: self.sample_size]
        return Found(hits, sample_facets(hits, filters, more), len(hits), more)

    def suggestions(self, query, limit=8):
        documents = self._by_name(self._suggested(query), query)
        return list(documents.only(*SHOWN_NAME_FIELDS)[:limit])

    def closest_names(self, query, limit=6):
        if not query.words:
            return []
        lookup = f"name_key__{self.near_word_lookup}"
        near = Q(*[Q(**{lookup: word}) for word in query.words], _connector=Q.OR)
        documents = searched().filter(kind__in=NAME_KINDS).filter(near)
        return list(self._by_name(documents, query).only(*SHOWN_NAME_FIELDS)[:limit])

    def matching(self, records, kind, text):
        query = Query.parse(text)
        if not query:
            return records
        documents = self._filtered(searched().filter(kind=kind), query, {})
        return records.filter(pk__in=documents.values("object_id"))

    def named(self, records, kind, text):
        query = Query.parse(text)
        if not query:
            return records.none()
        # Names are in every script in each language's documents: one language suffices.
        documents = Document.objects.in_language().filter(kind=kind).filter(self._name_match(query))
        return records.filter(pk__in=documents.values("object_id"))

    def _filtered(self, documents, query, filters):
        """`documents` narrowed to those matching `query` and the search form's `filters`."""
        if query.words:
            documents = documents.filter(self._words_match(query))
        return self._narrowed(documents, query, filters)

    def _narrowed(self, documents, query, filters, match_cjk=True):
        """`documents` narrowed by all but `query.words`: excluded words, CJK runs, `filters`.

        Without `match_cjk`, not by the CJK runs: the caller matches them itself.
        """
        documents = self._without_excluded_words(documents, query)
        for run_key in query.excluded_cjk_keys:
            # `cjk_key` on every engine: exact, and an exclusion uses no index.
            documents = documents.exclude(cjk_key__contains=run_key)
        if query.cjk and match_cjk:
            documents = documents.filter(self._cjk_match(query))
        if kind := filters.get("type"):
            documents = documents.filter(kind=kind)
        if year := filters.get("year"):
            documents = documents.filter(date__year=year)
        if tags := filters.get("tag"):
            documents = with_all_tags(documents, tags, through=Document.tags.through)
        return documents

    def _without_excluded_words(self, documents, query):
        """`documents` without those with a word excluded by "-" among the words of their key."""
        if query.excluded:
            documents = documents.alias(padded_key=_PADDED_KEY)
        for word in query.excluded:
            documents = documents.exclude(padded_key__contains=f" {word} ")
        return documents

    def _name_match(self, query):
        """A condition: the names match every word (`_name_word_conditions`) and CJK run."""
        conditions = [contains_all("cjk_name_key", query.cjk_keys)]
        if query.words:
            conditions += self._name_word_conditions(query)
        return Q(*conditions)

    def _ranked(self, documents, query):
        """`documents` best first for `query` (`_word_rank`), then newest, then by title.

        A CJK run in the title counts as a name match.
        """
        rank = self._word_rank(query) if query.words else Value(0.0)
        if query.cjk:
            in_title = Case(
                When(contains_all("cjk_name_key", query.cjk_keys), then=Value(1.0)),
                default=Value(0.0),
            )
            rank = rank + in_title
        return documents.annotate(rank=ExpressionWrapper(rank, output_field=FloatField())).order_by(
            "-rank", F("date").desc(nulls_last=True), "title", "pk"
        )

    @abc.abstractmethod
    def _sample(self, query, filters):
        """A subquery: ids of up to `sample_size` + 1 matches to rank: names, titles, newest."""

    @abc.abstractmethod
    def _words_match(self, query):
        """A condition: the document matches the words of `query` (it has some)."""

    @abc.abstractmethod
    def _cjk_match(self, query):
        """A condition: every CJK run of `query` occurs in the document's text."""

    @abc.abstractmethod
    def _name_word_conditions(self, query):
        """Conditions that together say the document's names match every word of `query`."""

    @abc.abstractmethod
    def _word_rank(self, query):
        """An expression of how well a document matches the words of `query`: higher is better."""

    @abc.abstractmethod
    def _suggested(self, query):
        """The visible documents to suggest for `query`, in no order."""

    @abc.abstractmethod
    def _by_name(self, documents, query):
        """`documents` ordered by how near their names are to `query`, then by title."""
