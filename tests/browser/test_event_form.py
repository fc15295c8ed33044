"""The event form in a real browser: sessions added on the page can be chosen at once."""

import pytest
from playwright.sync_api import Page, expect

from events.models import Event
from tests.browser.conftest import DEMO_ADMIN_PASSWORD
from tests.browser.entry_actions import sign_in

pytestmark = pytest.mark.browser


def add_row(page, prefix, label):
    group = page.locator(f"#{prefix}-group")
    rows = group.locator(f".dynamic-{prefix}")
    before = rows.count()
    group.get_by_role("button", name=f"Add another {label}").click()
    expect(rows).to_have_count(before + 1)
    return rows.nth(before)


def choose_person(page, row, name):
    row.locator("[name$='-speaker'] + .select2 .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).first.click()


def test_a_quote_is_linked_to_a_session_added_in_the_same_save(page: Page):
    sign_in(page, DEMO_ADMIN_PASSWORD)
    page.goto("/admin/events/event/add/")
    page.locator("#id_title_en").fill("Youth policy roundtable")
    page.locator("#id_start_date").fill("2021-03-01")
    page.locator("#id_end_date").fill("2021-03-02")

    opening = add_row(page, "sessions", "Session")
    opening.locator("[name$='-order']").fill("1")
    opening.locator("[name$='-title_en']").fill("Opening")
    panel = add_row(page, "sessions", "Session")
    panel.locator("[name$='-order']").fill("2")
    panel.locator("[name$='-title_en']").fill("Panel on start-ups")
    panel.locator("[name$='-date']").fill("2021-03-02")
    quote = add_row(page, "quotes", "Quote")
    choose_person(page, quote, "Norov")
    quote.locator("[name$='-text_en']").fill("Start-ups need the SCO's support.")
    session = quote.locator("select[name$='-session']")
    expect(session.locator("option")).to_have_text(
        ["---------", "1. Opening", "2. Panel on start-ups"]
    )
    session.select_option(label="2. Panel on start-ups")
    # The first session is dropped: the rows are renumbered, the choice follows its row.
    opening.get_by_role("button", name="Remove").click()
    expect(session.locator("option")).to_have_text(["---------", "2. Panel on start-ups"])
    expect(session).to_have_value("new-0")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    event = Event.objects.get(title="Youth policy roundtable")
    saved_session = event.sessions.get()
    assert (saved_session.title, str(saved_session.date)) == ("Panel on start-ups", "2021-03-02")
    saved_quote = event.quotes.get()
    assert saved_quote.session == saved_session
    assert (saved_quote.speaker.name, saved_quote.text) == (
        "Vladimir Norov",
        "Start-ups need the SCO's support.",
    )
