"""axe on every public page type: no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error
from playwright.sync_api import Page

from secretariat.languages import bcp47
from tests.browser.pages import PAGES

pytestmark = pytest.mark.browser

AXE = Axe()
FAILING_IMPACTS = {"serious", "critical"}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            f"{violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"        {summary[:300]}")
    return "\n".join(lines)


def serious_violations(page: Page):
    return [
        violation
        for violation in AXE.run(page).response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


@pytest.mark.parametrize(
    ("path", "status"), [pytest.param(path, status, id=name) for name, path, status in PAGES]
)
def test_page_has_no_serious_accessibility_violation(page: Page, path, status):
    response = page.goto(str(path))
    assert response.status == status

    violations = serious_violations(page)

    assert not violations, f"axe on {path}:\n{describe(violations)}"


# The pages the issue names, in Russian and Chinese: the interface's language,
# the record's fallbacks marked with their own (demo records are in English).
TRANSLATED = ["event", "person", "event-list", "person-list", "search"]


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
@pytest.mark.parametrize(
    "path",
    [pytest.param(path, id=name) for name, path, _status in PAGES if name in TRANSLATED],
)
def test_page_in_russian_and_chinese_has_no_serious_accessibility_violation(
    page: Page, path, language
):
    with translation.override(language):
        address = str(path)
    response = page.goto(address)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == bcp47(language)

    violations = serious_violations(page)

    assert not violations, f"axe on {address}:\n{describe(violations)}"


def test_server_error_page_has_no_serious_accessibility_violation(page: Page):
    html = server_error(RequestFactory().get("/")).content
    # Served in place of a page of the live server, so that its stylesheet loads.
    page.route(
        "**/server-error/",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html; charset=utf-8"),
    )
    response = page.goto("/server-error/")
    assert response.status == 500

    violations = serious_violations(page)

    assert not violations, f"axe on the 500 page:\n{describe(violations)}"
