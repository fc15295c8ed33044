"""Every public address fuzzed (hypothesis): its path segment and its query string.

Whatever the path segment (any text, huge numbers, `..`, percent-encoded
bytes, a valid-looking unicode slug, a draft's slug) and whatever the query
string (the parameters the view reads and others, with random text, huge and
negative numbers, unicode, NUL characters, repeated keys, broken escapes), the
answer is never a server error, and never shows a word of a draft or of an
event scheduled for later.

`ROUTES` lists every public URL pattern; a test compares it with the resolver,
so a new address without fuzzing fails. Examples are derandomized: the same
inputs on every run, so a failure reproduces and CI never flakes.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event, Quote, Role
from search.models import Document
from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    QuoteFactory,
    SessionFactory,
    TagFactory,
    VisitFactory,
)

# Written into every text field of the hidden events and of what hangs off them.
DRAFT_MARKER = "Qzdraftonlymarker"
SCHEDULED_MARKER = "Qzscheduledonlymarker"
HIDDEN_TAG_MARKER = "Qzhiddentagmarker"
MARKERS = [DRAFT_MARKER, SCHEDULED_MARKER, HIDDEN_TAG_MARKER]

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Route:
    """A public URL pattern: its name, its path with `{}` for its one variable segment.

    `kind` is what the segment names (a record kind, or "path" for any path),
    `params` the query parameters the view reads.
    """

    name: str
    path: str
    kind: str | None = None
    params: tuple[str, ...] = ()


LIST = ("page",)
EVENT_FILTERS = ("tag", "kind", "year", "country", "person", "organisation", "when")
QUOTE_FILTERS = ("speaker", "tag", "year", "kind")
PERSON_FILTERS = ("q", "organisation", "country", "tag")
ORGANISATION_FILTERS = ("q", "kind", "country")
API_LIST = ("page", "page_size", "format")
API_DETAIL = ("format",)

ROUTES = [
    Route("home", "/en/"),
    Route("events:list", "/en/events/", params=(*EVENT_FILTERS, *LIST)),
    Route("events:detail", "/en/events/{}/", "event"),
    Route("quote_list", "/en/quotes/", params=(*QUOTE_FILTERS, *LIST)),
    Route("people:person_list", "/en/people/", params=(*PERSON_FILTERS, *LIST)),
    Route("people:person_detail", "/en/people/{}/", "person"),
    Route("people:organisation_list", "/en/organisations/", params=(*ORGANISATION_FILTERS, *LIST)),
    Route("people:organisation_detail", "/en/organisations/{}/", "organisation"),
    Route("tags:index", "/en/tags/", params=("q", "sort", *LIST)),
    Route("tags:detail", "/en/tags/{}/", "tag", params=("and",)),
    Route("search:search", "/en/search/", params=("q", "type", "year", "tag", *LIST)),
    Route("search:suggest", "/en/search/suggest/", params=("q",)),
    Route("feeds:events_rss", "/en/events/feed/rss/"),
    Route("feeds:events_atom", "/en/events/feed/atom/"),
    Route("feeds:events_calendar", "/en/events/calendar.ics"),
    Route("events:calendar", "/en/events/{}/calendar.ics", "event"),
    Route("feeds:tag_rss", "/en/tags/{}/feed/rss/", "tag"),
    Route("feeds:tag_atom", "/en/tags/{}/feed/atom/", "tag"),
    Route("feeds:tag_calendar", "/en/tags/{}/calendar.ics", "tag"),
    Route("feeds:person_rss", "/en/people/{}/feed/rss/", "person"),
    Route("feeds:person_atom", "/en/people/{}/feed/atom/", "person"),
    Route("feeds:person_calendar", "/en/people/{}/calendar.ics", "person"),
    Route("feeds:person_statements_rss", "/en/people/{}/statements/feed/rss/", "person"),
    Route("feeds:person_statements_atom", "/en/people/{}/statements/feed/atom/", "person"),
    Route("feeds:organisation_rss", "/en/organisations/{}/feed/rss/", "organisation"),
    Route("feeds:organisation_atom", "/en/organisations/{}/feed/atom/", "organisation"),
    Route("feeds:organisation_calendar", "/en/organisations/{}/calendar.ics", "organisation"),
    Route("sitemap", "/sitemap.xml", params=("p", "section")),
    Route("robots", "/robots.txt"),
    Route("healthz", "/healthz"),
    Route("api:api-root", "/api/", params=API_DETAIL),
    Route("api:event-list", "/api/events/", params=(*EVENT_FILTERS, "q", *API_LIST)),
    Route("api:event-detail", "/api/events/{}/", "event", params=API_DETAIL),
    Route("api:quote-list", "/api/quotes/", params=(*QUOTE_FILTERS, "event", "q", *API_LIST)),
    Route("api:quote-detail", "/api/quotes/{}/", "quote", params=API_DETAIL),
    Route("api:person-list", "/api/people/", params=(*PERSON_FILTERS, *API_LIST)),
    Route("api:person-detail", "/api/people/{}/", "person", params=API_DETAIL),
    Route(
        "api:organisation-list", "/api/organisations/", params=(*ORGANISATION_FILTERS, *API_LIST)
    ),
    Route("api:organisation-detail", "/api/organisations/{}/", "organisation", params=API_DETAIL),
    Route("api:tag-list", "/api/tags/", params=("q", "sort", *API_LIST)),
    Route("api:tag-detail", "/api/tags/{}/", "tag", params=API_DETAIL),
    Route("api:schema", "/api/schema/", params=("version", "lang", "format")),
    Route("api:docs", "/api/docs/", params=("version", "lang")),
    # The API's catch-all 404, unnamed: named here by its pattern.
    Route("api:[\\s\\S]*/$", "/api/{}/", "path"),
]

# Not fuzzed: the admin (staff only, its own tests), the language switch (a POST
# that only sets a cookie) and the media files Django serves in development.
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {"set_language"}
EXCLUDED_VIEW_MODULES = {"django.views.static"}


def public_patterns(resolver=None, namespace=""):
    """The name of every URL pattern (its regex when it has none), namespaced, but the excluded."""
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            names |= public_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__ in EXCLUDED_VIEW_MODULES:
                continue
            name = pattern.name or str(pattern.pattern)
            if name not in EXCLUDED_NAMES:
                names.add(f"{namespace}:{name}" if namespace else name)
    return names


def test_routes_cover_every_public_url():
    assert {route.name for route in ROUTES} == public_patterns()


@pytest.fixture
def world(db, settings, django_capture_on_commit_callbacks):
    """Public records, and a draft and a scheduled event that share their people and tags.

    The hidden events, their sessions, statements and visits carry a marker in
    every text; a tag used only by them carries one in its name. People and
    organisations have no draft state: those of the hidden events are public,
    and their pages must leave the hidden events out. The search index is
    written (as on commit), and the API's rate limit is off.
    """
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}
    with django_capture_on_commit_callbacks(execute=True):
        public_tag = TagFactory(name="youth", slug="youth")
        hidden_tag = TagFactory(name=HIDDEN_TAG_MARKER, slug="hidden-plans")
        organisation = OrganisationFactory(name="SCO Secretariat", slug="sco-secretariat")
        person = PersonFactory(name="Vladimir Norov", slug="vladimir-norov", tags=["youth"])
        event = EventFactory(
            kind=Event.Kind.ROUNDTABLE,
            title="Kunming roundtable",
            slug="kunming-roundtable",
            start_date=datetime.date(2020, 12, 5),
            tags=["youth"],
        )
        ParticipationFactory(event=event, person=person, role=Role.DELEGATION_HEAD)
        EventOrganisationFactory(event=event, organisation=organisation, role=Role.HOST)
        quote = QuoteFactory(event=event, speaker=person, text="Youth is our future.")
        upcoming = EventFactory(
            slug="upcoming-forum", start_date=timezone.localdate() + datetime.timedelta(days=30)
        )
        ParticipationFactory(event=upcoming, person=person)
        hidden_quotes = []
        for marker, trait in [(DRAFT_MARKER, "draft"), (SCHEDULED_MARKER, "scheduled")]:
            hidden = EventFactory(
                **{trait: True},
                kind=Event.Kind.ROUNDTABLE,
                title=f"{marker} title",
                slug=f"{trait}-event",
                start_date=datetime.date(2020, 12, 5),
                city=f"{marker} city",
                venue=f"{marker} venue",
                summary=f"{marker} summary",
                body=f"{marker} body",
                tags=["youth", HIDDEN_TAG_MARKER],
            )
            session = SessionFactory(event=hidden, title=f"{marker} session")
            ParticipationFactory(event=hidden, person=person, role=Role.SPEAKER, session=session)
            EventOrganisationFactory(event=hidden, organisation=organisation, role=Role.ORGANISER)
            hidden_quotes.append(
                QuoteFactory(
                    event=hidden,
                    session=session,
                    speaker=person,
                    text=f"{marker} statement",
                    tags=["youth", HIDDEN_TAG_MARKER],
                )
            )
            VisitFactory(
                event=hidden,
                place=f"{marker} place",
                description=f"{marker} visit",
                tags=["youth", HIDDEN_TAG_MARKER],
            )
    return SimpleNamespace(
        public={
            "event": event.slug,
            "person": person.slug,
            "organisation": organisation.slug,
            "tag": public_tag.slug,
            "quote": str(quote.pk),
            "path": "anything",
        },
        hidden={
            "event": ["draft-event", "scheduled-event"],
            "person": [],
            "organisation": [],
            "tag": [hidden_tag.slug],
            "quote": [str(q.pk) for q in hidden_quotes],
            "path": ["events/draft-event", "tags/hidden-plans"],
        },
    )


def test_hidden_records_hold_the_markers_everywhere(world):
    hidden = Event.objects.exclude(pk__in=Event.objects.published())
    assert sorted(hidden.values_list("slug", flat=True)) == world.hidden["event"]
    assert Quote.objects.filter(text__contains=DRAFT_MARKER).count() == 1
    scheduled_quote = Quote.objects.get(text__contains=SCHEDULED_MARKER)
    assert set(scheduled_quote.tags.values_list("slug", flat=True)) == {"youth", "hidden-plans"}
    # Indexed for search, so that a search which ignored visibility would show them.
    assert Document.objects.filter(title__contains=DRAFT_MARKER).exists()
    assert Document.objects.filter(title__contains=SCHEDULED_MARKER).exists()


def fetch(client, path):
    """GET `path` (with its query string): never a server error, never a hidden record's words."""
    response = client.get(path)
    assert response.status_code < 500, path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for marker in MARKERS:
        assert marker.encode() not in body, path
    return response


# --- path segments -----------------------------------------------------------------

HUGE = st.one_of(
    st.integers(min_value=2**31, max_value=10**60),
    st.integers(min_value=-(10**60), max_value=-1),
).map(str)
ODD_SEGMENTS = [
    "..",
    ".",
    "%2e%2e",
    "%2E",
    "%00",
    "%",
    "%zz",
    "%ff%fe",
    "%C0%AE",
    "a%2Fb",
    "%20",
    "-",
    "_",
    "0",
    "00000000000000000000001",
    "1e309",
    "NaN",
    quote("\u202eevil"),
    quote("ﬁ"),
    quote("İ"),
    quote("١٢٣"),
    "a" * 3000,
    quote("ж" * 600),
]


def segments(world, kind):
    """Path segments, percent-encoded as a client sends them."""
    text = st.text(max_size=40)
    if kind == "path":
        text = st.lists(text, min_size=1, max_size=4).map("/".join)
    encode = (lambda s: quote(s, safe="/")) if kind == "path" else (lambda s: quote(s, safe=""))
    slugs = st.from_regex(r"\A[-\w]{1,40}\Z").map(lambda s: quote(s, safe=""))
    known = [world.public[kind], *world.hidden[kind]]
    return st.one_of(
        st.sampled_from(known),
        text.map(encode),
        slugs,
        HUGE,
        st.sampled_from(ODD_SEGMENTS),
        st.just(""),
    )


@pytest.mark.parametrize("route", [r for r in ROUTES if r.kind], ids=lambda r: r.name)
@FUZZ
@given(data=st.data())
def test_path_segment_is_never_a_server_error_nor_a_leak(client, world, route, data):
    segment = data.draw(segments(world, route.kind), label="segment")
    response = fetch(client, route.path.format(segment))
    if segment in world.hidden[route.kind]:
        assert response.status_code == 404


@pytest.mark.parametrize("route", [r for r in ROUTES if r.kind], ids=lambda r: r.name)
def test_every_odd_path_segment_is_answered(client, world, route):
    # Each one, whatever hypothesis draws above; and every hidden record's address is a 404.
    for segment in ODD_SEGMENTS:
        fetch(client, route.path.format(segment))
    for segment in world.hidden[route.kind]:
        assert fetch(client, route.path.format(segment)).status_code == 404


# --- query strings -----------------------------------------------------------------

# Values the forms accept, so that examples also reach the filters, not only the errors.
VALID_VALUES = [
    "1",
    "2",
    "last",
    "2020",
    "1900",
    "2200",
    "CN",
    "RU",
    "upcoming",
    "past",
    "roundtable",
    "meeting",
    "direct",
    "reported",
    "count",
    "event",
    "person",
    "organisation",
    "quote",
    "tag",
    "json",
    "1.0.0",
    "ru",
    "zh-hans",
    "youth",
    "hidden-plans",
    "kunming-roundtable",
    "draft-event",
    "scheduled-event",
    "vladimir-norov",
    "sco-secretariat",
    "events",
    # Words of the hidden records, and parts of their markers (never a whole one,
    # which a page may echo): what a search or a name filter would find if it leaked.
    "title",
    "statement",
    "place",
    "session",
    "Qzdraftonly",
    "Qzscheduledonlymarkr",
    "hiddentag",
]
ODD_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "\uff11\uff12",  # fullwidth digits
    "٣",
    "9" * 400,
    "x" * 5000,
    "\r\n",
    "a\nb",
    "\ud7ff",
    "\U0001f600",
    "日本語",
    "ß",
    "İ",
    "\u202e",
    "%",
    "%00",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>",
    "{{ 1 }}",
    "*",
    "\\",
]
VALUES = st.one_of(
    st.sampled_from(VALID_VALUES),
    st.sampled_from(ODD_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)
RAW_QUERIES = st.sampled_from(
    [
        "%",
        "%zz=1",
        "=",
        "==",
        "&&&",
        ";",
        "a=1;b=2",
        "page=%ff%fe",
        "q=%00",
        "q=%C0%AE",
        "tag=%E2%82",
        "q",
        "q&q&q",
        "page=1&page=2&page=last",
        "&".join(f"tag=t{n}" for n in range(500)),
    ]
)
COMMON_PARAMS = ("page", "utm_source", "format", "lang", "callback")


def queries(route):
    keys = st.one_of(st.sampled_from((*route.params, *COMMON_PARAMS)), st.text(max_size=12))
    # A list of pairs: the same key may come several times.
    pairs = st.lists(st.tuples(keys, VALUES), max_size=8)
    return st.one_of(pairs.map(urlencode), RAW_QUERIES, st.text(max_size=40).map(quote))


def public_path(world, route):
    return route.path.format(world.public[route.kind]) if route.kind else route.path


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@FUZZ
@given(data=st.data())
def test_query_string_is_never_a_server_error_nor_a_leak(client, world, route, data):
    query = data.draw(queries(route), label="query")
    fetch(client, f"{public_path(world, route)}?{query}")


@pytest.mark.parametrize(
    ("route", "param"),
    [(route, param) for route in ROUTES for param in route.params],
    ids=lambda value: value.name if isinstance(value, Route) else value,
)
@FUZZ
@given(data=st.data())
def test_each_parameter_is_never_a_server_error_nor_a_leak(client, world, route, param, data):
    # The one parameter once or repeated, and sometimes a valid value of each other one.
    values = data.draw(st.lists(VALUES, min_size=1, max_size=3), label=param)
    others = data.draw(
        st.lists(
            st.tuples(st.sampled_from(route.params), st.sampled_from(VALID_VALUES)), max_size=3
        ),
        label="others",
    )
    query = urlencode([*others, *((param, value) for value in values)])
    fetch(client, f"{public_path(world, route)}?{query}")


@pytest.mark.parametrize("route", [r for r in ROUTES if r.params], ids=lambda r: r.name)
def test_every_odd_value_of_every_parameter_is_answered(client, world, route):
    # Each odd value at once in every parameter the view reads. `format` is left
    # out: an unknown format is a 404 before any other parameter is read.
    params = [param for param in route.params if param != "format"]
    for value in ODD_VALUES:
        fetch(client, f"{public_path(world, route)}?{urlencode([(p, value) for p in params])}")
