"""Reads for the search page, the suggestions and the API's text filter.

Each goes to the backend of the database's engine (`search.backends`), whose
interface, `SearchBackend`, says what it returns.
"""

from search.backends import backend
from search.models import Document


def search(query, filters):
    """`SearchBackend.search`: the ranked sample matching `query` and `filters`, with facets."""
    return backend().search(query, filters)


def suggestions(query, limit=8):
    """`SearchBackend.suggestions`: names and events starting as `query`, best first."""
    return backend().suggestions(query, limit)


def closest_names(query, limit=6):
    """`SearchBackend.closest_names`: names near a word of `query`, closest first."""
    return backend().closest_names(query, limit)


def matching(records, kind, text):
    """`SearchBackend.matching`: `records` narrowed to those the search finds for `text`."""
    return backend().matching(records, kind, text)


def page_of(hits):
    """`hits` (from `search`) as full documents for display, in their order; one query."""
    documents = Document.objects.only(
        "kind", "title", "url", "date", "b_text", "c_text", "title_language", "text_language"
    )
    by_pk = documents.in_bulk([hit.pk for hit in hits])
    return [by_pk[hit.pk] for hit in hits if hit.pk in by_pk]
