"""In Chromium, the worst pages run none of the payloads they show.

The pages hold every payload (tests/security/xss_content.py) and are opened
with the Content-Security-Policy bypassed, so that what is proved is the
escaping, not the policy. A payload that ran would open a dialog or leave its
global variable `xssNN` behind (tests/security/xss_payloads.py).
"""

from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from tests.security import xss_content
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser

LEFT_BEHIND = "Object.keys(window).filter((name) => /^xss\\d\\d$/.test(name))"


@pytest.fixture
def xss_site(django_db_serialized_rollback, transactional_db, live_server):
    """The live server's address, with the payload record committed (and indexed, once)."""
    with transaction.atomic():
        content = xss_content.build()
    return live_server.url, content


@pytest.fixture
def unguarded_page(browser, xss_site):
    """A page with no Content-Security-Policy, and the dialogs it opened."""
    context = browser.new_context(base_url=xss_site[0], locale="en-GB", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def provoke(page):
    """Give event handlers their chance: focus, hover, toggles and animations."""
    page.wait_for_load_state("load")
    for _ in range(10):
        page.keyboard.press("Tab")
    size = page.viewport_size
    for y in range(0, size["height"], 40):
        page.mouse.move(size["width"] / 2, y)
    page.wait_for_timeout(500)


def test_the_detection_sees_a_payload_that_runs(unguarded_page):
    page = unguarded_page
    page.goto("/robots.txt")
    page.evaluate("document.body.innerHTML = '<img src=x onerror=xss03=alert(3)>'")
    page.wait_for_timeout(300)

    assert page.dialogs == ["3"]
    assert page.evaluate(LEFT_BEHIND) == ["xss03"]


def test_the_worst_pages_run_no_payload(unguarded_page, xss_site):
    page = unguarded_page
    _url, content = xss_site
    search = reverse("search:search")
    paths = [
        content.event.get_absolute_url(),
        content.person.get_absolute_url(),
        content.organisation.get_absolute_url(),
        f"{search}?{urlencode({'q': 'xss script alert'})}",
        f"{search}?{urlencode({'q': PAYLOADS[0]})}",
        f"{search}?{urlencode({'q': PAYLOADS[11]})}",
        f"{reverse('events:list')}?{urlencode({'tag': PAYLOADS[2], 'q': PAYLOADS[9]})}",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        provoke(page)
        assert page.dialogs == [], path
        assert page.evaluate(LEFT_BEHIND) == [], path

    # The payloads are on the page, as text.
    page.goto(content.event.get_absolute_url())
    expect(page.locator("main")).to_contain_text(PAYLOADS[0])
    expect(page.locator("main")).to_contain_text("xss60{{7|add:42}}")
