import re

import pytest
from django import forms
from django.template.defaultfilters import filesizeformat
from PIL import Image

from people.models import Person
from tests import factories
from tests.admin_helpers import admin_url, form_as_submitted, in_english
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


def post_person(admin_client, portrait, **fields):
    url = admin_url(Person, "add")
    data = form_as_submitted(admin_client.get(url), "person_form")
    data.update(
        in_english(
            Person,
            {
                "name": "Vladimir Norov",
                "slug": "vladimir-norov",
                "portrait": portrait,
                "portrait_alt": "Vladimir Norov at a lectern",
                **fields,
            },
        )
    )
    return admin_client.post(url, data)


class PortraitForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "slug", "portrait", "portrait_alt"]


@pytest.mark.parametrize(
    ("format_", "extension", "content_type"),
    [("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png"), ("WEBP", "webp", "image/webp")],
)
def test_admin_accepts_a_portrait_under_a_generated_name(
    admin_client, format_, extension, content_type
):
    file = upload(f"vladimir-norov.{extension}", image_bytes(format_, (300, 400)), content_type)

    response = post_person(admin_client, file)

    assert response.status_code == 302
    person = Person.objects.get()
    assert re.fullmatch(
        rf"people/portraits/\d{{4}}/[0-9a-f]{{32}}\.{extension}", person.portrait.name
    )
    assert (person.portrait_width, person.portrait_height) == (300, 400)
    with Image.open(person.portrait.path) as stored:
        assert stored.format == format_


def test_model_form_accepts_a_png_portrait():
    file = upload("norov.png", image_bytes("PNG", (300, 400), mode="RGBA", color=(0, 0, 0, 0)))
    data = {"name": "Vladimir Norov", "slug": "vladimir-norov", "portrait_alt": "A portrait"}

    form = PortraitForm(data, {"portrait": file})

    assert form.is_valid(), form.errors
    person = form.save()
    with Image.open(person.portrait.path) as stored:
        assert (stored.format, stored.mode) == ("PNG", "RGBA")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("norov.jpg", b"GIF89a is what this pretends to be, but it is text.\n" * 10),
        ("norov.gif", image_bytes("GIF", (30, 40))),
        ("norov.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'),
        ("norov.jpg", image_bytes("JPEG", (300, 400))[:300]),
    ],
    ids=["text renamed .jpg", "GIF", "SVG", "truncated JPEG"],
)
def test_admin_refuses_a_portrait_that_is_not_a_jpeg_png_or_webp(admin_client, name, content):
    response = post_person(admin_client, upload(name, content))

    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.text
    assert not Person.objects.exists()
    assert stored_files() == []


def test_admin_refuses_a_portrait_over_the_size_limit(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 50_000
    content = noise_png((200, 200))

    response = post_person(admin_client, upload("norov.png", content, "image/png"))

    assert response.status_code == 200
    size, limit = filesizeformat(len(content)), filesizeformat(50_000)
    assert f"This file is {size}; images may be at most {limit}." in response.text
    assert not Person.objects.exists()


def test_admin_refuses_a_decompression_bomb_portrait(admin_client):
    response = post_person(admin_client, upload("norov.png", bomb_png(), "image/png"))

    assert response.status_code == 200
    assert (
        "This image is too large to process: at most 40 million pixels (width times height) "
        "are accepted."
    ) in response.text
    assert not Person.objects.exists()
    assert stored_files() == []


def test_portrait_and_its_renditions_carry_no_location(admin_client, client):
    post_person(admin_client, upload("norov.jpg", with_location(size=(600, 800))))
    person = Person.objects.get()

    assert metadata(person.portrait.path) == ({}, {}, set())
    html = client.get(person.get_absolute_url()).text
    urls = srcset_urls(html)
    assert urls
    for url in urls:
        assert url.startswith("/media/renditions/")
        assert metadata(media_path(url)) == ({}, {}, set())


def test_person_page_shows_the_portrait_as_a_picture_above_the_fold(client):
    person = factories.PersonFactory(
        portrait=upload("norov.jpg", image_bytes("JPEG", (1000, 1500))),
        portrait_alt="Vladimir Norov at a lectern",
    )

    html = client.get(person.get_absolute_url()).text

    picture = re.search(r'<picture class="portrait">.*?</picture>', html).group()
    webp = re.search(r'<source type="image/webp" srcset="([^"]*)" sizes="12rem">', picture)
    assert [item.rsplit(" ", 1)[1] for item in webp.group(1).split(", ")] == [
        "480w",
        "960w",
        "1000w",
    ]
    assert 'width="960" height="1440" alt="Vladimir Norov at a lectern"' in picture
    # The first thing on the page: loaded at once, not lazily.
    assert 'fetchpriority="high" decoding="async"' in picture
    assert 'loading="lazy"' not in picture
    assert person.portrait.url not in html


def test_people_list_never_links_a_portrait_upload(client):
    person = factories.PersonFactory(portrait=upload("norov.jpg", image_bytes("JPEG", (30, 40))))
    factories.ParticipationFactory(person=person)

    html = client.get("/en/people/").text

    assert person.name in html
    assert "/media/people/" not in html
