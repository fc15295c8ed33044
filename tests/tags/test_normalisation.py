import pytest
from django.core.exceptions import ValidationError

from events.models import Event, TaggedEvent
from tags.models import Tag, join_tags, normalise_tag_name, parse_tags, tag_key
from tests.admin_helpers import admin_url, event_form_data, form_as_submitted
from tests.factories import EventFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  Kunming ", "Kunming"),
        ("Big   Data", "Big Data"),
        ("vocational\teducation\n", "vocational education"),
        ("Cafe\u0301", "Café"),  # decomposed accent composed (NFC)
    ],
)
def test_normalise_tag_name(raw, stored):
    assert normalise_tag_name(raw) == stored


def test_tag_key_ignores_case_in_any_script():
    assert tag_key("Kunming") == tag_key(" KUNMING ") == "kunming"
    assert tag_key("Молодёжь") == tag_key("МОЛОДЁЖЬ")
    assert tag_key("Straße") == tag_key("STRASSE")


def test_case_and_space_variants_new_in_one_save_become_one_tag():
    event = EventFactory()

    event.tags.add("Kunming", "kunming", " KUNMING ", "Big  Data", "big data")

    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Big Data", "Kunming"]
    assert sorted(t.name for t in event.tags.all()) == ["Big Data", "Kunming"]
    assert TaggedEvent.objects.count() == 2


def test_variant_of_existing_tag_reuses_it_across_models():
    EventFactory().tags.add("Youth")
    quote = QuoteFactory()
    person = PersonFactory()

    quote.tags.add("youth")
    person.tags.set(["  YOUTH"])

    assert list(Tag.objects.values_list("name", flat=True)) == ["Youth"]
    assert [t.name for t in quote.tags.all()] == ["Youth"]
    assert [t.name for t in person.tags.all()] == ["Youth"]


def test_cyrillic_case_variants_become_one_tag():
    EventFactory().tags.add("Молодёжь", "МОЛОДЁЖЬ", "молодёжь")

    assert list(Tag.objects.values_list("name", flat=True)) == ["Молодёжь"]


def test_tag_saved_directly_is_normalised():
    tag = Tag.objects.create(name="  Vocational   education ")

    assert tag.name == "Vocational education"
    assert tag.key == "vocational education"
    assert tag.slug == "vocational-education"


def test_tag_differing_only_in_case_cannot_be_created_directly():
    from django.db import IntegrityError, transaction

    Tag.objects.create(name="Kunming")

    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="KUNMING")

    assert Tag.objects.count() == 1


def test_blank_tag_names_are_ignored():
    event = EventFactory()

    event.tags.add("", "   ", "5G")

    assert [t.name for t in event.tags.all()] == ["5G"]


def test_a_new_tag_gets_a_latin_slug_in_any_script():
    chinese = Tag.objects.create(name="职业教育")
    russian = Tag.objects.create(name="Профессиональное образование")
    again = Tag.objects.create(name="职业 教育")

    assert chinese.get_absolute_url() == "/en/tags/zhi-ye-jiao-yu/"
    assert russian.slug == "professionalnoe-obrazovanie"
    assert again.slug == "zhi-ye-jiao-yu-1"


def test_a_stored_unicode_tag_slug_keeps_answering(client):
    tag = Tag.objects.create(name="职业教育", slug="职业教育")
    EventFactory(tags=[tag])

    assert client.get("/en/tags/职业教育/").context["tag"] == tag


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("vocational education", ["vocational education"]),
        ("Kunming, kunming ,  KUNMING", ["Kunming"]),
        ('"Big Data", 5G,, ', ["5G", "Big Data"]),
        ("", []),
    ],
)
def test_parse_tags_splits_on_commas_only(text, names):
    assert parse_tags(text) == names


def test_join_tags_round_trips_through_parse_tags():
    tags = [Tag(name="vocational education"), Tag(name="5G"), Tag(name="Big Data")]

    assert join_tags(tags) == "5G, Big Data, vocational education"
    assert parse_tags(join_tags(tags)) == ["5G", "Big Data", "vocational education"]


@pytest.mark.parametrize("name", ["!!!", "?!.", "🎉🎉", "—", "\u0301"])
def test_a_new_tag_without_a_letter_or_digit_is_refused_whichever_way_it_comes(name):
    event = EventFactory()

    with pytest.raises(ValidationError) as error:
        event.tags.add(name)
    with pytest.raises(ValidationError):
        Tag.objects.create(name=name)

    assert error.value.code == "no_letter_or_digit"
    assert not Tag.objects.exists()


@pytest.mark.parametrize("name", ["5G", "教育", "🚀 Space", "Ⅻ", "SCO-2020"])
def test_a_letter_or_digit_in_any_script_is_enough(name):
    tag = Tag.objects.create(name=name)

    assert tag.slug
    assert tag_key(name)


def test_the_tags_field_names_every_name_that_cannot_be_a_tag(admin_client):
    response = admin_client.post(admin_url(Event, "add"), event_form_data(tags="?!.,;:, Youth"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [
        "“;:” cannot be a tag: a tag needs at least one letter or digit.",
        "“?!.” cannot be a tag: a tag needs at least one letter or digit.",
    ]
    assert not Event.objects.exists()
    assert not Tag.objects.exists()


def test_the_tag_page_refuses_a_name_without_a_letter_or_digit(admin_client):
    tag = Tag.objects.create(name="Youth")
    page = admin_client.get(admin_url(Tag, "change", tag.pk))

    response = admin_client.post(
        admin_url(Tag, "change", tag.pk), {**form_as_submitted(page, "tag_form"), "name_en": "🎉"}
    )
    added = admin_client.post(admin_url(Tag, "add"), {"name_en": "!!!", "slug": "tag"})

    assert response.context["adminform"].form.errors["name_en"] == [
        "“🎉” cannot be a tag: a tag needs at least one letter or digit."
    ]
    assert added.context["adminform"].form.errors["name_en"] == [
        "“!!!” cannot be a tag: a tag needs at least one letter or digit."
    ]
    assert list(Tag.objects.values_list("name", flat=True)) == ["Youth"]
