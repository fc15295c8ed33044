"""Text no XSS payload, but still bad input: it must not break a page or a feed."""

from django.urls import reverse

from tags.models import Tag
from tests import factories


def test_control_characters_are_left_out_of_the_feeds(client, db):
    person = factories.PersonFactory(name="Vladimir\x0bNorov")
    event = factories.EventFactory(title="Form\x0cfeed roundtable", summary="A\x01B", body="C\x1fD")
    factories.ParticipationFactory(event=event, person=person)
    quote = factories.QuoteFactory(event=event, speaker=person, text="Said\x0c so.")
    # Stored before the admin refused control characters, as old records may be.
    quote.tags.add(Tag.objects.bulk_create([Tag(name="bad\x08tag", slug="bad-tag", key="bad")])[0])

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
