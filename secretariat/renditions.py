"""Renditions of stored pictures, made by sorl-thumbnail: what the public downloads.

Each picture at RENDITION_WIDTHS (never upscaled), as WebP and a fallback
(`fallback_format`). Made once, remembered in sorl's key-value store; derived
data, left out of backups and remade on demand.
"""

from dataclasses import dataclass
from typing import NamedTuple

from sorl.thumbnail import get_thumbnail

RENDITION_WIDTHS = (480, 960, 1600)
# The width offered to link previews (og:image) and search engines (JSON-LD).
SHARE_WIDTH = 1200
WEBP_QUALITY = 80
FALLBACK_QUALITY = 85


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def _widths(original_width, wanted):
    """`wanted` widths below the original's, and the original's own if it is below the widest."""
    widths = [width for width in wanted if width < original_width]
    top = min(original_width, max(wanted))
    if top not in widths:
        widths.append(top)
    return widths


def fallback_format(name):
    extension = name.rsplit(".", 1)[-1].lower()
    return {"png": "PNG", "webp": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}.get(extension, "JPEG")


def rendition(file, width, format_):
    options = {"format": format_, "upscale": False}
    options["quality"] = WEBP_QUALITY if format_ == "WEBP" else FALLBACK_QUALITY
    thumbnail = get_thumbnail(file, str(width), **options)
    return Rendition(thumbnail.url, thumbnail.width, thumbnail.height)


def _original_width(file):
    """The picture's width: the model's width field if it has one, else read from the file."""
    width_field = file.field.width_field
    return (getattr(file.instance, width_field) if width_field else None) or file.width


def renditions(file, widths=RENDITION_WIDTHS):
    """{"webp": [Rendition], "fallback": [Rendition]} of `file`, narrowest first."""
    widths = _widths(_original_width(file), widths)
    fallback = fallback_format(file.name)
    return {
        "webp": [rendition(file, width, "WEBP") for width in widths],
        "fallback": [rendition(file, width, fallback) for width in widths],
        "fallback_type": f"image/{fallback.lower()}",
    }


def share_rendition(file):
    """The rendition for link previews and JSON-LD: JPEG (or PNG), at most SHARE_WIDTH wide."""
    width = min(_original_width(file), SHARE_WIDTH)
    return rendition(file, width, fallback_format(file.name))


class ShareImage(NamedTuple):
    """A page's link-preview picture (og:image): a rendition, its size, its text alternative."""

    url: str
    alt: str
    width: int
    height: int


def share_image(file, alt, url):
    """A ShareImage of `file`'s `share_rendition` (never the upload); `url` makes it absolute."""
    rendition = share_rendition(file)
    return ShareImage(url(rendition.url), alt, rendition.width, rendition.height)
