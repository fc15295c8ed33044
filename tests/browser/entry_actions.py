"""How many actions an editor needs to enter the Kunming roundtable in the admin, from scratch.

The measure: the people and organisations exist (load_demo made them);
everything else, the event and its organisations, participants, sessions,
quotes, visit, tags and publication, is entered on the event form as an editor
would, and saved. An action is a page opened, a click, a fill of a field, an
option chosen, a key pressed, a save. A field that already shows the wanted
value (a default, or a value the form filled in) costs nothing: an editor reads
it and moves on. The order fields are left alone: rows keep the order they were
entered in.

Run it (prints the count, then the list of actions):

    REQUIRE_BROWSER_TESTS=1 python -m tests.browser.entry_actions

(which runs tests/browser/test_entry_actions.py with its output shown). That
test runs the entry on the live server and checks that the record made has
the demo record's main facts. The same script measures the form before issue
21 (commit 71ed368), copied into a worktree of that commit; `form_version`
says which form is open.
"""

import datetime
import sys
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

PUBLISHED_AT = datetime.datetime(2020, 12, 5, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
EVENT_TAGS = [
    "vocational education",
    "innovation",
    "entrepreneurship",
    "youth",
    "5G",
    "Big Data",
    "Kunming",
    "education",
]
VISIT_TAGS = ["vocational education", "aviation", "machine-building", "services", "arts"]
VISIT_TAGS += ["agriculture"]
CHUNG_TAGS = ["youth", "entrepreneurship", "Kunming"]
# What an editor types in an autocomplete's search box to find each record.
ORGANISATION_SEARCH = {
    "peoples-government-of-kunming": "Government of Kunming",
    "sco-secretariat": "SCO Secretariat",
    "sco-diplomatic-missions": "Diplomatic missions",
    "chinese-research-institutes": "Chinese research",
    "kunming-youth-organisations": "Youth organisations",
}


class Actions:
    """A page whose every editor action is counted (`count`) and listed (`log`)."""

    def __init__(self, page: Page):
        self.page, self.count, self.log = page, 0, []

    def _did(self, what):
        self.count += 1
        self.log.append(what)

    def goto(self, path):
        self.page.goto(path)
        self._did(f"open {path}")

    def click(self, locator, what):
        locator.click()
        self._did(f"click {what}")

    def fill(self, locator, text, what):
        if locator.input_value() == text:
            return
        locator.fill(text)
        self._did(f"fill {what}")

    def select(self, locator, value, what):
        if locator.input_value() == value:
            return
        locator.select_option(value)
        self._did(f"choose {what}")

    def autocomplete(self, select, search, name, what):
        """Choose `name` in an autocomplete select: open it, type, pick the suggestion."""
        container = select.locator("xpath=following-sibling::span[1]")
        if name in container.locator(".select2-selection__rendered").text_content():
            return
        self.click(container.locator(".select2-selection"), f"{what} box")
        self.fill(
            self.page.locator(".select2-dropdown .select2-search__field"), search, f"{what} search"
        )
        option = self.page.locator(".select2-results__option", has_text=name)
        self.click(option.first, f"{what} “{name}”")
        expect(container.locator(".select2-selection__rendered")).to_contain_text(name)


def form_version(page: Page):
    """Which event form is open: "before" issue 21 (an online checkbox) or "after" (formats)."""
    return "after" if page.locator("#id_format").count() else "before"


def enter_tags(actions: Actions, field, names, what):
    """Enter tags in a tag field (`field`: its text input), as one typed list.

    Before issue 21 the input is a box of comma-separated names; after, a
    script hides it behind a select2 box, which splits what is typed at commas.
    Typing the list there is one action, like filling the box.
    """
    text = ", ".join(names)
    if field.is_visible():
        actions.fill(field, text, what)
        return
    box = field.locator("xpath=following-sibling::span[contains(@class, 'select2')][1]")
    actions.fill(box.locator(".select2-search__field"), text + ",", what)
    expect(box.locator(".select2-selection__choice")).to_have_count(len(names))


def add_row(actions: Actions, prefix, label):
    """Add a row to the inline `prefix` ("Add another …") and return it."""
    group = actions.page.locator(f"#{prefix}-group")
    rows = group.locator(f".dynamic-{prefix}")
    before = rows.count()
    actions.click(group.get_by_role("button", name=f"Add another {label}"), f"add {label}")
    expect(rows).to_have_count(before + 1)
    return rows.nth(before)


# The inline rows' texts, entered in English: the form has one input per language.
TRANSLATED = {"title", "text", "place", "description", "stated_title", "alt_text", "caption"}


def field(row, name):
    name = f"{name}_en" if name in TRANSLATED else name
    return row.locator(f"[name$='-{name}']:not([name*='__prefix__'])").first


def enter_kunming_roundtable(page: Page):
    """Enter the Kunming roundtable through the event form; return the counted `Actions`.

    The browser must be signed in as a user who may publish. Django is set up:
    the texts come from load_demo, imported here so that running this module
    needs no settings before pytest has read them.
    """
    from events.management.commands import load_demo

    organisation_names = {slug: name for slug, name, *_ in load_demo.ORGANISATIONS}
    actions = Actions(page)
    actions.goto("/admin/events/event/add/")
    version = form_version(page)

    actions.select(page.locator("#id_kind"), "roundtable", "kind")
    title = "Development of SCO Vocational Education, Innovation and Entrepreneurship"
    actions.fill(page.locator("#id_title_en"), title, "title")
    # Leaving the title fills the slug from it (prepopulated); the demo's is typed over it.
    page.locator("#id_title_en").blur()
    actions.fill(page.locator("#id_slug"), "kunming-roundtable-vocational-education-2020", "slug")
    actions.fill(page.locator("#id_start_date"), "2020-12-05", "start date")
    actions.fill(page.locator("#id_city_en"), "Kunming", "city")
    actions.select(page.locator("#id_country"), "CN", "country")
    summary = (
        "A roundtable held by the People's Government of Kunming, with the SCO Secretariat "
        "delegation headed by Secretary-General Vladimir Norov, on vocational education, "
        "innovation and youth entrepreneurship in the SCO."
    )
    actions.fill(page.locator("#id_summary_en"), summary, "summary")
    actions.fill(page.locator("#id_body_en"), load_demo.BODY, "body")
    enter_tags(actions, page.locator("input[name=tags]"), EVENT_TAGS, "event tags")
    actions.select(page.locator("#id_status"), "published", "status")
    local = PUBLISHED_AT.astimezone(ZoneInfo("UTC"))
    actions.fill(page.locator("#id_published_at_0"), f"{local:%Y-%m-%d}", "publication date")
    actions.fill(page.locator("#id_published_at_1"), f"{local:%H:%M:%S}", "publication time")

    for slug, role in load_demo.EVENT_ORGANISATIONS:
        row = add_row(actions, "organisation_links", "Organisation")
        actions.autocomplete(
            field(row, "organisation"),
            ORGANISATION_SEARCH[slug],
            organisation_names[slug],
            "organisation",
        )
        actions.select(field(row, "role"), role, "organisation's role")

    for search, name, role in [
        ("Norov", "Vladimir Norov", "delegation_head"),
        ("Sung Chung", "Sung Chung", "speaker"),
    ]:
        row = add_row(actions, "participations", "Participant")
        actions.autocomplete(field(row, "person"), search, name, "participant")
        actions.select(field(row, "role"), role, "participant's role")

    for title in load_demo.SESSIONS:
        row = add_row(actions, "sessions", "Session")
        actions.fill(field(row, "title"), title, "session title")

    quotes = [("Norov", "Vladimir Norov", *quote) for quote in load_demo.NOROV_QUOTES]
    quotes.append(("Sung Chung", "Sung Chung", "reported", load_demo.CHUNG_QUOTE, CHUNG_TAGS))
    for search, name, kind, text, tags in quotes:
        row = add_row(actions, "quotes", "Quote")
        actions.autocomplete(field(row, "speaker"), search, name, "speaker")
        actions.select(field(row, "kind"), kind, "quote's kind")
        actions.fill(field(row, "text"), text, "quote's text")
        enter_tags(actions, field(row, "tags"), tags, "quote's tags")

    row = add_row(actions, "visits", "Visit")
    actions.fill(field(row, "place"), "Two education centres in Kunming", "visit's place")
    actions.fill(field(row, "date"), "2020-12-05", "visit's date")
    description = (
        "The delegations visited two education centres that train personnel for "
        "aviation, machine-building, services, arts and agriculture."
    )
    actions.fill(field(row, "description"), description, "visit's description")
    enter_tags(actions, field(row, "tags"), VISIT_TAGS, "visit's tags")

    actions.click(page.get_by_role("button", name="Save", exact=True), "Save")
    expect(page.locator(".messagelist .success")).to_be_visible()
    actions.version = version
    return actions


def main_facts(event):
    """What the Kunming record must hold, however it was entered; rows in their shown order.

    The facts both forms, before issue 21 and after, can hold: so not the
    audience nor the statements of groups, which the demo has since.
    """
    tags = lambda obj: sorted(obj.tags.names())  # noqa: E731
    return {
        "event": [
            event.kind,
            event.title,
            event.slug,
            event.start_date,
            event.end_date,
            event.city,
            event.country.code,
            event.summary,
            # A browser sends a text area's line breaks as CR LF.
            event.body.replace("\r\n", "\n"),
            event.status,
            event.published_at,
        ],
        "tags": tags(event),
        "organisations": [
            (link.organisation.slug, link.role) for link in event.organisation_links.all()
        ],
        "participants": [
            (p.person.slug, p.role, p.session and p.session.title)
            for p in event.participations.all()
        ],
        "sessions": [session.title for session in event.sessions.all()],
        "quotes": [
            (q.speaker.slug, q.kind, q.text, tags(q), q.session and q.session.title)
            for q in event.quotes.all()
            if q.speaker_id
        ],
        "visits": [(v.place, v.date, v.description, tags(v)) for v in event.visits.all()],
    }


def sign_in(page: Page, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="The record")).to_be_visible()


if __name__ == "__main__":
    test = str(__import__("pathlib").Path(__file__).with_name("test_entry_actions.py"))
    sys.exit(pytest.main([test, "-s", "-q", "-p", "no:cacheprovider"]))
