"""Search in the ORM alone: SQLite, the development database, and any other.

A document matches when every word of the query's key starts a word of its
`content_key`; no stemming, relevance ranking or typo tolerance.
"""

from django.db.models import Case, Value, When

from search.backends.base import SUGGESTED_KINDS, BaseBackend, contains_all, starting_all
from search.models import Document


class SQLiteBackend(BaseBackend):
    """Ranked: an exact name, then names with a word starting as each word, then the rest."""

    near_word_lookup = "contains"

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
        matches = self._filtered(Document.objects.visible(), query, filters)
        tier = Case(When(self._name_match(query), then=Value(0)), default=Value(1))
        ordered = matches.annotate(tier=tier).order_by("tier", "sample_order", "pk")
        return ordered.values("pk")[: self.sample_size + 1]

    def _suggested(self, query):
        documents = Document.objects.visible().filter(kind__in=SUGGESTED_KINDS)
        return documents.filter(self._name_match(query))

    def _by_name(self, documents, query):
        return documents.annotate(
            exact=Case(When(name_key=query.key, then=Value(0)), default=Value(1))
        ).order_by("exact", "title", "pk")
