"""The language switch in a real browser: what Chromium sends decides, not a token."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import EVENT

pytestmark = pytest.mark.browser

ATTACKER = "http://attacker.example/"


def language_cookies(page: Page):
    return [cookie for cookie in page.context.cookies() if cookie["name"] == "django_language"]


def test_a_visitor_without_cookies_switches_language(page: Page):
    page.goto("/en/events/")
    assert page.context.cookies() == []

    page.get_by_label("Language").select_option("ru")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Change").click()

    assert navigation.value.status == 200
    assert page.url.endswith("/ru/events/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    [cookie] = language_cookies(page)
    assert (cookie["value"], cookie["sameSite"]) == ("ru", "Lax")


def test_the_switch_keeps_the_reader_on_the_same_record(page: Page, demo_site):
    page.goto(f"/en/events/{EVENT}/")

    for language, tag in [("zh-hans", "zh-Hans"), ("ru", "ru"), ("en", "en")]:
        # By place, not by name: the interface is in the page's language.
        page.locator("#language-select").select_option(language)
        with page.expect_navigation() as navigation:
            page.locator("form.language button").click()

        assert navigation.value.status == 200
        assert page.url == f"{demo_site}/{language}/events/{EVENT}/"
        expect(page.locator("html")).to_have_attribute("lang", tag)


def test_another_site_cannot_switch_a_visitor_s_language(page: Page, demo_site):
    # A page of another site whose form posts to the language switch.
    form = (
        f'<!DOCTYPE html><title>Elsewhere</title><form method="post" '
        f'action="{demo_site}/i18n/setlang/"><input type="hidden" name="language" '
        'value="ru"><input type="hidden" name="next" value="/"><button>Go</button></form>'
    )
    page.route(ATTACKER, lambda route: route.fulfill(content_type="text/html", body=form))
    page.goto(ATTACKER)

    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Go").click()

    assert navigation.value.status == 403
    assert language_cookies(page) == []
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
