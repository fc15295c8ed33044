"""The admin's change form in a browser: one language at a time, under the site's policy."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import DEMO_ADMIN_PASSWORD
from tests.browser.entry_actions import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(strict_page):
    """`strict_page`, signed in to the admin."""
    sign_in(strict_page, DEMO_ADMIN_PASSWORD)
    return strict_page


def test_the_event_form_shows_one_language_at_a_time_and_saves_a_russian_title(
    admin_page: Page,
):
    page = admin_page
    event = factories.EventFactory(draft=True, title="Youth forum", original_language="en")
    page.goto(f"/admin/events/event/{event.pk}/change/")

    tabs = page.get_by_role("group", name="Languages shown").get_by_role("button")
    expect(tabs).to_have_text(["All languages", "English", "Russian", "Simplified Chinese"])
    for column in ["title_en", "title_ru", "title_zh_hans"]:
        expect(page.locator(f"#id_{column}")).to_be_visible()
    expect(page.locator("label[for=id_title_en]")).to_have_text("Title [en] (original):")
    expect(page.locator("label[for=id_title_ru]")).to_have_text("Title [ru]:")

    page.get_by_role("button", name="Russian", exact=True).click()
    expect(page.locator("#id_title_en")).to_be_hidden()
    expect(page.locator("#id_title_zh_hans")).to_be_hidden()
    expect(page.locator("#id_title_ru")).to_be_visible()
    # Fields with no language of their own stay in view.
    expect(page.locator("#id_start_date")).to_be_visible()
    page.locator("#id_title_ru").fill("Молодёжный форум")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    event.refresh_from_db()
    assert (event.title_en, event.title_ru) == ("Youth forum", "Молодёжный форум")
    assert page.violations == []
