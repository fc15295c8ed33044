"""What only PostgreSQL provides: stemming, websearch syntax, typo tolerance, GIN indexes."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import now

from search.backends.postgresql import PostgreSQLBackend
from search.management.commands import search_benchmark
from search.models import Document, DocumentTag
from search.selectors import suggestions
from search.text import Query
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

URL = "/en/search/"


def found(response):
    return [(result.kind, result.title) for result in response.context["results"]]


def test_the_vector_and_trigram_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [Document._meta.db_table],
        )
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)

    assert "USING gin (vector)" in indexes["search_document_vector_idx"]
    assert "gin_trgm_ops" in indexes["search_document_name_idx"]


def _add_other_documents_and_analyze(number, kinds=("person",)):
    other = {"title": "x", "url": "/", "content_key": "", "public_from": now()}
    Document.objects.bulk_create(
        Document(kind=kind, object_id=-n, language="en", name_key=f"other {n}", **other)
        for kind in kinds
        for n in range(1, number + 1)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Document._meta.db_table}")


def test_names_keep_too_few_statistics_for_the_trigram_estimate():
    # PostgreSQL estimates `%>` (name_match) by applying it to each value it
    # sampled of the column, at every planning: about 1 ms per use with the
    # default statistics. With fewer than 10 it takes its default estimate.
    _add_other_documents_and_analyze(2000)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_length(histogram_bounds::text::text[], 1),"
            " array_length(most_common_vals::text::text[], 1)"
            " FROM pg_stats WHERE tablename = %s AND attname = 'name_key'",
            [Document._meta.db_table],
        )
        histogram, common = cursor.fetchone()

    assert histogram < 10
    assert (common or 0) < 10


def test_suggestions_are_served_by_the_names_and_events_word_indexes(indexed):
    # The indexes are partial: the query's conditions must imply the indexes'.
    with indexed():
        factories.PersonFactory(name="Vladimir Norov")
        factories.EventFactory(title="Norov in Kunming")
    # Many other people and events, so that the planner prefers an index to reading the table.
    _add_other_documents_and_analyze(2000, kinds=["person", "event"])
    with CaptureQueriesContext(connection) as captured:
        assert [d.title for d in suggestions(Query.parse("Nor"))] == [
            "Norov in Kunming",
            "Vladimir Norov",
        ]

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {captured.captured_queries[0]['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_name_words_idx" in plan
    assert "search_event_words_idx" in plan


def test_suggestions_rank_every_name_but_only_the_first_events_by_name(indexed, monkeypatch):
    monkeypatch.setattr(PostgreSQLBackend, "suggested_events_ranked", 2)
    with indexed():
        for n in range(4):
            factories.EventFactory(title=f"Tapir meeting {n}")
        for n in range(4):
            factories.PersonFactory(name=f"Tapir Person {n}")
        factories.EventFactory(title="Tapir")  # the last written, the first by name

    titles = [d.title for d in suggestions(Query.parse("tapir"))]

    assert sorted(titles) == sorted(
        ["Tapir", "Tapir meeting 0", *(f"Tapir Person {n}" for n in range(4))]
    )


def test_english_and_russian_words_match_by_stem(client, indexed):
    with indexed():
        factories.EventFactory(title="Educational exchanges", summary="", body="")
        factories.EventFactory(title="Форум профессионального образования", summary="", body="")
        factories.EventFactory(title="Trade fair", summary="", body="")

    assert found(client.get(URL, {"q": "education"})) == [("event", "Educational exchanges")]
    assert found(client.get(URL, {"q": "образование"})) == [
        ("event", "Форум профессионального образования")
    ]


def test_websearch_phrase_exclusion_and_or(client, indexed):
    with indexed():
        factories.EventFactory(title="Digital economy forum", summary="", body="")
        factories.EventFactory(title="Economy of digital media", summary="", body="")
        factories.EventFactory(title="Tourism meeting", summary="", body="")

    assert found(client.get(URL, {"q": '"digital economy"'})) == [
        ("event", "Digital economy forum")
    ]
    assert found(client.get(URL, {"q": "digital -media"})) == [("event", "Digital economy forum")]
    assert sorted(found(client.get(URL, {"q": "forum or tourism"}))) == [
        ("event", "Digital economy forum"),
        ("event", "Tourism meeting"),
    ]


def test_an_excluded_word_leaves_out_its_other_forms_however_the_document_matched(client, indexed):
    # Each is sampled by another part: a name by trigrams, a title by the
    # titles' index, a body by the whole vector.
    with indexed():
        factories.OrganisationFactory(name="Youth Student Council", description="")
        factories.OrganisationFactory(name="Youth Council", description="")
        factories.EventFactory(title="Youth forum", summary="", body="A student exchange.")
        factories.EventFactory(title="Youth camp", summary="", body="Hiking.")
        factories.EventFactory(title="Meeting", summary="", body="Youth and student exchanges.")
        factories.EventFactory(title="Сессия", summary="", body="Молодёжь и студенты.")

    for query in ["youth -students", 'youth -"students"', "youth --students", "youth -x -student"]:
        assert sorted(found(client.get(URL, {"q": query}))) == [
            ("event", "Youth camp"),
            ("organisation", "Youth Council"),
        ], query
    assert found(client.get(URL, {"q": "молодёжь -студент"})) == []


def test_typos_and_other_spellings_find_the_person_exact_first(client, indexed):
    with indexed():
        factories.PersonFactory(name="Vladimir Norov", bio="")
        factories.PersonFactory(name="Boris Norrov", bio="")
        factories.PersonFactory(name="Kairat Ermekbaev", bio="")
        factories.PersonFactory(name="Someone Different", bio="")

    # "Norv" is as near to "Norov" as to "Norrov": both, then by name.
    assert found(client.get(URL, {"q": "Norv"})) == [
        ("person", "Boris Norrov"),
        ("person", "Vladimir Norov"),
    ]
    assert found(client.get(URL, {"q": "Norov"})) == [
        ("person", "Vladimir Norov"),
        ("person", "Boris Norrov"),
    ]
    assert found(client.get(URL, {"q": "Norrov"})) == [
        ("person", "Boris Norrov"),
        ("person", "Vladimir Norov"),
    ]
    assert found(client.get(URL, {"q": "Yermekbayev"})) == [("person", "Kairat Ermekbaev")]


def test_summary_ranks_above_body(client, indexed):
    with indexed():
        factories.EventFactory(title="Meeting one", summary="", body="Talks on falconry.")
        factories.EventFactory(title="Meeting two", summary="Talks on falconry.", body="")

    assert found(client.get(URL, {"q": "falconry"})) == [
        ("event", "Meeting two"),
        ("event", "Meeting one"),
    ]


def test_a_chinese_word_is_found_after_a_long_body(client, indexed):
    # PostgreSQL keeps no word position beyond 16,383: 9,000 English words, as
    # English and as Russian, come to 18,000 positions.
    with indexed():
        long = " ".join(f"word{n}" for n in range(9000))
        factories.EventFactory(title="数字经济论坛 long", summary="", body=long)
        factories.EventFactory(title="数字经济论坛 short", summary="", body="Short.")
        factories.EventFactory(title="经济数字 reversed", summary="", body=long)

    assert sorted(found(client.get(URL, {"q": "数字经济"}))) == [
        ("event", "数字经济论坛 long"),
        ("event", "数字经济论坛 short"),
    ]


def test_tsquery_syntax_is_taken_as_text(client, indexed):
    with indexed():
        factories.EventFactory(title="Norov visit", summary="", body="")

    for query in ["norov:*", "norov & !visit", "(norov", "norov' | '"]:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, query
        assert ("event", "Norov visit") in found(response), query


@pytest.mark.django_db(transaction=True)
def test_search_reindex_vacuums_the_index_tables():
    factories.EventFactory(title="Vacuumed osprey")

    call_command("search_reindex", stdout=io.StringIO())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables"
            " WHERE relname IN (%s, %s) AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL",
            [Document._meta.db_table, DocumentTag._meta.db_table],
        )
        vacuumed = sorted(row[0] for row in cursor.fetchall())
    assert vacuumed == sorted([Document._meta.db_table, DocumentTag._meta.db_table])


@pytest.mark.django_db(transaction=True)  # committed, for the command's client processes
def test_search_benchmark_reports_each_query_type_at_a_fixed_number_of_queries():
    for n in range(3):
        factories.PersonFactory(name=f"Vladimir Norov {n}")
        factories.OrganisationFactory(name=f"Youth Education Centre {n}")
        factories.EventFactory(title=f"Youth education forum {n}", tags=["security"])
    # Every Chinese query finds something: one that finds nothing costs one query
    # less, having no words for the closest names (search.views.SearchView).
    factories.EventFactory(title="".join(search_benchmark.CHINESE))
    out = io.StringIO()

    call_command("search_benchmark", "--requests", "14", "--clients", "2", stdout=out)

    rows = {
        tuple(line.split()[:2]): line
        for line in out.getvalue().splitlines()
        if line.startswith(("search ", "suggest "))
    }
    assert set(rows) == {("search", kind) for kind in [*search_benchmark.TYPES, "all"]} | {
        ("suggest", "prefix"),
        ("suggest", "all"),
    }
    # One number, not a range: every search costs the same, whatever it finds.
    assert rows[("search", "all")].endswith("queries/request 2")
    assert rows[("suggest", "all")].endswith("queries/request 1")
    assert " n=  14 " in rows[("search", "all")] and " n=  14 " in rows[("suggest", "all")]


@pytest.mark.django_db(transaction=True)  # committed, for the command's client processes
def test_search_benchmark_stops_with_the_error_of_a_failing_request(monkeypatch):
    factories.PersonFactory(name="Vladimir Norov")

    def broken(*args, **kwargs):
        raise RuntimeError("the search failed")

    monkeypatch.setattr("search.views.search", broken)  # inherited by the forked clients

    with pytest.raises(RuntimeError, match="the search failed"):
        call_command("search_benchmark", "--requests", "2", "--clients", "2", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)  # committed, for the command's client processes
def test_search_benchmark_measures_the_pages_of_one_language():
    for n in range(3):
        factories.PersonFactory(name=f"Vladimir Norov {n}", name_ru=f"Владимир Норов {n}")
        factories.EventFactory(title=f"Youth forum {n}", title_ru=f"Молодёжный форум {n}")
    factories.EventFactory(title="".join(search_benchmark.CHINESE))
    out = io.StringIO()

    call_command(
        "search_benchmark", "--requests", "7", "--clients", "1", "--language", "ru", stdout=out
    )

    # Three people and four events, in Russian.
    assert out.getvalue().startswith("7 documents in ru; 1 client processes; postgresql\n")
    rows = [line for line in out.getvalue().splitlines() if " all " in line]
    assert [row.split()[0] for row in rows] == ["search", "suggest"]
    assert rows[0].endswith("queries/request 2") and rows[1].endswith("queries/request 1")
