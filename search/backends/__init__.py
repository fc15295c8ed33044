"""The search's two engines behind one interface, chosen once from the database vendor.

`postgresql.PostgreSQLBackend` is ranked full-text search: weighted vectors
(English and Russian stemming, websearch syntax, words of other scripts by
their transliteration) and typo-tolerant names by trigrams. `sqlite.SQLiteBackend`,
the embedded default a newcomer runs, matches every word of the query as the
start of a word of the document's search key, in the ORM alone, so any other
database gets it too. What both do alike is `base.BaseBackend`'s.

Everything starts from `Document.objects.visible()`: only published content is
found, suggested or counted.
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

        At most `sample_size` rows, best first (by relevance, then newest, then
        by title), with the type, year and tag facets counted over them. The
        matches are first taken in an order the indexes give cheaply: names,
        then titles, then the newest (`Document.sample_order`); only that
        sample is ranked and counted. When more match, `Found.more` says so
        and every count is a lower bound. Nothing matching: no hits, facets
        without options. One query.
        """

    @abc.abstractmethod
    def suggestions(self, query, limit=8):
        """Up to `limit` visible people, organisations, tags and events named starting as `query`.

        Every word of the query must start a word of the names (in any script,
        by `search_key`) and its CJK runs occur in them; no typo tolerance,
        which is for the search page. The best name match first, then by
        title. Nothing matching: an empty list. One query.
        """

    @abc.abstractmethod
    def closest_names(self, query, limit=6):
        """Up to `limit` visible people, organisations and tags with names near a word of `query`.

        For a search that found nothing: the names closest to the whole query
        first, then by title. A query without words (Chinese only) has none to
        compare: an empty list, and no query. Otherwise one query.
        """

    @abc.abstractmethod
    def matching(self, records, kind, text):
        """`records` (of `kind`) narrowed to those the search finds for `text`, visible ones only.

        The search page's own matching, for lists that take a text filter,
        such as the API's. A queryset in the order of `records`, narrowed by a
        subquery: no query of its own. A text with nothing to match (empty,
        punctuation) leaves `records` as they are.
        """


def backend():
    """The search backend of the default database: the same object on every call."""
    return backend_for(connection.vendor)


@functools.cache
def backend_for(vendor):
    """The search backend for databases of `vendor` (`connection.vendor`), made once."""
    return import_string(_BACKENDS.get(vendor, _PORTABLE))()
