"""The admin's tag box and its question about duplicates, in a browser keeping the site's policy."""

import pytest
from playwright.sync_api import Page, expect

from people.models import Person
from tags.models import Tag
from tests.browser.conftest import DEMO_ADMIN_PASSWORD
from tests.browser.entry_actions import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(strict_page):
    """`strict_page`, signed in to the admin."""
    sign_in(strict_page, DEMO_ADMIN_PASSWORD)
    return strict_page


def test_tags_are_picked_as_typed_in_any_script_and_new_ones_added(admin_page: Page):
    page = admin_page
    norov = Person.objects.get(slug="vladimir-norov")
    before = set(norov.tags.values_list("name", flat=True))
    kunming = Tag.objects.get(name="Kunming")
    assert "Kunming" not in before

    page.goto(f"/admin/people/person/{norov.pk}/change/")
    field = page.locator(".field-tags")
    expect(field.locator("input[name=tags]")).to_be_hidden()
    field.locator(".select2-selection").click()
    search = field.locator(".select2-search__field")
    search.press_sequentially("кунм")
    option = page.locator(".select2-results__option", has_text="Kunming")
    expect(option).to_be_visible()
    option.click()
    search.press_sequentially("Silk  Road,")
    expect(field.locator(".select2-selection__choice")).to_have_count(len(before) + 2)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    assert set(norov.tags.values_list("name", flat=True)) == {*before, "Kunming", "Silk Road"}
    assert norov.tags.get(name="Kunming").pk == kunming.pk
    assert page.violations == []


def test_a_person_named_like_another_is_saved_only_once_confirmed(admin_page: Page):
    page = admin_page
    norov = Person.objects.get(slug="vladimir-norov")

    page.goto("/admin/people/person/add/")
    expect(page.get_by_label("This is a different person")).to_have_count(0)
    page.locator("#id_name_ru").fill("Владимир Норов")
    page.get_by_role("button", name="Save", exact=True).click()

    link = page.get_by_role("link", name="Vladimir Norov", exact=True)
    expect(link).to_have_attribute("href", f"/admin/people/person/{norov.pk}/change/")
    expect(link).to_have_attribute("target", "_blank")
    # The demo's Norov has this Russian name; a second one is only saved once confirmed.
    namesakes = Person.objects.filter(name_ru="Владимир Норов").exclude(pk=norov.pk)
    assert namesakes.count() == 0

    page.get_by_label("This is a different person").check()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    assert namesakes.count() == 1
    assert page.violations == []
