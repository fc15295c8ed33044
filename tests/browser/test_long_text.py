"""Long addresses and words that editors paste: on a phone they wrap, and addresses are links."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375
# A source address as editors paste them, 300 characters, and a word with no break in it.
LONG_URL = (
    "https://eng.sectsco.org/news/20201205/"
    + "roundtable-on-vocational-education-innovation-and-entrepreneurship-" * 3
    + "kunming?utm_source=newsletter&utm_campaign=roundtable-2020-12"
)
LONG_WORD = "Berufsbildungsinnovationsunternehmertumszusammenarbeitsrundtischgesprächsprotokoll" * 2


def test_an_event_with_a_long_address_and_word_fits_a_phone(new_context, demo_site):
    assert (len(LONG_URL), len(LONG_WORD)) == (300, 164)
    event = factories.EventFactory(
        title=f"Roundtable {LONG_WORD}",
        summary=f"Summary {LONG_WORD}",
        body=f"Source: {LONG_URL}\n\n{LONG_WORD} and more.",
    )
    factories.SessionFactory(event=event, description=f"Slides: {LONG_URL}")
    factories.VisitFactory(event=event, description=f"{LONG_WORD}, see {LONG_URL}")
    page = new_context(
        viewport={"width": PHONE_WIDTH, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    ).new_page()

    for path in (event.get_absolute_url(), "/en/events/", "/en/"):
        response = page.goto(path)
        assert response.status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_WIDTH, f"{path} is {width}px wide on a {PHONE_WIDTH}px phone"

    page.goto(event.get_absolute_url())
    links = page.get_by_role("main").locator(f'a[href="{LONG_URL}"]')
    expect(links).to_have_count(2)  # the body's and the visit's; a session is one line
    for link in links.all():
        expect(link).to_have_attribute("rel", "nofollow noopener")
        expect(link).to_have_text(LONG_URL)
