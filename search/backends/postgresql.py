"""Search on PostgreSQL: full-text vectors, trigrams and the index-served sample.

A document matches by its weighted vector, or (people, organisations and tags
only) by its names with typo tolerance. Words excluded with "-" must not match
the vector, stemmed, however the document matched.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import BooleanField, F, Func, Q
from django.db.models.expressions import RawSQL

from search.backends.base import (
    MIN_TYPO,
    NAME_KINDS,
    BaseBackend,
    Kind,
    contains_all,
    searched,
)
from search.models import NAME_WORDS, TITLE_WORDS, Document

# A trigram index cannot serve a shorter substring: such words are left to full text.
MIN_SUBSTRING = 3


class _NearWord(Func):
    """Whether a word of the key `expression` starts as `word` or is it mistyped.

    Mistyped: `word` has MIN_TYPO letters or more, lengths differ by at most two,
    at most one edit per three letters of the longer ("Norv": "Norov").
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
        # `key` is compiled by the ORM, the condition fixed text, the word a parameter.
        sql = (
            f"EXISTS (SELECT FROM unnest(string_to_array({key}, ' ')) AS name(word)"  # nosec B608
            f" WHERE {condition})"
        )
        return sql, [*params, *condition_params]


def _tsquery(query):
    """The query's tsquery: stemmed as English or Russian, or in Latin letters (`latin_key`)."""
    tsquery = _stemmed(query.rest)
    if query.rest_in_latin:
        tsquery |= SearchQuery(query.rest_in_latin, config="english", search_type="websearch")
    return tsquery


def _stemmed(text):
    """`text` in websearch syntax, as a tsquery stemmed as English or as Russian."""
    return SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
        text, config="russian", search_type="websearch"
    )


def _cjk_tsquery(query):
    return SearchQuery(query.cjk_tsquery, config="simple", search_type="raw")


def _starting_as(documents, query):
    """`documents` with a word of their names starting as each word, holding each CJK run."""
    if query.words:
        prefixes = SearchQuery(query.prefix_tsquery, config="simple", search_type="raw")
        documents = documents.alias(words=NAME_WORDS).filter(words=prefixes)
    if query.cjk:
        documents = documents.filter(
            contains_all("cjk_name_key", query.cjk_keys), vector=_cjk_tsquery(query)
        )
    return documents


class PostgreSQLBackend(BaseBackend):
    """Ranked by `SearchRank` (weights A to C) plus the trigram word similarity of the names."""

    near_word_lookup = "trigram_word_similar"  # threshold in settings
    # A short prefix starts a word of thousands of event titles: only this many
    # are ranked for suggestions. Names are fewer, and all ranked.
    suggested_events_ranked = 100

    def _words_match(self, query):
        return Q(vector=_tsquery(query)) | self._name_kinds_match(query)

    def _name_kinds_match(self, query):
        return Q(kind__in=NAME_KINDS) & self._name_match(query)

    def _cjk_match(self, query):
        """The runs' pairs of characters in the vector: exact, and served by its index."""
        return Q(vector=_cjk_tsquery(query))

    def _name_word_conditions(self, query):
        """Each word of `query` starts a word of the names or is one mistyped (`_NearWord`).

        Candidates come from the names' trigram index. A name matching only some
        words ("Igor Petrov" for "Igor Ivanov") does not match.
        """
        similar = Q(name_key__trigram_word_similar=query.key)
        short = any(len(word) < MIN_SUBSTRING for word in query.words)
        candidates = similar if short else similar | contains_all("name_key", query.words)
        return [candidates, *(_NearWord(F("name_key"), word) for word in query.words)]

    def _without_excluded_words(self, documents, query):
        documents = super()._without_excluded_words(documents, query)
        if query.excluded:
            # Stemmed too, also out of names matched by trigrams and titles sampled
            # by their own index.
            any_excluded = " or ".join(query.excluded_text.split())
            documents = documents.exclude(vector=_stemmed(any_excluded))
        return documents

    def _word_rank(self, query):
        return SearchRank(F("vector"), _tsquery(query)) + TrigramWordSimilarity(
            query.key, "name_key"
        )

    def _sample(self, query, filters):
        # Compiled by the ORM; the query's text is in the parameters.
        return RawSQL(*self._sample_sql(query, filters))  # nosec B611

    def _sample_sql(self, query, filters):
        """SQL and parameters selecting the ids of up to `sample_size` + 1 matching documents.

        Disjoint parts in `sample_order`, each an index scan, taken in turn until
        the sample is full (later parts then do not run): names that match, other
        titles that match, any other match. For CJK runs alone: titles, the rest.
        """
        # For CJK runs alone each part matches the runs its own way, so that the
        # title part reads no vector.
        base = self._narrowed(searched(), query, filters, match_cjk=bool(query.words))
        tsquery = _tsquery(query) if query.words else _cjk_tsquery(query)
        titles = base.alias(title_words=TITLE_WORDS).filter(title_words=tsquery)
        if query.words:
            by_name = base.filter(self._name_kinds_match(query))
            firsts = [by_name, titles.exclude(kind__in=NAME_KINDS)]
        else:
            firsts = [titles]
        rest = base.filter(vector=tsquery)
        names = [f"part_{n}" for n in range(len(firsts))]
        for name in names:
            rest = rest.exclude(pk__in=RawSQL(f"SELECT pk FROM {name}", []))  # nosec B608 B611
        named, params = [], []
        for name, first in zip(names, firsts, strict=True):
            sql, first_params = self._newest_first(first)
            named.append(f"{name} AS MATERIALIZED ({sql})")
            params.extend(first_params)
        sql, rest_params = self._newest_first(rest)
        params.extend(rest_params)
        # Compiled by the ORM (the query's text in the parameters), and part_N names.
        parts = [f"SELECT pk FROM {name}" for name in names]  # nosec B608
        parts.append(f"SELECT * FROM ({sql}) AS rest")  # nosec B608
        union = " UNION ALL ".join(parts)
        sample = f"WITH {', '.join(named)} SELECT * FROM ({union}) AS sample"  # nosec B608
        return f"{sample} LIMIT {self.sample_size + 1}", params

    def _newest_first(self, documents):
        """SQL and parameters: ids of the first `sample_size` + 1 `documents` in sample order."""
        ids = documents.order_by("sample_order", "pk").values("pk")[: self.sample_size + 1]
        return ids.query.sql_with_params()

    def _suggested(self, query):
        """Names and the first `suggested_events_ranked` events with words starting as `query`'s."""
        matches = _starting_as(searched(), query).order_by().values("pk")
        names, names_params = matches.filter(kind__in=NAME_KINDS).query.sql_with_params()
        events = matches.filter(kind=Kind.EVENT).order_by("name_key")
        events = events[: self.suggested_events_ranked]
        events, events_params = events.query.sql_with_params()
        # Compiled by the ORM (the query's text in the parameters). Not `union()`:
        # as a subquery it costs more than all the rest.
        candidates = RawSQL(f"({names}) UNION ALL ({events})", names_params + events_params)  # nosec B611
        return Document.objects.filter(pk__in=candidates)

    def _by_name(self, documents, query):
        return documents.annotate(similarity=TrigramWordSimilarity(query.key, "name_key")).order_by(
            "-similarity", "title", "pk"
        )
