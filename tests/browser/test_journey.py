"""A visitor's way from the home page to an event, a person and a tag, as a browser takes it."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES

pytestmark = pytest.mark.browser

EVENT_TITLE = "Development of SCO Vocational Education, Innovation and Entrepreneurship"
SESSIONS = [
    "A chance and a challenge for vocational education in the information century",
    "Experience in cooperation between universities and companies — skills training in "
    "innovative industries",
    "The practice of production, instruction and study of 5G and Big Data",
]
DIRECT_QUOTE = "The SCO member countries cooperate in professional education"
VISIT = "Two education centres in Kunming"
MOBILE = {
    "viewport": {"width": 375, "height": 667},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def assert_no_sideways_scroll(page: Page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


def click_tag_facet(page: Page, name: str):
    facet = page.get_by_role("region", name="Tags", exact=True)
    facet.get_by_role("link", name=re.compile(rf"^{re.escape(name)} \(\d+\)")).click()
    # The chosen tag stays in the facet, marked as the current choice.
    expect(facet.locator("a[aria-current]", has_text=name)).to_be_visible()


def walk_the_journey(page: Page, *, check_width=False):
    page.goto("/en/")
    check = assert_no_sideways_scroll if check_width else lambda page: None
    check(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    check(page)

    click_tag_facet(page, "vocational education")
    click_tag_facet(page, "youth")
    assert sorted(parse_qs(urlsplit(page.url).query)["tag"]) == ["vocational-education", "youth"]
    results = page.get_by_role("main").get_by_role("link", name=EVENT_TITLE, exact=True)
    expect(results).to_have_count(1)
    check(page)

    results.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE)
    sessions = page.get_by_role("region", name="Sessions")
    for title in SESSIONS:
        expect(sessions.get_by_text(title, exact=True)).to_be_visible()
    expect(page.locator("blockquote", has_text=re.compile(rf"^\s*{DIRECT_QUOTE}"))).to_be_visible()
    expect(page.get_by_role("heading", name=VISIT)).to_be_visible()
    check(page)

    page.get_by_role("main").get_by_role("link", name="Vladimir Norov", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vladimir Norov")
    expect(page.get_by_role("main")).to_contain_text("Secretary-General")
    expect(page.get_by_role("main").get_by_text(re.compile(rf"^{DIRECT_QUOTE}"))).to_be_visible()
    check(page)

    tag = page.get_by_role("main").get_by_role("link", name=re.compile(r"^vocational education\b"))
    tag.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("vocational education")
    check(page)


def test_journey_from_home_to_event_person_and_tag(page: Page):
    walk_the_journey(page)


def test_journey_on_a_phone(new_context):
    page = new_context(**MOBILE).new_page()
    walk_the_journey(page, check_width=True)


def test_skip_link_is_first_and_moves_focus_to_main(page: Page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


@pytest.mark.parametrize(("name", "path", "status"), PAGES, ids=[page[0] for page in PAGES])
def test_no_page_scrolls_sideways_at_320_pixels(new_context, name, path, status):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()

    response = page.goto(str(path))

    assert response.status == status
    assert_no_sideways_scroll(page)
