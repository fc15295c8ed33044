"""The search engines behind one interface, chosen once from the database vendor.

`postgresql.PostgreSQLBackend`: ranked full-text search, typo-tolerant names.
`sqlite.SQLiteBackend`: word-prefix matching in the ORM alone, for SQLite and
any other database. Only `Document.objects.visible()` is found, suggested or
counted, and only the documents of the reader's language
(`languages.reader_language()`, the page's): its results are in that language,
their addresses under its prefix.
"""

import abc
import functools

from django.db import connection
from django.utils.module_loading import import_string

_BACKENDS = {"postgresql": "search.backends.postgresql.PostgreSQLBackend"}
_PORTABLE = "search.backends.sqlite.SQLiteBackend"


class SearchBackend(abc.ABC):
    """What the search page, the suggestions and the API's text filter ask of an engine.

    A `query` is a `search.text.Query`, never empty (callers check it first).
    """

    @abc.abstractmethod
    def search(self, query, filters):
        """The documents matching `query` and the search form's `filters`, as a `base.Found`.

        A sample of at most `sample_size` matches, taken in `Document.sample_order`,
        ranked best first (relevance, newest, title), with the type, year and tag
        facets counted over it. When more match, `Found.more` is set and every
        count is a lower bound. Nothing matching: no hits, empty facets. One query.
        """

    @abc.abstractmethod
    def suggestions(self, query, limit=8):
        """Up to `limit` visible people, organisations, tags and events named starting as `query`.

        Every word must start a word of the names (by `search_key`) and every CJK
        run occur in them; no typo tolerance. Best name match first, then by
        title. Nothing matching: an empty list. One query.
        """

    @abc.abstractmethod
    def closest_names(self, query, limit=6):
        """Up to `limit` visible people, organisations and tags with names near a word of `query`.

        Closest to the whole query first, then by title. A query without words
        (Chinese only): an empty list, no query. Otherwise one query.
        """

    @abc.abstractmethod
    def matching(self, records, kind, text):
        """`records` (of `kind`) narrowed to those the search finds for `text`, visible ones only.

        A queryset in the order of `records`, narrowed by a subquery (no query of
        its own). A text with nothing to match (empty, punctuation): `records`.
        """

    @abc.abstractmethod
    def named(self, records, kind, text):
        """`records` (people, organisations or tags: `kind`) whose names match `text`.

        For staff, so visible or not (a tag of drafts only). Names match as the
        search matches them: every word of `text` starts a word of the record's
        names or alternative names, in any script (`search_key`), or is one of
        them mistyped (at most one edit per three letters, words of four letters
        or more); every CJK run occurs in them. A queryset in the order of
        `records`; at most one query of its own. Nothing to match: none.
        """


def backend():
    """The search backend of the default database: the same object on every call."""
    return backend_for(connection.vendor)


@functools.cache
def backend_for(vendor):
    """The search backend for databases of `vendor` (`connection.vendor`), made once."""
    return import_string(_BACKENDS.get(vendor, _PORTABLE))()
