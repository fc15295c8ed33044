"""Search in the ORM alone: SQLite, the development database, and any other.

A document matches when every word of the query's key starts a word of its
`content_key`; no stemming, relevance ranking or typo tolerance.
"""

from django.db.models import Case, Value, When

from search.backends.base import (
    SUGGESTED_KINDS,
    BaseBackend,
    contains_all,
    near_word,
    searched,
    starting_all,
)
from search.models import Document
from search.text import Query


class SQLiteBackend(BaseBackend):
    """Ranked: an exact name, then names with a word starting as each word, then the rest."""

    near_word_lookup = "contains"

    def named(self, records, kind, text):
        """Read in Python, for the typos SQL cannot measure: every name of `kind`, one query.

        For staff, on the development database: fewer names than a page of search.
        """
        query = Query.parse(text)
        if not query:
            return records.none()
        names = (
            Document.objects.in_language()
            .filter(kind=kind)
            .values_list("object_id", "name_key", "cjk_name_key")
        )
        pks = [
            pk
            for pk, name_key, cjk_name_key in names
            if all(run in cjk_name_key for run in query.cjk_keys)
            and all(any(near_word(word, name) for name in name_key.split()) for word in query.words)
        ]
        return records.filter(pk__in=pks)

    def _words_match(self, query):
        return starting_all("content_key", query.words)

    def _cjk_match(self, query):
        """The runs in `cjk_key`."""
        return contains_all("cjk_key", query.cjk_keys)

    def _name_word_conditions(self, query):
        return [starting_all("name_key", query.words)]

    def _word_rank(self, query):
        return Case(
            When(name_key=query.key, then=Value(2.0)),
            When(starting_all("name_key", query.words), then=Value(1.0)),
            default=Value(0.0),
        )

    def _sample(self, query, filters):
        """Documents whose names hold every word and CJK run of `query` first, then newest."""
        matches = self._filtered(searched(), query, filters)
        tier = Case(When(self._name_match(query), then=Value(0)), default=Value(1))
        ordered = matches.annotate(tier=tier).order_by("tier", "sample_order", "pk")
        return ordered.values("pk")[: self.sample_size + 1]

    def _suggested(self, query):
        documents = searched().filter(kind__in=SUGGESTED_KINDS)
        return documents.filter(self._name_match(query))

    def _by_name(self, documents, query):
        return documents.annotate(
            exact=Case(When(name_key=query.key, then=Value(0)), default=Value(1))
        ).order_by("exact", "title", "pk")
