"""Every page, the admin's included, works under the Content-Security-Policy: nothing is refused.

These contexts keep the policy (the accessibility tests bypass it to inject
axe). Chromium reports each refused script, style or image on the console.
"""

import pytest
from playwright.sync_api import Page, expect

from events.management.commands.load_demo import KUNMING_SLUG
from events.models import Event
from tests.browser.conftest import DEMO_ADMIN_PASSWORD
from tests.browser.pages import PAGES

pytestmark = pytest.mark.browser


def test_public_pages_need_nothing_the_policy_refuses(strict_page: Page):
    for name, path, status in PAGES:
        response = strict_page.goto(str(path))
        assert response.status == status, name
        assert "default-src 'self'" in response.headers["content-security-policy"], name

    assert strict_page.violations == []


def test_the_admin_works_under_the_policy(strict_page: Page):
    page = strict_page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="The record")).to_be_visible()

    # A new event: the slug follows the title (prepopulated fields, a script).
    page.goto("/admin/events/event/add/")
    page.locator("#id_title_en").press_sequentially("Roundtable on youth policy")
    expect(page.get_by_label("Slug:")).to_have_value("roundtable-on-youth-policy")

    # The demo event: another session row (inline formsets), a person by autocomplete.
    event = Event.objects.get(slug=KUNMING_SLUG)
    page.goto(f"/admin/events/event/{event.pk}/change/")
    sessions = page.locator("#sessions-group")
    rows = sessions.locator("tr.form-row.dynamic-sessions")
    before = rows.count()
    sessions.get_by_role("button", name="Add another Session").click()
    expect(rows).to_have_count(before + 1)
    page.locator("#participations-group .select2-selection").first.click()
    # The dropdown's own search box: each tag box has one inline too.
    page.locator(".select2-dropdown .select2-search__field").fill("Norov")
    expect(page.locator(".select2-results__option").first).to_contain_text("Norov")

    assert page.violations == []


def test_the_api_documentation_renders_under_the_policy(strict_page: Page):
    strict_page.goto("/api/docs/")

    expect(strict_page.get_by_role("heading", name="SCO Secretariat record API")).to_be_visible()
    # Redoc's "powered by" logo comes from its vendor's CDN: refused on purpose,
    # so that reading our documentation tells no third party.
    assert [v for v in strict_page.violations if "cdn.redoc.ly" not in v] == []
