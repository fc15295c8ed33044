import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Quote
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
REPORTED = Quote.Kind.REPORTED


def hidden_quotes(speaker, tags):
    """Quotes by `speaker` carrying `tags` at a draft and at a future-scheduled event."""
    return [
        factories.QuoteFactory(
            event=factories.EventFactory(tags=tags, title=f"Hidden {kind} event", **{kind: True}),
            speaker=speaker,
            tags=tags,
            text=f"Said at a {kind} event",
        )
        for kind in ("draft", "scheduled")
    ]


def assert_hidden_absent(response):
    for kind in ("draft", "scheduled"):
        assert f"Said at a {kind} event" not in response.text
        assert f"Hidden {kind} event" not in response.text


def options(response, facet_name):
    [facet] = [f for f in response.context["facets"] if f.name == facet_name]
    return [(o.value, o.count, o.selected) for o in facet.options]


def test_quote_list_shows_public_statements_newest_event_first(client):
    old = factories.EventFactory(start_date=D(2019, 3, 1), title="Old roundtable")
    new = factories.EventFactory(start_date=D(2021, 3, 1), title="New roundtable")
    speaker = factories.PersonFactory(name="Vladimir Norov", slug="vladimir-norov")
    old_quote = factories.QuoteFactory(event=old, speaker=speaker, text="Old words")
    second = factories.QuoteFactory(event=new, speaker=speaker, order=2, text="Second words")
    first = factories.QuoteFactory(
        event=new, speaker=speaker, order=1, kind=REPORTED, text="He said things"
    )
    hidden_quotes(speaker, ["youth"])

    response = client.get("/en/quotes/")

    assert list(response.context["quotes"]) == [first, second, old_quote]
    assert response.context["total"] == 3
    text = response.text
    assert "3 statements" in text
    assert "<blockquote><p>Second words</p></blockquote>" in text
    assert '<p class="reported">He said things</p>' in text
    assert '<a href="/en/people/vladimir-norov/">Vladimir Norov</a>' in text
    assert f'<a href="{first.get_absolute_url()}">New roundtable</a>' in text
    assert text.count("<h1>") == 1
    assert_hidden_absent(response)


def test_quote_list_facets_count_only_public_statements(client):
    norov = factories.PersonFactory(name="Vladimir Norov", slug="norov")
    mayor = factories.PersonFactory(name="Vice Mayor", slug="mayor")
    event_2020 = factories.EventFactory(start_date=D(2020, 12, 5))
    event_2021 = factories.EventFactory(start_date=D(2021, 6, 1))
    factories.QuoteFactory(event=event_2020, speaker=norov, tags=["youth", "5G"])
    factories.QuoteFactory(event=event_2020, speaker=mayor, tags=["youth"], kind=REPORTED)
    factories.QuoteFactory(event=event_2021, speaker=norov, tags=["youth"])
    hidden = factories.PersonFactory(name="Hidden Speaker", slug="hidden")
    hidden_quotes(hidden, ["youth", "hidden tag"])
    hidden_quotes(norov, ["youth"])

    response = client.get("/en/quotes/")

    assert options(response, "speaker") == [("norov", 2, False), ("mayor", 1, False)]
    assert options(response, "tag") == [("youth", 3, False), ("5g", 1, False)]
    assert options(response, "year") == [("2021", 1, False), ("2020", 2, False)]
    assert options(response, "kind") == [("direct", 2, False), ("reported", 1, False)]
    assert "Hidden Speaker" not in response.text
    assert "hidden tag" not in response.text
    assert_hidden_absent(response)


def test_quote_list_filters_combine_and_facets_follow(client):
    norov = factories.PersonFactory(slug="norov")
    mayor = factories.PersonFactory(slug="mayor")
    event_2020 = factories.EventFactory(start_date=D(2020, 12, 5))
    event_2021 = factories.EventFactory(start_date=D(2021, 6, 1))
    match = factories.QuoteFactory(event=event_2020, speaker=norov, tags=["youth", "5G"])
    factories.QuoteFactory(event=event_2020, speaker=norov, tags=["youth"])
    factories.QuoteFactory(event=event_2020, speaker=mayor, tags=["youth", "5G"])
    factories.QuoteFactory(event=event_2021, speaker=norov, tags=["youth", "5G"])
    factories.QuoteFactory(event=event_2020, speaker=norov, tags=["youth", "5G"], kind=REPORTED)
    hidden_quotes(norov, ["youth", "5G"])

    response = client.get("/en/quotes/?speaker=norov&tag=youth&tag=5g&year=2020&kind=direct")

    assert list(response.context["quotes"]) == [match]
    assert options(response, "speaker") == [("norov", 1, True)]
    assert options(response, "tag") == [("5g", 1, True), ("youth", 1, True)]
    assert options(response, "year") == [("2020", 1, True)]
    assert options(response, "kind") == [("direct", 1, True)]
    assert [(name, value) for name, value, _ in response.context["active_filters"]] == [
        ("speaker", "norov"),
        ("tag", "youth"),
        ("tag", "5g"),
        ("year", "2020"),
        ("kind", "direct"),
    ]
    assert "Kind: Direct quotation" in response.text
    assert 'href="?speaker=norov&amp;tag=5g&amp;year=2020&amp;kind=direct">Tags: youth' in (
        response.text
    )
    assert_hidden_absent(response)


def test_quote_list_tags_are_and_combined(client):
    both = factories.QuoteFactory(tags=["youth", "5G"])
    factories.QuoteFactory(tags=["youth"])
    factories.QuoteFactory(tags=["5G"])

    response = client.get("/en/quotes/?tag=youth&tag=5g")

    assert list(response.context["quotes"]) == [both]


def test_quote_list_selected_values_listed_even_without_matches(client):
    factories.QuoteFactory(speaker=factories.PersonFactory(slug="norov"), tags=["youth"])
    factories.QuoteFactory(speaker=factories.PersonFactory(slug="mayor"), tags=["5G"])

    response = client.get("/en/quotes/?speaker=norov&tag=5g&year=1999&kind=reported")

    assert list(response.context["quotes"]) == []
    assert options(response, "speaker") == [("norov", 0, True)]
    assert options(response, "tag") == [("5g", 0, True)]
    assert options(response, "year") == [("1999", 0, True)]
    assert options(response, "kind") == [("reported", 0, True)]
    assert "No statement from a published event matches these filters." in response.text


def test_quote_list_selected_tag_of_drafts_only_is_not_named(client):
    factories.QuoteFactory(tags=["youth"])
    hidden_quotes(factories.PersonFactory(), ["Draft Secret"])

    response = client.get("/en/quotes/?tag=draft-secret")

    assert list(response.context["quotes"]) == []
    assert options(response, "tag") == []
    assert "Draft Secret" not in response.text
    assert "Tags: draft-secret" in response.text
    assert_hidden_absent(response)


def test_quote_list_selected_speaker_and_tag_stay_in_top_15(client):
    event = factories.EventFactory()
    speakers = [factories.PersonFactory(slug=f"speaker-{n:02}") for n in range(20)]
    for n, speaker in enumerate(speakers):
        for _ in range(n + 1):
            factories.QuoteFactory(event=event, speaker=speaker, tags=[f"tag {n:02}"])

    everything = client.get("/en/quotes/")
    response = client.get("/en/quotes/?speaker=speaker-00&tag=tag-01")

    assert len(options(everything, "speaker")) == 15
    assert options(everything, "speaker")[0] == ("speaker-19", 20, False)
    assert ("speaker-00", 1, False) not in options(everything, "speaker")
    assert options(response, "speaker")[0] == ("speaker-00", 0, True)
    assert options(response, "tag")[0] == ("tag-01", 0, True)
    assert len(options(everything, "tag")) == 15


def test_quote_list_paginates_by_30_keeping_filters(client):
    event = factories.EventFactory()
    quotes = [factories.QuoteFactory(event=event, order=n, tags=["youth"]) for n in range(31)]
    factories.QuoteFactory(event=event, order=99)

    first = client.get("/en/quotes/?tag=youth&kind=direct")
    second = client.get("/en/quotes/?tag=youth&kind=direct&page=2")

    assert list(first.context["quotes"]) == quotes[:30]
    assert first.context["paginator"].count == 31
    assert 'href="?tag=youth&amp;kind=direct&amp;page=2"' in first.text
    assert list(second.context["quotes"]) == quotes[30:]
    assert client.get("/en/quotes/?page=abc").status_code == 404
    assert client.get("/en/quotes/?page=1000000000").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=99999999999999999999",
        "?kind=nope",
        "?speaker=unknown",
        "?speaker=" + "x" * 10_000,
        "?speaker=%00",
        "?speaker=&tag=&year=&kind=",
        "?year=2020&year=abc&kind=direct&kind=nope",
        "?tag=%00",
        "?tag=" + "x" * 10_000,
        "?" + "&".join(f"tag=t{n}" for n in range(500)),
    ],
)
def test_quote_list_survives_bad_input(client, query):
    quote = factories.QuoteFactory(tags=["youth"])

    response = client.get("/en/quotes/" + query)

    assert response.status_code == 200
    expected = [] if "unknown" in query or "t1" in query else [quote]
    assert list(response.context["quotes"]) == expected


def test_quote_list_query_count_is_fixed(client, django_assert_max_num_queries):
    def build(rows):
        event = factories.EventFactory(start_date=D(2020, 1, 1) + datetime.timedelta(rows))
        for _ in range(rows):
            speaker = factories.PersonFactory()
            factories.QuoteFactory(event=event, speaker=speaker, tags=["youth", f"t{rows}"])
            factories.QuoteFactory(
                event=factories.EventFactory(), speaker=speaker, kind=REPORTED, tags=["youth"]
            )
        hidden_quotes(factories.PersonFactory(), ["youth"])

    build(1)
    url = "/en/quotes/?tag=youth"
    few = len_queries(client, url)
    build(50)
    many = len_queries(client, url)

    assert few == many
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.context["total"] == 2 + 100


def len_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
