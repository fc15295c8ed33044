import datetime
import re
from html.parser import HTMLParser

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Quote, Role
from people.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
MAX_QUERIES = 10


# --- Helpers -----------------------------------------------------------------------


class _Outline(HTMLParser):
    """Headings, labels, form controls, inline styles and scripts of a page."""

    def __init__(self):
        super().__init__()
        self.headings = []
        self.label_targets = set()
        self.controls = []
        self.styles = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.controls.append(attrs)
        if "style" in attrs or tag == "style":
            self.styles += 1
        # Inline code; static files are fine, and so is JSON-LD, which is data.
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json":
            self.scripts += 1


def assert_accessible_outline(html):
    """One h1, headings in order without skipped levels, labelled controls, no inline CSS/JS."""
    outline = _Outline()
    outline.feed(html)
    assert outline.headings.count(1) == 1
    assert outline.headings[0] == 1
    for previous, heading in zip(outline.headings, outline.headings[1:], strict=False):
        assert heading <= previous + 1, outline.headings
    for control in outline.controls:
        assert control.get("id") in outline.label_targets, control
    assert outline.styles == 0
    assert outline.scripts == 0


def get_counting_queries(client, url):
    """(response, number of SQL queries) for an anonymous GET of `url`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def names(objects):
    return [obj.name for obj in objects]


BAD_LIST_QUERIES = [
    "country=ZZZ",
    "country=",
    "country=cn%00",
    "kind=nope",
    "kind=",
    "organisation=",
    "organisation=no-such-organisation",
    "organisation=%00",
    "tag=x&tag=x",
    "tag=",
    "tag=%00",
    "&".join(f"tag=t{i}" for i in range(500)),
    "q=" + "x" * 10_000,
    "q=%00",
    "q=%25",
    "q=_",
    "q=%20%20",
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "unknown=1",
    "page=1&page=2",
    "page=abc",
    "page=0",
    "page=-1",
    "page=1000000000",
    "page=last",
]


# --- People list -------------------------------------------------------------------


def test_person_list_is_alphabetical_with_honorific_country_and_current_positions(client):
    secretariat = factories.OrganisationFactory(name="SCO Secretariat")
    norov = factories.PersonFactory(name="Vladimir Norov", honorific="H.E.", country="UZ")
    factories.PositionFactory(
        person=norov,
        organisation=secretariat,
        title="Secretary-General",
        start_date=D(2019, 1, 1),
        end_date=None,
    )
    factories.PositionFactory(
        person=norov,
        organisation=factories.OrganisationFactory(name="Ministry of Foreign Affairs"),
        title="Minister",
        start_date=D(2010, 1, 1),
        end_date=D(2012, 5, 1),
    )
    factories.PersonFactory(name="Zhang Ming", country="CN")
    factories.PersonFactory(name="Aigerim Bekova", country="KZ")

    response = client.get("/en/people/")

    people = list(response.context["people"])
    assert names(people) == ["Aigerim Bekova", "Vladimir Norov", "Zhang Ming"]
    assert [p.title for p in people[1].current_positions] == ["Secretary-General"]
    assert people[0].current_positions == []
    html = response.text
    assert '<span class="honorific">H.E.</span> <a href="/en/people/person-' in html
    assert "Uzbekistan" in html
    assert 'Secretary-General, <a href="/en/organisations/organisation-' in html
    assert "Minister" not in html
    assert "3 people" in html
    assert_accessible_outline(html)


def test_person_list_filters_by_organisation_current_or_past(client):
    secretariat = factories.OrganisationFactory(name="SCO Secretariat", slug="secretariat")
    now = factories.PositionFactory(organisation=secretariat, person__name="Now There")
    before = factories.PositionFactory(
        organisation=secretariat,
        person__name="Once There",
        start_date=D(2015, 1, 1),
        end_date=D(2020, 1, 1),
    )
    factories.PositionFactory(person=now.person, organisation=secretariat, title="Second role")
    factories.PositionFactory(person__name="Elsewhere")

    response = client.get("/en/people/?organisation=secretariat")

    assert list(response.context["people"]) == [now.person, before.person]
    [organisation_facet] = [f for f in response.context["facets"] if f.name == "organisation"]
    [selected] = organisation_facet.selected
    assert (selected.value, selected.label, selected.count) == ("secretariat", "SCO Secretariat", 2)
    assert response.context["active_filters"] == [
        ("organisation", "secretariat", "Organisation: SCO Secretariat")
    ]
    assert "2 people" in response.text


def test_person_list_filters_by_country(client):
    factories.PersonFactory(name="Kazakh", country="KZ")
    factories.PersonFactory(name="Chinese", country="CN")

    response = client.get("/en/people/?country=KZ")

    assert names(response.context["people"]) == ["Kazakh"]
    [country_facet] = [f for f in response.context["facets"] if f.name == "country"]
    assert [(o.value, o.label, o.count, o.selected) for o in country_facet.options] == [
        ("KZ", "Kazakhstan", 1, True)
    ]


def test_person_list_tags_are_and_combined(client):
    factories.PersonFactory(name="Both", tags=["youth", "education"])
    factories.PersonFactory(name="Youth only", tags=["youth"])
    factories.PersonFactory(name="Neither")

    both = client.get("/en/people/?tag=youth&tag=education")
    youth = client.get("/en/people/?tag=youth")
    repeated = client.get("/en/people/?tag=youth&tag=youth")

    assert names(both.context["people"]) == ["Both"]
    assert names(youth.context["people"]) == ["Both", "Youth only"]
    assert names(repeated.context["people"]) == ["Both", "Youth only"]
    [tag_facet] = [f for f in youth.context["facets"] if f.name == "tag"]
    assert [(o.label, o.count, o.selected) for o in tag_facet.options] == [
        ("youth", 2, True),
        ("education", 1, False),
    ]


def test_person_list_name_filter_matches_name_or_alternative_name_once(client):
    norov = factories.PersonFactory(name="Vladimir Norov")
    factories.PersonNameFactory(person=norov, name="Norov Vladimir", language="en")
    factories.PersonNameFactory(person=norov, name="Vladimir Imamovich Norov", language="en")
    imamov = factories.PersonFactory(name="Someone Else")
    factories.PersonNameFactory(person=imamov, name="Ivan Imamov", language="en")
    factories.PersonFactory(name="Zhang Ming")

    by_name = client.get("/en/people/?q=NOROV")
    by_alternative = client.get("/en/people/?q=imamov")

    assert list(by_name.context["people"]) == [norov]
    assert by_name.context["paginator"].count == 1
    assert list(by_alternative.context["people"]) == [imamov, norov]
    assert by_name.context["active_filters"] == [("q", "NOROV", "Name: NOROV")]


def test_person_list_facets_count_under_the_current_filter(client):
    secretariat = factories.OrganisationFactory(name="SCO Secretariat", slug="secretariat")
    for country in ["CN", "CN", "RU"]:
        person = factories.PersonFactory(country=country, tags=["youth"])
        factories.PositionFactory(person=person, organisation=secretariat)
    factories.PersonFactory(country="CN", tags=["business"])

    response = client.get("/en/people/?tag=youth")

    facets = {facet.name: facet for facet in response.context["facets"]}
    assert [(o.value, o.count) for o in facets["country"].options] == [("CN", 2), ("RU", 1)]
    assert [(o.value, o.count) for o in facets["organisation"].options] == [("secretariat", 3)]
    assert [(o.label, o.count) for o in facets["tag"].options] == [("youth", 3)]


def test_person_list_selected_tag_is_listed_beyond_the_top_fifteen(client):
    tags = [f"common {i:02}" for i in range(16)]
    factories.PersonFactory(tags=[*tags, "zz rare"])
    factories.PersonFactory(tags=tags)

    unfiltered = client.get("/en/people/")
    filtered = client.get("/en/people/?tag=zz-rare")

    [tag_facet] = [f for f in unfiltered.context["facets"] if f.name == "tag"]
    assert len(tag_facet.options) == 15
    assert "zz rare" not in [o.label for o in tag_facet.options]
    [tag_facet] = [f for f in filtered.context["facets"] if f.name == "tag"]
    assert (tag_facet.options[0].label, tag_facet.options[0].selected) == ("zz rare", True)
    assert len(tag_facet.options) == 15


def test_person_list_chips_remove_one_filter_and_keep_the_others(client):
    factories.PersonFactory(name="Match", country="CN", tags=["youth", "education"])

    response = client.get("/en/people/?tag=youth&tag=education&country=CN&q=mat")

    assert response.context["active_filters"] == [
        ("q", "mat", "Name: mat"),
        ("country", "CN", "Country: China"),
        ("tag", "youth", "Tags: youth"),
        ("tag", "education", "Tags: education"),
    ]
    html = response.text
    assert 'href="?tag=education&amp;country=CN&amp;q=mat">Tags: youth' in html
    assert 'href="?tag=youth&amp;tag=education&amp;q=mat">Country: China' in html
    assert 'href="?tag=youth&amp;tag=education&amp;country=CN">Name: mat' in html
    assert '<a href="?">Clear all filters</a>' in html  # the name box is a filter here
    assert_accessible_outline(html)


def test_person_list_name_form_keeps_other_filters_as_hidden_inputs(client):
    factories.OrganisationFactory(slug="secretariat")

    response = client.get("/en/people/?organisation=secretariat&country=CN&tag=a&tag=b&q=x")

    html = response.text
    assert '<label for="name-filter">Name</label>' in html
    assert '<input type="search" id="name-filter" name="q" value="x" maxlength="200">' in html
    assert '<input type="hidden" name="organisation" value="secretariat">' in html
    assert '<input type="hidden" name="country" value="CN">' in html
    assert (
        '<input type="hidden" name="tag" value="a"><input type="hidden" name="tag" value="b">'
        in html
    )
    assert '<button type="submit">Find</button>' in html
    assert 'name="page"' not in html


def test_person_list_paginates_by_fifty_keeping_filters(client):
    for i in range(51):
        factories.PersonFactory(name=f"Person {i:02}", country="CN", tags=["youth"])
    factories.PersonFactory(name="Person 99", country="RU")

    first = client.get("/en/people/?country=CN&tag=youth")
    second = client.get("/en/people/?country=CN&tag=youth&page=2")

    assert len(first.context["people"]) == 50
    assert first.context["paginator"].count == 51
    assert "51 people" in first.text
    assert 'href="?country=CN&amp;tag=youth&amp;page=2"' in first.text
    assert names(second.context["people"]) == ["Person 50"]
    assert 'href="?country=CN&amp;tag=youth&amp;page=1"' in second.text


def test_person_list_shows_nothing_of_draft_or_scheduled_events(client):
    person = factories.PersonFactory(name="Visible Person", tags=["youth"])
    for trait in ({"draft": True}, {"scheduled": True}):
        event = factories.EventFactory(title=f"Hidden {next(iter(trait))} event", **trait)
        factories.ParticipationFactory(event=event, person=person)
        factories.QuoteFactory(event=event, speaker=person, text=f"Hidden {trait} quote")
        factories.EventOrganisationFactory(event=event)

    response = client.get("/en/people/")

    assert list(response.context["people"]) == [person]
    assert "Hidden" not in response.text
    [tag_facet] = [f for f in response.context["facets"] if f.name == "tag"]
    assert [(o.label, o.count) for o in tag_facet.options] == [("youth", 1)]


@pytest.mark.parametrize("query", BAD_LIST_QUERIES)
def test_person_list_bad_query_is_a_page_or_404(client, query):
    factories.PersonFactory(name="Only One", country="CN", tags=["x"])

    response = client.get(f"/en/people/?{query}")

    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert response.context["paginator"].count in {0, 1}
        assert "<script>alert" not in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=ZZZ", ["Only One"]),  # an unknown code is ignored
        ("kind=nope", ["Only One"]),  # not a filter of this list
        ("tag=x&tag=x", ["Only One"]),
        ("&".join(f"tag=t{i}" for i in range(500)), []),
        ("q=" + "x" * 10_000, ["Only One"]),  # too long to be a name: ignored
        ("q=%25", []),  # a literal percent sign, not a wildcard
        ("q=_", []),
        ("organisation=no-such-organisation", []),
    ],
)
def test_person_list_bad_query_outcome(client, query, expected):
    factories.PersonFactory(name="Only One", country="CN", tags=["x"])

    response = client.get(f"/en/people/?{query}")

    assert names(response.context["people"]) == expected


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page=1000000000"])
def test_person_list_page_out_of_range_is_404(client, query):
    factories.PersonFactory()

    assert client.get(f"/en/people/?{query}").status_code == 404


def test_person_list_query_count_is_fixed(client):
    organisation = factories.OrganisationFactory(slug="secretariat")

    def add_people(count):
        for _ in range(count):
            person = factories.PersonFactory(
                name="Abbas Karimov",
                country="CN",
                tags=["youth", "education"],
            )
            factories.PersonNameFactory(person=person)
            factories.PositionFactory(person=person, organisation=organisation)
            factories.PositionFactory(
                person=person, start_date=D(2015, 1, 1), end_date=D(2020, 1, 1)
            )
            factories.PositionFactory(person=person)

    urls = ["/en/people/", "/en/people/?tag=youth&country=CN&organisation=secretariat&q=a"]
    add_people(1)
    few = [get_counting_queries(client, url)[1] for url in urls]
    add_people(49)
    many = [get_counting_queries(client, url)[1] for url in urls]

    assert few == many
    assert max(many) <= MAX_QUERIES
    response, _ = get_counting_queries(client, "/en/people/")
    assert len(response.context["people"]) == 50
    assert all(len(p.current_positions) == 2 for p in response.context["people"])


# --- Person page -------------------------------------------------------------------


def test_person_page_shows_who_they_are(client):
    person = factories.PersonFactory(
        name="Vladimir Norov",
        honorific="H.E.",
        country="UZ",
        bio="Diplomat from Uzbekistan.",
        tags=["diplomacy"],
        portrait=factory.django.ImageField(width=30, height=40),
        portrait_alt="Vladimir Norov at a lectern",
    )
    factories.PersonNameFactory(person=person, name="Владимир Норов", language="ru")

    response = client.get(person.get_absolute_url())

    html = response.text
    assert '<h1><span class="honorific">H.E.</span> Vladimir Norov</h1>' in html
    assert '<span lang="ru">Владимир Норов</span>' in html
    assert '<a href="/en/people/?country=UZ">Uzbekistan</a>' in html
    assert "<p>Diplomat from Uzbekistan.</p>" in html
    assert '<picture class="portrait"><source type="image/webp"' in html
    assert 'width="30" height="40" alt="Vladimir Norov at a lectern" fetchpriority="high"' in html
    assert '<a href="/en/tags/diplomacy/">diplomacy</a>' in html
    assert_accessible_outline(html)


def test_person_page_positions_current_first_then_past_newest_first(client):
    person = factories.PersonFactory()
    secretariat = factories.OrganisationFactory(name="SCO Secretariat")
    old = factories.PositionFactory(
        person=person, title="Deputy", start_date=D(2010, 3, 1), end_date=D(2015, 6, 30)
    )
    recent = factories.PositionFactory(
        person=person,
        organisation=secretariat,
        title="Secretary-General",
        start_date=D(2019, 1, 1),
        end_date=D(2021, 12, 31),
    )
    current = factories.PositionFactory(
        person=person, title="Adviser", start_date=D(2022, 1, 1), end_date=None
    )
    unknown_start = factories.PositionFactory(
        person=person, title="Board member", start_date=None, end_date=None
    )

    response = client.get(person.get_absolute_url())

    assert response.context["person"].timeline == [current, unknown_start, recent, old]
    html = response.text
    assert (
        f'<strong>Secretary-General</strong>, <a href="{secretariat.get_absolute_url()}">'
        "SCO Secretariat</a>"
    ) in html
    assert (
        '<time datetime="2019-01-01">1 January 2019</time> \N{EN DASH} '
        '<time datetime="2021-12-31">31 December 2021</time>'
    ) in html
    assert 'since <time datetime="2022-01-01">1 January 2022</time>' in html
    assert html.count('<span class="current">current</span>') == 2
    assert html.index("Adviser") < html.index("Board member") < html.index("Secretary-General")
    assert html.index("Secretary-General") < html.index("Deputy")


def test_person_page_position_dates_follow_the_readers_language(client):
    person = factories.PersonFactory()
    factories.PositionFactory(person=person, start_date=D(2019, 1, 1), end_date=D(2021, 12, 31))

    with translation.override("ru"):
        url = person.get_absolute_url()

    response = client.get(url)

    assert url == f"/ru/people/{person.slug}/"
    assert '<time datetime="2019-01-01">1 января 2019 г.</time>' in response.text  # noqa: RUF001


def test_person_page_lists_published_events_newest_first_with_role(client):
    person = factories.PersonFactory()
    older = factories.EventFactory(title="Older forum", start_date=D(2019, 5, 1))
    newer = factories.EventFactory(title="Newer roundtable", start_date=D(2020, 12, 5))
    session = factories.SessionFactory(event=newer, order=2, title="5G and Big Data")
    factories.ParticipationFactory(event=older, person=person, role=Role.PARTICIPANT)
    factories.ParticipationFactory(event=newer, person=person, role=Role.DELEGATION_HEAD)
    factories.ParticipationFactory(event=newer, person=person, role=Role.SPEAKER, session=session)
    factories.ParticipationFactory(event=newer, role=Role.MODERATOR)  # someone else

    response = client.get(person.get_absolute_url())

    events = response.context["events"]
    assert events == [newer, older]
    assert [p.role for p in events[0].roles] == [Role.DELEGATION_HEAD, Role.SPEAKER]
    html = response.text
    assert (
        '<p class="role">Role: Head of delegation, Speaker '
        f'(<a href="{newer.get_absolute_url()}#session-{session.pk}">session: 5G and Big Data</a>)'
        "</p>"
    ) in html
    assert '<p class="role">Role: Participant</p>' in html
    assert "Moderator" not in html
    assert "2 events" in html
    assert "/en/events/?person=" not in html  # every event is shown
    assert_accessible_outline(html)


def test_person_page_shows_the_latest_twenty_events_and_links_to_all(client):
    person = factories.PersonFactory(slug="vladimir-norov")
    for day in range(1, 26):
        factories.ParticipationFactory(
            person=person, event=factories.EventFactory(start_date=D(2020, 1, day))
        )

    response = client.get(person.get_absolute_url())

    events = response.context["events"]
    assert len(events) == 20
    assert [e.start_date for e in events] == [D(2020, 1, day) for day in range(25, 5, -1)]
    assert '<a href="/en/events/?person=vladimir-norov">All 25 events</a>' in response.text


def test_person_page_statements_newest_first_direct_and_reported(client):
    person = factories.PersonFactory()
    older = factories.EventFactory(title="Older forum", start_date=D(2019, 5, 1))
    newer = factories.EventFactory(title="Newer roundtable", start_date=D(2020, 12, 5))
    first_said = factories.QuoteFactory(event=older, speaker=person, text="Older words", order=0)
    reported = factories.QuoteFactory(
        event=newer, speaker=person, text="He said things", kind=Quote.Kind.REPORTED, order=1
    )
    direct = factories.QuoteFactory(event=newer, speaker=person, text="Direct words", order=0)

    response = client.get(person.get_absolute_url())

    assert response.context["quotes"] == [direct, reported, first_said]
    html = response.text
    assert "<blockquote><p>Direct words</p></blockquote>" in html
    assert '<p class="reported">He said things</p>' in html
    assert f'<a href="{newer.get_absolute_url()}#quote-{direct.pk}">Newer roundtable</a>' in html
    assert "3 statements" in html
    assert "/en/quotes/?speaker=" not in html
    assert_accessible_outline(html)


def test_person_page_shows_the_latest_twenty_statements_and_links_to_all(client):
    person = factories.PersonFactory(slug="vladimir-norov")
    for day in range(1, 23):
        factories.QuoteFactory(
            speaker=person, event=factories.EventFactory(start_date=D(2020, 1, day))
        )

    response = client.get(person.get_absolute_url())

    quotes = response.context["quotes"]
    assert len(quotes) == 20
    assert quotes[0].event.start_date == D(2020, 1, 22)
    assert '<a href="/en/quotes/?speaker=vladimir-norov">All 22 statements</a>' in response.text


def test_person_page_shows_nothing_of_draft_or_scheduled_events(client):
    person = factories.PersonFactory()
    public = factories.EventFactory(title="Public roundtable")
    factories.ParticipationFactory(event=public, person=person)
    said = factories.QuoteFactory(event=public, speaker=person, text="Said in public")
    for trait in ("draft", "scheduled"):
        event = factories.EventFactory(title=f"Hidden {trait} event", **{trait: True})
        factories.ParticipationFactory(event=event, person=person)
        factories.QuoteFactory(event=event, speaker=person, text=f"Hidden {trait} words")

    response = client.get(person.get_absolute_url())

    assert response.context["events"] == [public]
    assert response.context["quotes"] == [said]
    assert response.context["person"].public_event_count == 1
    assert response.context["person"].public_quote_count == 1
    html = response.text
    assert "Hidden" not in html
    assert "1 event<" in html
    assert "1 statement<" in html


def test_person_page_without_events_or_statements(client):
    person = factories.PersonFactory()

    response = client.get(person.get_absolute_url())

    assert response.context["events"] == []
    assert response.context["quotes"] == []
    assert "No events yet." in response.text
    assert "Statements" not in response.text.split("<main", 1)[1]


@pytest.mark.parametrize("slug", ["no-such-person", "%00", "a%20b", "x" * 300])
def test_person_page_unknown_slug_is_404(client, slug):
    factories.PersonFactory(slug="vladimir-norov")

    assert client.get(f"/en/people/{slug}/").status_code == 404


def test_person_page_query_count_is_fixed(client):
    person = factories.PersonFactory(tags=["diplomacy"])

    def add_rows(count):
        for _ in range(count):
            factories.PersonNameFactory(person=person, name=factory.Sequence(str))
            factories.PositionFactory(person=person)
            factories.PositionFactory(
                person=person, start_date=D(2015, 1, 1), end_date=D(2020, 1, 1)
            )
            event = factories.EventFactory(tags=["youth", "education"])
            factories.ParticipationFactory(event=event, person=person)
            factories.ParticipationFactory(
                event=event,
                person=person,
                role=Role.SPEAKER,
                session=factories.SessionFactory(event=event),
            )
            factories.QuoteFactory(event=event, speaker=person, tags=["quote"])
            factories.EventOrganisationFactory(event=event)

    add_rows(1)
    _, few = get_counting_queries(client, person.get_absolute_url())
    add_rows(49)
    response, many = get_counting_queries(client, person.get_absolute_url())

    assert few == many <= MAX_QUERIES
    assert len(response.context["events"]) == 20
    assert len(response.context["person"].timeline) == 100


# --- Organisations list ------------------------------------------------------------


def test_organisation_list_is_alphabetical_with_short_name_kind_country_parent(client):
    sco = factories.OrganisationFactory(
        name="Shanghai Cooperation Organisation",
        short_name="SCO",
        kind=Organisation.Kind.INTERGOVERNMENTAL,
        country="",
    )
    factories.OrganisationFactory(
        name="SCO Secretariat", kind=Organisation.Kind.BODY, country="CN", parent=sco
    )
    factories.OrganisationFactory(name="Agora", kind=Organisation.Kind.PLATFORM)

    response = client.get("/en/organisations/")

    assert names(response.context["organisations"]) == [
        "Agora",
        "SCO Secretariat",
        "Shanghai Cooperation Organisation",
    ]
    html = response.text
    assert '<span class="short-name">(SCO)</span>' in html
    assert (
        "Permanent body or secretariat · China · Part of "
        f'<a href="{sco.get_absolute_url()}">Shanghai Cooperation Organisation</a>'
    ) in html
    assert "3 organisations" in html
    assert_accessible_outline(html)


def test_organisation_list_filters_by_kind_and_country_with_facets(client):
    factories.OrganisationFactory(name="Kunming", kind="local_government", country="CN")
    factories.OrganisationFactory(name="Beijing", kind="local_government", country="CN")
    factories.OrganisationFactory(name="Almaty", kind="local_government", country="KZ")
    factories.OrganisationFactory(name="Tsinghua", kind="education", country="CN")

    by_kind = client.get("/en/organisations/?kind=local_government")
    both = client.get("/en/organisations/?kind=local_government&country=CN")

    assert names(by_kind.context["organisations"]) == ["Almaty", "Beijing", "Kunming"]
    facets = {facet.name: facet for facet in by_kind.context["facets"]}
    assert [(o.value, o.count, o.selected) for o in facets["kind"].options] == [
        ("local_government", 3, True)
    ]
    assert [(o.label, o.count) for o in facets["country"].options] == [
        ("China", 2),
        ("Kazakhstan", 1),
    ]
    assert names(both.context["organisations"]) == ["Beijing", "Kunming"]
    assert both.context["active_filters"] == [
        ("kind", "local_government", "Kind: Regional or city government"),
        ("country", "CN", "Country: China"),
    ]
    assert 'href="?country=CN">Kind: Regional or city government' in both.text


def test_organisation_list_name_filter_matches_name_short_or_alternative_name_once(client):
    sco = factories.OrganisationFactory(name="Shanghai Cooperation Organisation", short_name="SCO")
    factories.OrganisationNameFactory(organisation=sco, name="ШОС Организация", language="ru")
    factories.OrganisationNameFactory(organisation=sco, name="Организация ШОС", language="ru")
    secretariat = factories.OrganisationFactory(name="Secretariat of the SCO")
    factories.OrganisationFactory(name="Agora")

    by_short = client.get("/en/organisations/?q=sco")
    by_alternative = client.get("/en/organisations/?q=ШОС")

    assert list(by_short.context["organisations"]) == [secretariat, sco]
    assert list(by_alternative.context["organisations"]) == [sco]
    assert by_alternative.context["paginator"].count == 1


def test_organisation_list_paginates_keeping_filters(client):
    for i in range(51):
        factories.OrganisationFactory(name=f"Organisation {i:02}", kind="youth")

    first = client.get("/en/organisations/?kind=youth")
    second = client.get("/en/organisations/?kind=youth&page=2")

    assert len(first.context["organisations"]) == 50
    assert 'href="?kind=youth&amp;page=2"' in first.text
    assert names(second.context["organisations"]) == ["Organisation 50"]


def test_organisation_list_shows_nothing_of_draft_or_scheduled_events(client):
    organisation = factories.OrganisationFactory(name="Host", kind="youth")
    for trait in ("draft", "scheduled"):
        event = factories.EventFactory(title=f"Hidden {trait} event", **{trait: True})
        factories.EventOrganisationFactory(event=event, organisation=organisation, role=Role.HOST)

    response = client.get("/en/organisations/")

    assert list(response.context["organisations"]) == [organisation]
    assert "Hidden" not in response.text
    [kind_facet] = [f for f in response.context["facets"] if f.name == "kind"]
    assert [(o.value, o.count) for o in kind_facet.options] == [("youth", 1)]


@pytest.mark.parametrize("query", BAD_LIST_QUERIES)
def test_organisation_list_bad_query_is_a_page_or_404(client, query):
    factories.OrganisationFactory(name="Only One", kind="youth", country="CN")

    response = client.get(f"/en/organisations/?{query}")

    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert response.context["paginator"].count in {0, 1}
        assert "<script>alert" not in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=nope", ["Only One"]),
        ("country=ZZZ", ["Only One"]),
        ("q=" + "x" * 10_000, ["Only One"]),
        ("q=%25", []),
    ],
)
def test_organisation_list_bad_query_outcome(client, query, expected):
    factories.OrganisationFactory(name="Only One", kind="youth", country="CN")

    response = client.get(f"/en/organisations/?{query}")

    assert names(response.context["organisations"]) == expected


def test_organisation_list_query_count_is_fixed(client):
    parent = factories.OrganisationFactory()

    def add_organisations(count):
        for _ in range(count):
            organisation = factories.OrganisationFactory(
                name="Youth Council of Almaty",
                parent=factories.OrganisationFactory(parent=parent),
                kind="youth",
                country="CN",
            )
            factories.OrganisationNameFactory(organisation=organisation)

    urls = ["/en/organisations/", "/en/organisations/?kind=youth&country=CN&q=a"]
    add_organisations(1)
    few = [get_counting_queries(client, url)[1] for url in urls]
    add_organisations(49)
    many = [get_counting_queries(client, url)[1] for url in urls]

    assert few == many
    assert max(many) <= MAX_QUERIES


# --- Organisation page -------------------------------------------------------------


def test_organisation_page_shows_what_it_is(client):
    sco = factories.OrganisationFactory(name="Shanghai Cooperation Organisation")
    secretariat = factories.OrganisationFactory(
        name="SCO Secretariat",
        short_name="SCO Sec",
        kind=Organisation.Kind.BODY,
        country="CN",
        website="https://eng.sectsco.org/",
        description="The permanent body of the SCO.",
        parent=sco,
        tags=["diplomacy"],
    )
    factories.OrganisationNameFactory(
        organisation=secretariat, name="上海合作组织秘书处", language="zh-hans"
    )
    scholar = factories.OrganisationFactory(name="SCHOLAR", parent=secretariat)
    agora = factories.OrganisationFactory(name="AGORA", parent=secretariat)

    response = client.get(secretariat.get_absolute_url())

    organisation = response.context["organisation"]
    assert list(organisation.children.all()) == [agora, scholar]
    html = response.text
    assert "<h1>SCO Secretariat</h1>" in html
    assert "<dt>Short name</dt><dd>SCO Sec</dd>" in html
    assert '<span lang="zh-hans">上海合作组织秘书处</span>' in html
    assert '<a href="/en/organisations/?kind=body">Permanent body or secretariat</a>' in html
    assert '<a href="/en/organisations/?country=CN">China</a>' in html
    assert f'<a href="{sco.get_absolute_url()}">Shanghai Cooperation Organisation</a>' in html
    assert '<a href="https://eng.sectsco.org/" rel="external noopener">' in html
    assert "<p>The permanent body of the SCO.</p>" in html
    assert '<a href="/en/tags/diplomacy/">diplomacy</a>' in html
    assert html.index(f'"{agora.get_absolute_url()}"') < html.index(
        f'"{scholar.get_absolute_url()}"'
    )
    assert_accessible_outline(html)


def test_organisation_page_lists_current_and_past_people_separately(client):
    secretariat = factories.OrganisationFactory()
    current = factories.PositionFactory(
        organisation=secretariat,
        person__name="Current Chief",
        title="Secretary-General",
        start_date=D(2022, 1, 1),
    )
    earlier = factories.PositionFactory(
        organisation=secretariat,
        person__name="Earlier Chief",
        title="Secretary-General",
        start_date=D(2016, 1, 1),
        end_date=D(2018, 12, 31),
    )
    later = factories.PositionFactory(
        organisation=secretariat,
        person__name="Later Chief",
        title="Secretary-General",
        start_date=D(2019, 1, 1),
        end_date=D(2021, 12, 31),
    )
    factories.PositionFactory(person__name="Works Elsewhere")

    response = client.get(secretariat.get_absolute_url())

    assert response.context["current_positions"] == [current]
    assert response.context["past_positions"] == [later, earlier]
    html = response.text
    assert (
        f'<a href="{current.person.get_absolute_url()}">Current Chief</a>, Secretary-General '
        '<span class="meta">(since <time datetime="2022-01-01">1 January 2022</time>)</span>'
    ) in html
    assert (
        f'<a href="{later.person.get_absolute_url()}">Later Chief</a>, Secretary-General '
        '<span class="meta">(<time datetime="2019-01-01">1 January 2019</time> \N{EN DASH} '
        '<time datetime="2021-12-31">31 December 2021</time>)</span>'
    ) in html
    assert html.index("Now") < html.index("Current Chief") < html.index("Formerly")
    assert html.index("Formerly") < html.index("Later Chief") < html.index("Earlier Chief")
    assert "Works Elsewhere" not in html
    assert_accessible_outline(html)


def test_organisation_page_lists_published_events_newest_first_with_role(client):
    kunming = factories.OrganisationFactory()
    older = factories.EventFactory(title="Older forum", start_date=D(2019, 5, 1))
    newer = factories.EventFactory(title="Newer roundtable", start_date=D(2020, 12, 5))
    factories.EventOrganisationFactory(event=older, organisation=kunming, role=Role.PARTICIPANT)
    factories.EventOrganisationFactory(event=newer, organisation=kunming, role=Role.HOST)
    factories.EventOrganisationFactory(event=newer, organisation=kunming, role=Role.ORGANISER)
    factories.EventOrganisationFactory(event=newer, role=Role.DELEGATION)  # another organisation
    factories.EventFactory(title="Unrelated event")

    response = client.get(kunming.get_absolute_url())

    events = response.context["events"]
    assert events == [newer, older]
    assert [link.role for link in events[0].roles] == [Role.HOST, Role.ORGANISER]
    html = response.text
    assert '<p class="role">Role: Host, Organiser</p>' in html
    assert '<p class="role">Role: Participant</p>' in html
    assert "Delegation" not in html
    assert "Unrelated event" not in html
    assert "2 events" in html
    assert_accessible_outline(html)


def test_organisation_page_shows_the_latest_twenty_events_and_links_to_all(client):
    organisation = factories.OrganisationFactory(slug="kunming")
    for day in range(1, 24):
        factories.EventOrganisationFactory(
            organisation=organisation, event=factories.EventFactory(start_date=D(2021, 3, day))
        )

    response = client.get(organisation.get_absolute_url())

    events = response.context["events"]
    assert [e.start_date for e in events] == [D(2021, 3, day) for day in range(23, 3, -1)]
    assert '<a href="/en/events/?organisation=kunming">All 23 events</a>' in response.text


def test_organisation_page_shows_nothing_of_draft_or_scheduled_events(client):
    organisation = factories.OrganisationFactory()
    public = factories.EventFactory(title="Public roundtable")
    factories.EventOrganisationFactory(event=public, organisation=organisation)
    for trait in ("draft", "scheduled"):
        event = factories.EventFactory(title=f"Hidden {trait} event", **{trait: True})
        factories.EventOrganisationFactory(event=event, organisation=organisation, role=Role.HOST)

    response = client.get(organisation.get_absolute_url())

    assert response.context["events"] == [public]
    assert response.context["organisation"].public_event_count == 1
    html = response.text
    assert "Hidden" not in html
    assert "1 event<" in html


@pytest.mark.parametrize("slug", ["no-such-organisation", "%00", "a%20b"])
def test_organisation_page_unknown_slug_is_404(client, slug):
    factories.OrganisationFactory(slug="sco")

    assert client.get(f"/en/organisations/{slug}/").status_code == 404


def test_organisation_page_query_count_is_fixed(client):
    organisation = factories.OrganisationFactory(
        parent=factories.OrganisationFactory(), tags=["diplomacy"]
    )

    def add_rows(count):
        for _ in range(count):
            factories.OrganisationNameFactory(organisation=organisation, name=factory.Sequence(str))
            factories.OrganisationFactory(parent=organisation, tags=["child"])
            factories.PositionFactory(organisation=organisation)
            factories.PositionFactory(
                organisation=organisation, start_date=D(2015, 1, 1), end_date=D(2020, 1, 1)
            )
            event = factories.EventFactory(tags=["youth", "education"])
            factories.EventOrganisationFactory(event=event, organisation=organisation)
            factories.EventOrganisationFactory(
                event=event, organisation=organisation, role=Role.HOST
            )
            factories.ParticipationFactory(event=event)

    add_rows(1)
    _, few = get_counting_queries(client, organisation.get_absolute_url())
    add_rows(49)
    response, many = get_counting_queries(client, organisation.get_absolute_url())

    assert few == many <= MAX_QUERIES
    assert len(response.context["events"]) == 20
    assert len(response.context["current_positions"]) == 50
    assert len(response.context["past_positions"]) == 50
