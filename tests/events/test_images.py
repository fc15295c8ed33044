import io
import re

import pytest
from django import forms
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from events.models import Event, EventImage
from tests import factories
from tests.admin_helpers import admin_url, event_form_data, inline_management
from tests.pictures import (
    NOT_AN_IMAGE,
    bomb_png,
    image_bytes,
    media_path,
    metadata,
    noise_png,
    srcset_urls,
    stored_files,
    upload,
    with_location,
)

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = (
    "This image is too large to process: at most 40 million pixels (width times height) "
    "are accepted."
)


def post_event_with_image(admin_client, file, alt_text="Delegates at the round table"):
    data = event_form_data(
        **inline_management("images", 1),
        **{
            "images-0-image": file,
            "images-0-order": "0",
            "images-0-alt_text": alt_text,
            "images-0-caption": "",
            "images-0-credit": "",
        },
    )
    return admin_client.post(admin_url(Event, "add"), data)


class ImageForm(forms.ModelForm):
    class Meta:
        model = EventImage
        fields = ["event", "image", "alt_text", "order"]


@pytest.mark.parametrize(
    ("format_", "extension", "content_type"),
    [("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png"), ("WEBP", "webp", "image/webp")],
)
def test_admin_accepts_a_real_image_under_a_generated_name(
    admin_client, format_, extension, content_type
):
    file = upload(f"norov-at-kunming.{extension}", image_bytes(format_), content_type)

    response = post_event_with_image(admin_client, file)

    assert response.status_code == 302
    image = EventImage.objects.get()
    assert re.fullmatch(rf"events/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{extension}", image.image.name)
    assert "norov" not in image.image.name
    assert (image.width, image.height) == (1200, 800)
    with Image.open(image.image.path) as stored:
        assert stored.format == format_
        assert stored.size == (1200, 800)


def test_model_form_accepts_a_webp_named_as_a_jpeg():
    event = factories.EventFactory()
    file = upload("photo.jpg", image_bytes("WEBP"), "image/jpeg")

    form = ImageForm({"event": event.pk, "alt_text": "The hall", "order": 0}, {"image": file})

    assert form.is_valid(), form.errors
    image = form.save()
    # Named for what it is, not for what it was called.
    assert image.image.name.endswith(".webp")
    assert Image.open(image.image.path).format == "WEBP"


def truncated_jpeg():
    """The first half of a detailed photograph: its header is whole, its pixels are not."""
    out = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(out, format="JPEG", quality=95)
    return out.getvalue()[: len(out.getvalue()) // 2]


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10"/></svg>'
)

REFUSED = {
    "text renamed .jpg": ("photo.jpg", b"Not a picture at all, just some words.\n" * 20),
    "GIF": ("photo.gif", image_bytes("GIF", size=(40, 30))),
    "SVG": ("photo.svg", SVG),
    "SVG renamed .png": ("photo.png", SVG),
    "BMP": ("photo.bmp", image_bytes("BMP", size=(40, 30))),
    "truncated JPEG": ("photo.jpg", None),
}


@pytest.mark.parametrize("case", REFUSED)
def test_admin_refuses_what_is_not_a_jpeg_png_or_webp(admin_client, case):
    name, content = REFUSED[case]
    content = truncated_jpeg() if content is None else content

    response = post_event_with_image(admin_client, upload(name, content))

    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.text
    assert not Event.objects.exists()
    assert not EventImage.objects.exists()
    assert stored_files() == []


def test_admin_refuses_a_file_over_the_size_limit(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100_000
    content = noise_png((300, 300))
    assert len(content) > 100_000

    response = post_event_with_image(admin_client, upload("big.png", content, "image/png"))

    assert response.status_code == 200
    size, limit = filesizeformat(len(content)), filesizeformat(100_000)
    assert f"This file is {size}; images may be at most {limit}." in response.text
    assert not EventImage.objects.exists()
    assert stored_files() == []


def test_admin_refuses_a_decompression_bomb(admin_client):
    content = bomb_png()
    assert len(content) < 100_000  # small on disk, 100 million pixels decoded

    response = post_event_with_image(admin_client, upload("bomb.png", content, "image/png"))

    assert response.status_code == 200
    assert TOO_MANY_PIXELS in response.text
    assert not EventImage.objects.exists()
    assert stored_files() == []


def test_model_form_refuses_an_image_just_over_the_pixel_limit(settings):
    # Below twice the limit, where Pillow only warns: the site's own check refuses it.
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000_000
    event = factories.EventFactory()
    file = upload("wide.png", image_bytes("PNG", size=(1001, 1000)), "image/png")

    form = ImageForm({"event": event.pk, "alt_text": "Wide", "order": 0}, {"image": file})

    assert not form.is_valid()
    assert form.errors["image"] == [
        "This image is too large to process: at most 1 million pixels (width times height) "
        "are accepted."
    ]
    assert stored_files() == []


def test_location_and_camera_data_never_reach_the_stored_file_or_renditions(admin_client, client):
    # Taken with the phone turned: stored upright, then without any EXIF.
    file = upload("kunming.jpg", with_location(size=(1200, 800), orientation=6))
    assert metadata_of_bytes(file)[1]  # the upload does carry GPS

    post_event_with_image(admin_client, file)

    image = EventImage.objects.get()
    Event.objects.update(status=Event.Status.PUBLISHED, published_at=timezone.now())
    assert (image.width, image.height) == (800, 1200)
    assert metadata(image.image.path) == ({}, {}, set())
    html = client.get(image.event.get_absolute_url()).text
    urls = set(srcset_urls(html))
    assert len(urls) == 4  # 480 and 800 wide, WebP and JPEG
    for url in urls:
        assert url.startswith("/media/renditions/")
        assert metadata(media_path(url)) == ({}, {}, set())


def metadata_of_bytes(file):
    file.seek(0)
    with Image.open(io.BytesIO(file.read())) as image:
        exif = image.getexif()
    file.seek(0)
    return dict(exif), dict(exif.get_ifd(0x8825))


def test_files_saved_in_code_are_cleaned_too():
    image = factories.EventImageFactory(image=upload("norov.jpg", with_location()))

    image.refresh_from_db()
    assert "norov" not in image.image.name
    assert metadata(image.image.path) == ({}, {}, set())


def test_renditions_of_an_old_upload_carry_no_location(client):
    # Stored before uploads were cleaned: written straight to the storage.
    event = factories.EventFactory()
    image = factories.EventImageFactory(event=event)
    path = media_path(image.image.url)
    path.write_bytes(with_location(size=(1200, 800)))
    EventImage.objects.filter(pk=image.pk).update(width=1200, height=800)
    assert metadata(path)[1]

    html = client.get(event.get_absolute_url()).text

    for url in srcset_urls(html):
        assert metadata(media_path(url)) == ({}, {}, set())


def test_event_page_offers_webp_renditions_at_several_widths(client):
    event = factories.EventFactory()
    image = factories.EventImageFactory(
        event=event, alt_text="The hall", image__width=2000, image__height=1000
    )

    html = client.get(event.get_absolute_url()).text

    picture = re.search(r"<picture>.*?</picture>", html).group()
    webp = re.search(r'<source type="image/webp" srcset="([^"]*)"', picture).group(1)
    widths = [item.rsplit(" ", 1)[1] for item in webp.split(", ")]
    assert widths == ["480w", "960w", "1600w"]
    assert all(item.split(" ")[0].endswith(".webp") for item in webp.split(", "))
    fallback = re.search(r'<img src="[^"]*" srcset="([^"]*)"', picture).group(1)
    assert [item.rsplit(" ", 1)[1] for item in fallback.split(", ")] == widths
    assert all(item.split(" ")[0].endswith(".jpg") for item in fallback.split(", "))
    assert 'width="960" height="480" alt="The hall" loading="lazy" decoding="async"' in picture
    assert image.image.url not in html
    for url in srcset_urls(picture):
        with Image.open(media_path(url)) as rendition:
            assert rendition.width in (480, 960, 1600)
            assert rendition.format in ("WEBP", "JPEG")


def test_a_small_image_is_never_upscaled(client):
    event = factories.EventFactory()
    factories.EventImageFactory(event=event, image__width=600, image__height=300)

    html = client.get(event.get_absolute_url()).text

    assert re.search(r'srcset="[^" ]+ 480w, [^" ]+ 600w"', html)
    assert "960w" not in html


@pytest.mark.parametrize(
    "path", ["/en/", "/en/events/", "/en/people/", "/en/quotes/", "/en/tags/youth/"]
)
def test_list_pages_never_link_an_upload(client, path):
    event = factories.EventFactory(tags=["youth"])
    image = factories.EventImageFactory(event=event)
    factories.QuoteFactory(event=event, tags=["youth"])

    response = client.get(path)

    assert response.status_code == 200
    assert "/media/events/" not in response.text
    assert image.image.url not in response.text


def test_event_page_with_many_images_costs_no_more_queries_once_seen(
    client,
):
    event = factories.EventFactory()
    factories.EventImageFactory(event=event)
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(event.get_absolute_url())
    factories.EventImageFactory.create_batch(9, event=event)
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as ten:
        response = client.get(event.get_absolute_url())

    assert response.text.count("<picture>") == 10
    assert len(one) == len(ten) <= 10


def test_event_page_keeps_its_pictures_when_the_cache_is_down(client, cache_down):
    event = factories.EventFactory()
    factories.EventImageFactory(event=event, alt_text="The hall")

    first = client.get(event.get_absolute_url())
    second = client.get(event.get_absolute_url())

    assert first.status_code == second.status_code == 200
    assert 'alt="The hall" loading="lazy"' in second.text
    assert second.text.count("/media/renditions/") == first.text.count("/media/renditions/") > 0


def test_a_palette_png_keeps_its_transparency():
    out = io.BytesIO()
    image = Image.new("P", (40, 30), 0)
    image.putpalette([255, 255, 255, 0, 128, 128])
    image.putpixel((0, 0), 1)
    image.save(out, format="PNG", transparency=0)
    event = factories.EventFactory()
    file = upload("logo.png", out.getvalue(), "image/png")

    form = ImageForm({"event": event.pk, "alt_text": "A logo", "order": 0}, {"image": file})

    assert form.is_valid(), form.errors
    with Image.open(form.save().image.path) as stored:
        assert stored.info["transparency"] == 0
        assert stored.convert("RGBA").getpixel((1, 1))[3] == 0
        assert stored.convert("RGBA").getpixel((0, 0)) == (0, 128, 128, 255)
