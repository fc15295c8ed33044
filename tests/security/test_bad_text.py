"""Text no XSS payload, but still bad input: it must not break a page or a feed."""

import pytest
from django.urls import reverse

from secretariat import factories
from tags.models import Tag


@pytest.mark.parametrize("name", ["!!!", "<>", "{{}}", "—"])
def test_a_tag_without_letters_or_digits_gets_a_slug_and_a_page(client, db, name):
    event = factories.EventFactory(tags=[name, "???"])

    tag = Tag.objects.get(name=name)
    assert tag.slug.startswith("tag")
    assert client.get(tag.get_absolute_url()).status_code == 200
    assert client.get(event.get_absolute_url()).status_code == 200
    assert len({tag.slug for tag in Tag.objects.all()}) == 2


def test_control_characters_are_left_out_of_the_feeds(client, db):
    person = factories.PersonFactory(name="Vladimir\x0bNorov")
    event = factories.EventFactory(title="Form\x0cfeed roundtable", summary="A\x01B", body="C\x1fD")
    factories.ParticipationFactory(event=event, person=person)
    factories.QuoteFactory(event=event, speaker=person, text="Said\x0c so.", tags=["bad\x08tag"])

    for name, kwargs in [
        ("feeds:events_rss", {}),
        ("feeds:events_atom", {}),
        ("feeds:person_rss", {"slug": person.slug}),
        ("feeds:person_statements_rss", {"slug": person.slug}),
        ("feeds:person_statements_atom", {"slug": person.slug}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        content = response.content.decode()
        assert not any(c in content for c in "\x01\x08\x0b\x0c\x1f"), name
    assert "Formfeed roundtable" in client.get(reverse("feeds:events_rss")).content.decode()
