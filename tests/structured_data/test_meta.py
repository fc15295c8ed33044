import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import translation

from secretariat.renditions import share_rendition
from tests import factories
from tests.browser.pages import EVENT, PAGES
from tests.structured_data.helpers import get_head, site_url

pytestmark = pytest.mark.django_db

SITE_NAME = "SCO Secretariat record"
DEFAULT_DESCRIPTION = (
    "The public record of the SCO Secretariat: events, people, organisations and what was said."
)

# Page type → (title without the site's name, og:type, canonical path, JSON-LD @type or None).
EXPECTED = {
    "home": ("Events, people and statements of the SCO Secretariat", "website", "/en/", None),
    "event-list": ("Events", "website", "/en/events/", None),
    "event-list-filtered": ("Events", "website", "/en/events/", None),
    "event": (
        "Development of SCO Vocational Education, Innovation and Entrepreneurship",
        "article",
        f"/en/events/{EVENT}/",
        "Event",
    ),
    "person-list": ("People", "website", "/en/people/", None),
    "person": ("Vladimir Norov", "profile", "/en/people/vladimir-norov/", "Person"),
    "organisation-list": ("Organisations", "website", "/en/organisations/", None),
    "organisation": (
        "SCO Secretariat",
        "website",
        "/en/organisations/sco-secretariat/",
        "Organization",
    ),
    "tag-index": ("Tags", "website", "/en/tags/", None),
    "tag": ("vocational education", "website", "/en/tags/vocational-education/", None),
    "quotes": ("Statements", "website", "/en/quotes/", None),
    "search": ("Search: norov", "website", "/en/search/", None),
}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_every_page_type_is_listed_here():
    assert set(EXPECTED) | {"not-found"} == {name for name, _path, _status in PAGES}


@pytest.mark.parametrize(
    ("name", "path"),
    [(name, path) for name, path, status in PAGES if status == 200],
    ids=[name for name, _path, status in PAGES if status == 200],
)
def test_page_has_its_own_title_description_canonical_and_open_graph(client, demo, name, path):
    title, og_type, canonical, json_ld_type = EXPECTED[name]

    head = get_head(client, str(path))

    description = head.one("description")
    assert head.title == f"{title} · {SITE_NAME}"
    assert description and description != DEFAULT_DESCRIPTION
    assert head.canonical == [site_url(canonical)]
    assert head.one("og:url") == site_url(canonical)
    assert head.one("og:title") == title
    assert head.one("og:description") == description
    assert head.one("og:type") == og_type
    assert head.one("og:site_name") == SITE_NAME
    assert head.one("og:locale") == "en_GB"
    alternate = head.meta.get("og:locale:alternate", [])
    if json_ld_type or name == "tag":
        # A record's page names only the versions it has.
        assert set(alternate) <= {"ru_RU", "zh_CN"}
    else:
        assert alternate == ["ru_RU", "zh_CN"]
    assert head.one("twitter:card") == "summary"  # the demo has no pictures
    assert "og:image" not in head.meta
    if json_ld_type:
        assert head.node(json_ld_type)["url"] == site_url(canonical)
    else:
        assert head.json_ld == []


@pytest.mark.parametrize(("language", "locale"), [("ru", "ru_RU"), ("zh-hans", "zh_CN")])
@pytest.mark.parametrize(
    ("name", "path"),
    [(name, path) for name, path, status in PAGES if status == 200],
    ids=[name for name, _path, status in PAGES if status == 200],
)
def test_page_in_another_language_says_its_locale_and_address(
    client, demo, name, path, language, locale
):
    with translation.override(language):
        address = str(path)
    canonical = address.split("?")[0]

    head = get_head(client, address)

    assert canonical.startswith(f"/{language}/")
    assert head.one("og:locale") == locale
    assert "en_GB" in head.meta["og:locale:alternate"]  # the demo is in English
    assert locale not in head.meta["og:locale:alternate"]
    assert head.canonical == [site_url(canonical)]
    assert head.one("og:url") == site_url(canonical)


def test_event_description_is_its_summary(client, demo):
    head = get_head(client, f"/en/events/{EVENT}/")

    assert (
        head.one("description") == head.one("og:description") == head.node("Event")["description"]
    )
    assert head.one("description").startswith("A roundtable held by the People's Government")


def test_not_found_page_has_a_title_and_nothing_to_share(client):
    head = get_head(client, "/no-such-page/", status=404)

    assert head.title == f"Page not found · {SITE_NAME}"
    assert head.one("description") == "There is no page at this address."
    assert head.canonical == []
    assert not [key for key in head.meta if key.startswith(("og:", "twitter:"))]
    assert head.json_ld == []


def test_event_with_images_shows_the_first_in_link_previews(client):
    event = factories.EventFactory()
    factories.EventImageFactory(event=event, order=2, alt_text="The hall")
    first = factories.EventImageFactory(event=event, order=1, alt_text="Delegates at a table")

    head = get_head(client, event.get_absolute_url())

    assert head.one("og:image") == site_url(share_rendition(first.image).url)
    assert head.one("og:image").startswith(site_url("/media/renditions/"))
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("40", "30")
    assert head.one("og:image:alt") == "Delegates at a table"
    assert head.one("twitter:card") == "summary_large_image"


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "/en/events/"),
        ("?page=1", "/en/events/"),
        ("?page=2", "/en/events/?page=2"),
        ("?page=2&utm_source=newsletter&fbclid=abc", "/en/events/?page=2"),
        ("?utm_source=newsletter", "/en/events/"),
        ("?page=2&kind=meeting", "/en/events/"),
        ("?tag=youth&tag=5g", "/en/events/"),
    ],
)
def test_list_canonical_keeps_only_the_page_of_an_unfiltered_list(client, query, canonical):
    factories.EventFactory.create_batch(21, kind="meeting", tags=["youth", "5G"])

    head = get_head(client, f"/en/events/{query}")

    assert head.canonical == [site_url(canonical)]
    assert head.one("og:url") == site_url(canonical)


def test_page_number_beyond_one_is_in_the_title(client):
    factories.EventFactory.create_batch(21)

    head = get_head(client, "/en/events/?page=2")

    assert head.title == f"Events — page 2 · {SITE_NAME}"


def test_detail_canonical_drops_any_query_and_encodes_the_path(client):
    person = factories.PersonFactory(slug="владимир-норов")

    head = get_head(client, f"{person.get_absolute_url()}?utm_source=x&ref=feed")

    assert head.canonical == [site_url(quote("/en/people/владимир-норов/"))]
    assert head.canonical == [site_url(person.get_absolute_url())]


def test_tag_narrowed_by_another_names_the_tag_page(client):
    factories.EventFactory(tags=["youth", "5G"])

    head = get_head(client, "/en/tags/youth/?and=5g")

    assert head.title == f"youth + 5G · {SITE_NAME}"
    assert head.canonical == [site_url("/en/tags/youth/")]
