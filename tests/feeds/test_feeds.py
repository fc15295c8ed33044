import datetime

import feedparser
import pytest
from django.urls import reverse

from events.models import Event
from tests.factories import EventFactory, PersonFactory, QuoteFactory
from tests.feeds.helpers import add_public_events, count_queries

pytestmark = pytest.mark.django_db

FORMATS = {
    "rss": ("rss20", "application/rss+xml; charset=utf-8"),
    "atom": ("atom10", "application/atom+xml; charset=utf-8"),
}

# (feed URL name stem, record key of the object the URL names, feed title, page it follows)
EVENT_FEEDS = [
    ("events", None, "Events", "/en/events/"),
    ("tag", "tag", "Events tagged “youth”", "/en/tags/youth/"),
    ("person", "person", "Events with Vladimir Norov", "/en/people/vladimir-norov/"),
    (
        "organisation",
        "organisation",
        "Events with SCO Secretariat",
        "/en/organisations/sco-secretariat/",
    ),
]
STATEMENT_FEED = "person_statements"
ALL_FEEDS = [stem for stem, *_ in EVENT_FEEDS] + [STATEMENT_FEED]
OBJECT_OF = {stem: key for stem, key, *_ in EVENT_FEEDS} | {STATEMENT_FEED: "person"}


def feed_url(stem, form, record):
    key = OBJECT_OF[stem]
    args = [record[key].slug] if key else []
    return reverse(f"feeds:{stem}_{form}", args=args)


def fetch(client, url, form):
    response = client.get(url)
    assert response.status_code == 200
    version, content_type = FORMATS[form]
    assert response["Content-Type"] == content_type
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    return feed


def parsed_time(struct):
    return datetime.datetime(*struct[:6], tzinfo=datetime.UTC)


def to_second(moment):
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


def categories(entry):
    return {tag.term for tag in entry.get("tags", [])}


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize(("stem", "key", "title", "page"), EVENT_FEEDS)
def test_event_feed_lists_published_events_newest_published_first(
    client, record, site_url, form, stem, key, title, page
):
    feed = fetch(client, feed_url(stem, form, record), form)

    newer, older = record["newer"], record["older"]
    assert feed.feed.title == f"{title} · SCO Secretariat record"
    assert feed.feed.link == site_url + page
    assert [entry.title for entry in feed.entries] == ["Newer forum", "Older roundtable"]
    assert [entry.link for entry in feed.entries] == [
        f"{site_url}/en/events/newer-forum/",
        f"{site_url}/en/events/older-roundtable/",
    ]
    assert [entry.author for entry in feed.entries] == ["SCO Secretariat", "SCO Secretariat"]
    assert [parsed_time(entry.published_parsed) for entry in feed.entries] == [
        to_second(newer.published_at),
        to_second(older.published_at),
    ]
    assert [categories(entry) for entry in feed.entries] == [{"youth"}, {"youth", "5G"}]


@pytest.mark.parametrize("stem", ALL_FEEDS)
def test_atom_feed_names_the_secretariat_as_its_author(client, record, stem):
    feed = fetch(client, feed_url(stem, "atom", record), "atom")

    assert feed.feed.author == "SCO Secretariat"


@pytest.mark.parametrize(("stem", "key", "title", "page"), EVENT_FEEDS)
def test_atom_event_feed_gives_each_entry_its_last_change(client, record, stem, key, title, page):
    feed = fetch(client, feed_url(stem, "atom", record), "atom")

    assert [parsed_time(entry.updated_parsed) for entry in feed.entries] == [
        to_second(record["newer"].updated_at),
        to_second(record["older"].updated_at),
    ]


@pytest.mark.parametrize("form", FORMATS)
def test_event_feed_describes_each_event_by_kind_dates_place_and_summary(client, record, form):
    feed = fetch(client, feed_url("events", form, record), form)

    assert feed.entries[0].summary == (
        '<p>Meeting · <time datetime="2021-03-01">1 March 2021</time> \N{EN DASH} '
        '<time datetime="2021-03-03">3 March 2021</time> · '
        "Palace of Nations, Dushanbe, Tajikistan</p>\n"
        "<p>Youth and innovation.</p>"
    )
    assert feed.entries[1].summary == (
        '<p>Meeting · <time datetime="2020-12-05">5 December 2020</time> · Kunming, China</p>\n'
        "<p>Vocational education in the information century.</p>"
    )


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize(
    ("format", "platform", "where"),
    [
        ("online", "Zoom", "Online (Zoom)"),
        ("online", "", "Online"),
        ("hybrid", "Zoom", "Palace of Nations, Dushanbe, Tajikistan · In person and online (Zoom)"),
        ("hybrid", "", "Palace of Nations, Dushanbe, Tajikistan · In person and online"),
    ],
)
def test_event_feed_says_when_an_event_was_followed_online(
    client, record, form, format, platform, where
):
    # An online event's city is where it was organised from: not given as where it met.
    Event.objects.filter(pk=record["newer"].pk).update(format=format, platform=platform)

    feed = fetch(client, feed_url("events", form, record), form)

    assert feed.entries[0].summary == (
        '<p>Meeting · <time datetime="2021-03-01">1 March 2021</time> \N{EN DASH} '
        f'<time datetime="2021-03-03">3 March 2021</time> · {where}</p>\n'
        "<p>Youth and innovation.</p>"
    )
    assert "Online" not in feed.entries[1].summary


@pytest.mark.parametrize("form", FORMATS)
def test_statement_feed_lists_the_persons_statements_at_published_events(
    client, record, site_url, form
):
    newer_quote = record["newer"].quotes.get()
    older_quote = record["older"].quotes.get()
    newer_quote.tags.add("innovation")

    feed = fetch(client, feed_url(STATEMENT_FEED, form, record), form)

    assert feed.feed.title == "Statements by Vladimir Norov · SCO Secretariat record"
    assert feed.feed.link == f"{site_url}/en/quotes/?speaker=vladimir-norov"
    assert [entry.title for entry in feed.entries] == [
        "Said at Newer forum.",
        "Said at Older roundtable.",
    ]
    assert [entry.link for entry in feed.entries] == [
        f"{site_url}/en/events/newer-forum/#quote-{newer_quote.pk}",
        f"{site_url}/en/events/older-roundtable/#quote-{older_quote.pk}",
    ]
    assert [entry.author for entry in feed.entries] == ["Vladimir Norov", "Vladimir Norov"]
    assert [parsed_time(entry.published_parsed) for entry in feed.entries] == [
        to_second(record["newer"].published_at),
        to_second(record["older"].published_at),
    ]
    assert [categories(entry) for entry in feed.entries] == [{"innovation"}, set()]
    assert feed.entries[1].summary == (
        "<blockquote><p>Said at Older roundtable.</p></blockquote>\n"
        "<p>Direct quotation · Older roundtable · "
        '<time datetime="2020-12-05">5 December 2020</time></p>'
    )


def test_statement_feed_leaves_out_other_speakers(client, record):
    other = PersonFactory()
    record["newer"].quotes.update(speaker=other)

    feed = fetch(client, feed_url(STATEMENT_FEED, "rss", record), "rss")

    assert [entry.title for entry in feed.entries] == ["Said at Older roundtable."]


def test_statement_feed_leaves_out_organisations_groups_and_the_unattributed(client, record):
    newer = record["newer"]
    QuoteFactory(
        event=newer, speaker=None, speaker_organisation=record["organisation"], text="By a body."
    )
    QuoteFactory(event=newer, speaker=None, speaker_group="the pupils", text="By a group.")
    QuoteFactory(event=newer, speaker=None, attribution_note="a participant", text="By someone.")

    feed = fetch(client, feed_url(STATEMENT_FEED, "atom", record), "atom")

    assert [entry.title for entry in feed.entries] == [
        "Said at Newer forum.",
        "Said at Older roundtable.",
    ]
    assert [entry.author for entry in feed.entries] == ["Vladimir Norov", "Vladimir Norov"]


@pytest.mark.parametrize("form", FORMATS)
def test_feed_item_titles_read_as_written(client, form):
    EventFactory(title="Research & development <in> the SCO", tags=["youth"])

    feed = fetch(client, reverse(f"feeds:events_{form}"), form)

    assert [entry.title for entry in feed.entries] == ["Research & development <in> the SCO"]


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("stem", ALL_FEEDS[1:])
def test_feed_of_an_unknown_slug_is_not_found(client, record, form, stem):
    response = client.get(reverse(f"feeds:{stem}_{form}", args=["no-such-slug"]))

    assert response.status_code == 404


@pytest.mark.parametrize("form", FORMATS)
def test_feed_of_a_tag_only_hidden_events_use_is_not_found(client, record, form):
    response = client.get(reverse(f"feeds:tag_{form}", args=["unreleased"]))

    assert response.status_code == 404


def test_feed_holds_at_most_fifty_items(client, record):
    add_public_events(record, 50)

    feed = fetch(client, feed_url("events", "rss", record), "rss")

    assert len(feed.entries) == 50
    assert "Older roundtable" not in [entry.title for entry in feed.entries]


@pytest.mark.parametrize("stem", ALL_FEEDS)
def test_feed_costs_as_many_queries_for_many_items_as_for_one(client, record, stem):
    url = feed_url(stem, "rss", record)
    record["older"].delete()
    one = count_queries(client, url)

    add_public_events(record, 6)
    many = count_queries(client, url)

    # The feed's object (except for all events), the Site, the items, their tags.
    assert one == many == (3 if stem == "events" else 4)
