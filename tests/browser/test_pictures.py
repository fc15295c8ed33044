"""The browser downloads a WebP rendition of a picture, never the upload itself."""

import mimetypes

import pytest
from playwright.sync_api import Page, Route

from events.management.commands.load_demo import KUNMING_SLUG
from events.models import Event
from tests import factories
from tests.pictures import image_bytes, media_path, upload

pytestmark = pytest.mark.browser


@pytest.fixture
def media_requests(page: Page):
    """Every media URL the page asks for, answered from the media folder.

    Django's live server serves no media (DEBUG is off); a proxy would.
    """
    asked = []

    def serve(route: Route):
        path = route.request.url.split("://", 1)[1].split("/", 1)[1]
        asked.append(f"/{path}")
        file = media_path(f"/{path}")
        if not file.exists():
            route.fulfill(status=404)
            return
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=content_type)

    page.route("**/media/**", serve)
    return asked


def test_event_page_loads_a_webp_rendition_not_the_upload(page: Page, media_requests):
    event = Event.objects.get(slug=KUNMING_SLUG)
    image = factories.EventImageFactory(
        event=event,
        alt_text="Delegates at the round table",
        image=upload("round-table.jpg", image_bytes("JPEG", (2400, 1600))),
    )
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(event.get_absolute_url())
    picture = page.locator("figure img").first
    picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const img = document.querySelector('figure img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )

    current = picture.evaluate("img => img.currentSrc")
    assert "/media/renditions/" in current
    assert current.endswith(".webp")
    # Decoded: the browser read the WebP it was sent.
    assert picture.evaluate("img => img.naturalWidth") > 0
    assert current.split("://", 1)[1].split("/", 1)[1] in [url[1:] for url in media_requests]
    assert image.image.url not in media_requests
    assert all(url.startswith("/media/renditions/") for url in media_requests)
