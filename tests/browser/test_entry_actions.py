"""Entering the Kunming roundtable by hand in the admin gives the demo record (and a count)."""

import pytest
from playwright.sync_api import Page

from events.models import Event
from tests.browser.conftest import DEMO_ADMIN_PASSWORD
from tests.browser.entry_actions import enter_kunming_roundtable, main_facts, sign_in

pytestmark = pytest.mark.browser

# Spelled out, not imported from load_demo: the test also runs on the form before issue 21.
SLUG = "kunming-roundtable-vocational-education-2020"


def test_entering_the_kunming_roundtable_by_hand_gives_the_demo_record(page: Page):
    demo = Event.objects.get(slug=SLUG)
    expected = main_facts(demo)
    demo.delete()  # the people, organisations and tags stay
    sign_in(page, DEMO_ADMIN_PASSWORD)

    actions = enter_kunming_roundtable(page)

    assert main_facts(Event.objects.get(slug=SLUG)) == expected
    print(f"\nKunming roundtable entered ({actions.version} issue 21): {actions.count} actions")
    print("\n".join(f"  {n}. {what}" for n, what in enumerate(actions.log, start=1)))
