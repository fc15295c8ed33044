import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tags.models import Tag
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def hidden_events(tags, title="Hidden"):
    """A draft and a future-scheduled event carrying `tags`, each with a tagged quote and visit."""
    events = [
        factories.EventFactory(draft=True, tags=tags, title=f"{title} draft event"),
        factories.EventFactory(scheduled=True, tags=tags, title=f"{title} scheduled event"),
    ]
    for event in events:
        factories.QuoteFactory(event=event, tags=tags, text=f"Said at {event.title}")
        factories.VisitFactory(event=event, tags=tags, place=f"Place of {event.title}")
    return events


def assert_hidden_absent(response, title="Hidden"):
    for kind in ("draft", "scheduled"):
        assert f"{title} {kind} event" not in response.text
        assert f"Said at {title} {kind} event" not in response.text
        assert f"Place of {title} {kind} event" not in response.text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Tag index


def test_tag_index_lists_tags_in_public_use_by_name_with_public_counts(client):
    event = factories.EventFactory(tags=["youth", "5G"])
    factories.QuoteFactory(event=event, tags=["youth"])
    factories.VisitFactory(event=event, tags=["youth", "aviation"])
    factories.PersonFactory(tags=["youth", "Alumni"])
    factories.OrganisationFactory(tags=["youth"])
    hidden_events(["youth", "aviation", "Secret plan"])

    response = client.get("/en/tags/")

    tags = response.context["tags"]
    assert [(t.name, t.count) for t in tags] == [
        ("5G", 1),
        ("Alumni", 1),
        ("aviation", 1),
        ("youth", 5),
    ]
    youth = tags[3]
    assert (
        youth.event_count,
        youth.quote_count,
        youth.visit_count,
        youth.person_count,
        youth.organisation_count,
    ) == (1, 1, 1, 1, 1)
    assert response.context["paginator"].count == 4
    assert "Secret plan" not in response.text
    assert '<a href="/en/tags/youth/">youth</a> <span class="count">(5)</span>' in response.text
    assert_hidden_absent(response)


def test_tag_index_omits_tag_used_only_on_draft_or_scheduled_event(client):
    factories.EventFactory(draft=True, tags=["draft only"])
    factories.EventFactory(scheduled=True, tags=["scheduled only"])
    factories.TagFactory(name="unused", slug="unused")

    response = client.get("/en/tags/")

    assert list(response.context["tags"]) == []
    assert "draft only" not in response.text
    assert "scheduled only" not in response.text
    assert "unused" not in response.text
    assert "0 tags in use" in response.text


def test_tag_index_sorted_by_count_then_name(client):
    factories.EventFactory(tags=["beta", "alpha", "gamma"])
    factories.EventFactory(tags=["gamma", "beta"])
    factories.EventFactory(tags=["gamma"])
    hidden_events(["alpha"])
    hidden_events(["alpha"], title="Again")

    response = client.get("/en/tags/?sort=count")

    assert [(t.name, t.count) for t in response.context["tags"]] == [
        ("gamma", 3),
        ("beta", 2),
        ("alpha", 1),
    ]
    assert response.context["sort"] == "count"


def test_tag_index_unknown_sort_falls_back_to_name(client):
    factories.EventFactory(tags=["beta", "alpha"])
    factories.EventFactory(tags=["beta"])

    response = client.get("/en/tags/?sort=nope")

    assert [t.name for t in response.context["tags"]] == ["alpha", "beta"]
    assert response.context["sort"] == "name"


def test_tag_index_name_filter_ignores_case_in_any_script(client):
    factories.PersonFactory(tags=["Youth policy", "youngsters", "Молодёжь", "Straße", "health"])

    def names(query):
        response = client.get("/en/tags/", {"q": query})
        return [t.name for t in response.context["tags"]]

    assert names("YOU") == ["youngsters", "Youth policy"]
    assert names("молод") == ["Молодёжь"]
    assert names("STRASSE") == ["Straße"]
    assert names("  ") == ["health", "Straße", "youngsters", "Youth policy", "Молодёжь"]
    assert names("%") == []


def test_tag_index_name_filter_excludes_hidden_tags(client):
    factories.PersonFactory(tags=["youth"])
    hidden_events(["youth draft"])

    response = client.get("/en/tags/?q=youth")

    assert [t.name for t in response.context["tags"]] == ["youth"]
    assert "youth draft" not in response.text
    assert "1 tag contains “youth”" in response.text


def test_tag_index_search_form_is_labelled_and_keeps_sort(client):
    factories.PersonFactory(tags=["youth"])

    response = client.get("/en/tags/?q=yo&sort=count")

    assert '<label for="tag-name">Tag name contains</label>' in response.text
    assert 'id="tag-name" type="search" name="q" value="yo"' in response.text
    assert '<input type="hidden" name="sort" value="count">' in response.text
    assert response.text.count("<h1>") == 1


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 10_000,
        "?q=a&q=b&q=",
        "?q=%00",
        "?sort=count&sort=name&sort=",
        "?" + "&".join(f"q={n}" for n in range(500)),
    ],
)
def test_tag_index_survives_bad_input(client, query):
    factories.PersonFactory(tags=["youth"])

    response = client.get("/en/tags/" + query)

    assert response.status_code == 200
    assert response.templates[0].name == "topics/tag_index.html"


def test_tag_index_very_long_name_filter_matches_nothing(client):
    factories.PersonFactory(tags=["x" * 50])

    response = client.get("/en/tags/", {"q": "x" * 10_000})

    assert list(response.context["tags"]) == []
    assert response.context["q"] == "x" * 100


def test_tag_index_paginates_by_100_keeping_filters(client):
    factories.PersonFactory(tags=[f"topic {n:03}" for n in range(101)])

    first = client.get("/en/tags/?q=topic&sort=count")
    second = client.get("/en/tags/?q=topic&sort=count&page=2")

    assert len(first.context["tags"]) == 100
    assert 'href="?q=topic&amp;sort=count&amp;page=2"' in first.text
    assert [t.name for t in second.context["tags"]] == ["topic 100"]
    assert client.get("/en/tags/?page=abc").status_code == 404
    assert client.get("/en/tags/?page=1000000000").status_code == 404


def test_tag_index_query_count_is_fixed(client, django_assert_max_num_queries):
    def build(rows):
        for n in range(rows):
            event = factories.EventFactory(tags=[f"tag {rows} {n}", "shared"])
            factories.QuoteFactory(event=event, tags=[f"tag {rows} {n}"])
            factories.VisitFactory(event=event, tags=["shared"])
            factories.PersonFactory(tags=[f"person tag {rows} {n}"])
            factories.OrganisationFactory(tags=["shared"])
        hidden_events([f"hidden {rows}"])

    build(1)
    few = count_queries(client, "/en/tags/?sort=count")
    build(50)
    many = count_queries(client, "/en/tags/?sort=count")

    assert few == many
    with django_assert_max_num_queries(10):
        response = client.get("/en/tags/")
    assert response.context["paginator"].count == 3 + 50 * 2


# Tag page


def test_tag_page_unknown_or_hidden_tag_is_404(client):
    factories.EventFactory(draft=True, tags=["draft only"])
    factories.EventFactory(scheduled=True, tags=["scheduled only"])
    factories.TagFactory(name="unused", slug="unused")

    assert client.get("/en/tags/nope/").status_code == 404
    assert client.get("/en/tags/draft-only/").status_code == 404
    assert client.get("/en/tags/scheduled-only/").status_code == 404
    assert client.get("/en/tags/unused/").status_code == 404
    assert client.get("/en/tags/%00/").status_code == 404
    assert client.get("/en/tags/" + "x" * 5000 + "/").status_code == 404


def test_tag_page_shows_every_public_section(client):
    old = factories.EventFactory(tags=["youth"], start_date=D(2019, 5, 1), title="Old forum")
    new = factories.EventFactory(tags=["youth"], start_date=D(2021, 5, 1), title="New forum")
    factories.EventFactory(tags=["other"], title="Untagged forum")
    old_quote = factories.QuoteFactory(event=old, tags=["youth"], text="Old words")
    new_quotes = [
        factories.QuoteFactory(event=new, tags=["youth"], order=2, text="Second words"),
        factories.QuoteFactory(event=new, tags=["youth"], order=1, text="First words"),
    ]
    factories.QuoteFactory(event=new, text="Untagged words")
    visit = factories.VisitFactory(event=old, tags=["youth"], place="Aviation college")
    people = [
        factories.PersonFactory(name="Zhang Ming", tags=["youth"]),
        factories.PersonFactory(name="Anna Petrova", tags=["youth"]),
    ]
    factories.PersonFactory(name="Untagged Person")
    organisation = factories.OrganisationFactory(name="SCHOLAR", tags=["youth"])
    hidden_events(["youth"])

    response = client.get("/en/tags/youth/")

    context = response.context
    assert context["tag"].name == "youth"
    assert list(context["events"]) == [new, old]
    assert context["event_total"] == 2
    assert list(context["quotes"]) == [new_quotes[1], new_quotes[0], old_quote]
    assert context["quote_total"] == 3
    assert list(context["visits"]) == [visit]
    assert list(context["people"]) == [people[1], people[0]]
    assert list(context["organisations"]) == [organisation]
    text = response.text
    assert text.count("<h1>") == 1
    assert "<h1>Tagged “youth”</h1>" in text
    assert f'<a href="{visit.get_absolute_url()}">Aviation college</a>' in text
    assert f'<a href="{old.get_absolute_url()}">Old forum</a>' in text
    assert '<a href="/en/events/?tag=youth">All 2 events</a>' in text
    assert '<a href="/en/quotes/?tag=youth">All 3 statements</a>' in text
    assert f'<a href="{people[1].get_absolute_url()}">Anna Petrova</a>' in text
    for absent in ("Untagged forum", "Untagged words", "Untagged Person"):
        assert absent not in text
    assert_hidden_absent(response)


def test_tag_page_shows_latest_20_events_and_quotes_with_totals(client):
    events = [
        factories.EventFactory(tags=["youth"], start_date=D(2000, 1, 1) + datetime.timedelta(n))
        for n in range(25)
    ]
    for event in events:
        factories.QuoteFactory(event=event, tags=["youth"])
    hidden_events(["youth"])

    response = client.get("/en/tags/youth/")

    assert list(response.context["events"]) == events[::-1][:20]
    assert [q.event for q in response.context["quotes"]] == events[::-1][:20]
    assert response.context["event_total"] == 25
    assert response.context["quote_total"] == 25
    assert "All 25 events" in response.text
    assert "All 25 statements" in response.text


def test_tag_page_lists_co_occurring_tags_of_public_events_with_counts(client):
    factories.EventFactory(tags=["youth", "5G", "Big Data"])
    factories.EventFactory(tags=["youth", "5G"])
    factories.EventFactory(tags=["5G", "aviation"])
    factories.PersonFactory(tags=["youth", "person tag"])
    hidden_events(["youth", "5G", "draft tag"])

    response = client.get("/en/tags/youth/")

    [facet] = response.context["facets"]
    assert [(o.value, o.label, o.count) for o in facet.options] == [
        ("5g", "5G", 2),
        ("big-data", "Big Data", 1),
    ]
    assert '<a href="?and=5g">5G <span class="count">(2)</span></a>' in response.text
    assert "draft tag" not in response.text


def test_tag_page_co_occurring_tags_are_the_top_20(client):
    for n in range(25):
        factories.EventFactory(tags=["youth", *[f"t{m:02}" for m in range(n + 1)]])

    response = client.get("/en/tags/youth/")

    [facet] = response.context["facets"]
    assert [o.label for o in facet.options] == [f"t{m:02}" for m in range(20)]
    assert [o.count for o in facet.options] == [25 - m for m in range(20)]


def test_tag_page_and_narrows_every_section_to_both_tags(client):
    both = factories.EventFactory(tags=["youth", "5G"], title="Both tags forum")
    only_youth = factories.EventFactory(tags=["youth"], title="Youth only forum")
    both_quote = factories.QuoteFactory(event=both, tags=["youth", "5G"], text="Both words")
    factories.QuoteFactory(event=both, tags=["youth"], text="Youth words")
    factories.QuoteFactory(event=only_youth, tags=["5G"], text="5G words")
    both_visit = factories.VisitFactory(event=both, tags=["5G", "youth"], place="Both place")
    factories.VisitFactory(event=only_youth, tags=["youth"], place="Youth place")
    both_person = factories.PersonFactory(tags=["youth", "5G"], name="Both Person")
    factories.PersonFactory(tags=["youth"], name="Youth Person")
    both_organisation = factories.OrganisationFactory(tags=["5G", "youth"], name="Both Org")
    factories.OrganisationFactory(tags=["youth"], name="Youth Org")
    factories.EventFactory(tags=["youth", "5G", "Big Data"], draft=True, title="Draft both")

    response = client.get("/en/tags/youth/?and=5g")

    context = response.context
    assert list(context["events"]) == [both]
    assert list(context["quotes"]) == [both_quote]
    assert list(context["visits"]) == [both_visit]
    assert list(context["people"]) == [both_person]
    assert list(context["organisations"]) == [both_organisation]
    assert context["active_filters"] == [("and", "5g", "Also tagged: 5G")]
    assert context["facets"][0].options == []
    assert '<a href="?">Also tagged: 5G <span aria-hidden="true">' in response.text
    assert (
        '<a href="/en/events/?tag=youth&amp;tag=5g">1 event in the event list</a>' in response.text
    )
    assert "<title>youth + 5G" in response.text
    for absent in ("Youth only forum", "Youth words", "5G words", "Youth place", "Draft both"):
        assert absent not in response.text
    assert "Youth Person" not in response.text
    assert "Youth Org" not in response.text


def test_tag_page_several_and_tags_combine(client):
    all_three = factories.EventFactory(tags=["youth", "5G", "Big Data"])
    factories.EventFactory(tags=["youth", "5G", "aviation"])
    factories.EventFactory(tags=["youth", "Big Data"])

    response = client.get("/en/tags/youth/?and=5g&and=big-data")

    assert list(response.context["events"]) == [all_three]
    assert [label for _, _, label in response.context["active_filters"]] == [
        "Also tagged: 5G",
        "Also tagged: Big Data",
    ]
    assert '<a href="?and=big-data">Also tagged: 5G' in response.text
    assert response.context["facets"][0].options == []


def test_tag_page_unknown_and_tag_gives_empty_sections(client):
    factories.EventFactory(tags=["youth"])
    factories.PersonFactory(tags=["youth"])
    factories.EventFactory(draft=True, tags=["youth", "draft tag"])

    response = client.get("/en/tags/youth/?and=nope&and=draft-tag")

    assert response.status_code == 200
    for section in ("events", "quotes", "visits", "people", "organisations"):
        assert list(response.context[section]) == []
    assert [label for _, _, label in response.context["active_filters"]] == [
        "Also tagged: nope",
        "Also tagged: draft-tag",
    ]
    assert "No published event carries all these tags." in response.text


@pytest.mark.parametrize(
    "query",
    [
        "?and=",
        "?and=&and=",
        "?and=youth",
        "?and=%00",
        "?and=" + "x" * 10_000,
        "?" + "&".join(f"and=t{n}" for n in range(500)),
        "?page=abc",
    ],
)
def test_tag_page_survives_bad_narrowing(client, query):
    event = factories.EventFactory(tags=["youth"])

    response = client.get("/en/tags/youth/" + query)

    assert response.status_code == 200
    if "t1" in query:
        assert list(response.context["events"]) == []
    else:
        assert list(response.context["events"]) == [event]


def test_tag_page_query_count_is_fixed(client, django_assert_max_num_queries):
    def build(rows):
        for _ in range(rows):
            event = factories.EventFactory(tags=["youth", "5G", factories.TagFactory().name])
            factories.QuoteFactory(event=event, tags=["youth", "5G"])
            factories.VisitFactory(event=event, tags=["youth", "5G"])
            factories.PersonFactory(tags=["youth", "5G"])
            factories.OrganisationFactory(tags=["youth", "5G"])
        hidden_events(["youth", "5G"])

    build(1)
    few = count_queries(client, "/en/tags/youth/")
    few_narrowed = count_queries(client, "/en/tags/youth/?and=5g")
    build(50)
    many = count_queries(client, "/en/tags/youth/")
    many_narrowed = count_queries(client, "/en/tags/youth/?and=5g")

    assert few == many
    assert few_narrowed == many_narrowed
    with django_assert_max_num_queries(10):
        response = client.get("/en/tags/youth/?and=5g")
    assert response.context["event_total"] == 51
    assert len(response.context["people"]) == 50  # the first 50, by name
    assert response.context["people_total"] == 51
    assert response.context["visit_total"] == 51
    assert response.context["organisation_total"] == 51
    assert Tag.objects.get(slug="youth").name == "youth"
