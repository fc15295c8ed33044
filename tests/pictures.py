"""Real image files for upload tests, made with Pillow, and what to read back from them."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# The form error for anything that is not a JPEG, PNG or WebP image.
NOT_AN_IMAGE = "Upload a JPEG, PNG or WebP image. This file is not one, or it is damaged."

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F
# Kunming, as a phone would record it.
KUNMING = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 0.0)}


def image_bytes(format_="JPEG", size=(1200, 800), color="teal", mode="RGB", **params):
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=format_, **params)
    return out.getvalue()


def with_location(format_="JPEG", size=(1200, 800), orientation=None):
    """A photograph as a phone stores it: EXIF with GPS, a camera make and (maybe) orientation."""
    exif = Image.Exif()
    exif[MAKE] = "Secret phone"
    if orientation:
        exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update(KUNMING)
    return image_bytes(format_, size, exif=exif.tobytes())


def noise_png(size):
    """A PNG that does not compress: random pixels."""
    import os

    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def bomb_png(size=(10_000, 10_000)):
    """A small file of one colour that decodes into `size` (100 million pixels by default)."""
    out = io.BytesIO()
    Image.new("1", size, 0).save(out, format="PNG", optimize=True)
    return out.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def media_path(url):
    """The stored file behind a media URL."""
    assert url.startswith(settings.MEDIA_URL), url
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def metadata(path):
    """(EXIF tags, GPS tags, the other metadata Pillow reports) of the image file at `path`."""
    with Image.open(path) as image:
        exif = image.getexif()
        other = {
            key for key in image.info if key in {"exif", "xmp", "comment", "XML:com.adobe.xmp"}
        }
        return dict(exif), dict(exif.get_ifd(GPS_IFD)), other


def srcset_urls(html):
    """Every URL in every srcset of `html`, and every <img> src."""
    urls = []
    for srcset in re.findall(r'srcset="([^"]*)"', html):
        urls += [item.strip().split(" ")[0] for item in srcset.split(",")]
    urls += re.findall(r'<img[^>]* src="([^"]*)"', html)
    return urls


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
