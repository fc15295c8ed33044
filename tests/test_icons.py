"""The site's icons, at the root addresses browsers and phones ask for."""

import io
from html.parser import HTMLParser

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

# (address, Content-Type, Pillow's format, the sizes it holds, its mode)
ICONS = [
    ("/favicon.ico", "image/x-icon", "ICO", [(16, 16), (32, 32), (48, 48)], "RGBA"),
    # Opaque: iOS shows transparency as black.
    ("/apple-touch-icon.png", "image/png", "PNG", [(180, 180)], "RGB"),
]


class HeadIcons(HTMLParser):
    """(rel, href, sizes) of each icon <link> in a page's <head>."""

    def __init__(self):
        super().__init__()
        self.icons = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"icon", "apple-touch-icon"}:
            self.icons.append((attrs["rel"], attrs["href"], attrs.get("sizes")))


@pytest.mark.parametrize(("path", "content_type", "image_format", "sizes", "mode"), ICONS)
def test_icon_is_served_at_the_root_without_a_query(
    client, django_assert_num_queries, path, content_type, image_format, sizes, mode
):
    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    # Not hashed: browsers check again after a minute, so a new icon needs no new name.
    assert response["Cache-Control"] == "max-age=60, public"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == image_format
    assert sorted(image.info.get("sizes", [image.size])) == sizes
    assert image.mode == mode


@pytest.mark.parametrize("path", ["/en/", "/en/events/", "/no-such-page/"])
def test_every_page_links_the_icons(client, path):
    parser = HeadIcons()
    parser.feed(client.get(path).text.split("</head>")[0])

    assert parser.icons == [
        ("icon", "/favicon.ico", "16x16 32x32 48x48"),
        ("apple-touch-icon", "/apple-touch-icon.png", None),
    ]
