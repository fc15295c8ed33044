"""The admin with a text per language: errors on the right input, tags and conflicts."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from events.models import Event, Quote, Session, Visit
from people.models import Organisation, Person
from secretariat.admin_languages import in_every_language
from secretariat.languages import CODES, translated_fields
from tags.models import Tag
from tests import factories
from tests.admin_helpers import admin_url, event_form_data, form_as_submitted, loaded_version

pytestmark = pytest.mark.django_db


def test_a_title_missing_in_the_original_language_is_an_error_on_that_input(admin_client):
    data = event_form_data(original_language="ru", title="Only in English")

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "title_ru": ["Required in Russian, the original language."]
    }
    assert not Event.objects.exists()


def test_an_event_written_in_russian_is_saved_with_its_russian_title(admin_client):
    data = event_form_data(original_language="ru", title="", title_ru="Заседание СМИД")

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.original_language, event.title_ru) == ("ru", "Заседание СМИД")
    assert not event.title_en


def test_a_change_in_another_language_only_refuses_a_stale_save(admin_client):
    event = factories.EventFactory(draft=True, title="Meeting")
    opened = event_form_data(event)
    # Another editor adds the Russian title after this form was opened.
    Event.objects.filter(pk=event.pk).update(title_ru="Встреча")

    response = admin_client.post(
        admin_url(Event, "change", event.pk), {**opened, "city_en": "Bishkek"}
    )

    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.non_field_errors()[0]
        .startswith("This event was changed after you opened it.")
    )


def test_the_version_digest_does_not_depend_on_the_admins_language():
    event = factories.EventFactory(title="Meeting", title_ru="Встреча")
    english = loaded_version(event).partition("|")[2]

    with translation.override("ru"):
        russian = loaded_version(event).partition("|")[2]

    assert english == russian


def test_a_tag_named_only_in_russian_takes_its_key_from_that_name():
    tag = Tag.objects.create(name_ru="  Молодёжь ")

    assert (tag.name_ru, tag.name_en, tag.key) == ("Молодёжь", None, "молодёжь")


def test_saving_a_tag_in_another_language_keeps_each_name_in_its_own_column():
    tag = Tag.objects.create(name_en="Youth", name_ru="Молодёжь")

    with translation.override("ru"):
        tag.save()

    tag.refresh_from_db()
    assert (tag.name_en, tag.name_ru, tag.key) == ("Youth", "Молодёжь", "youth")


def test_a_russian_name_taken_as_another_tags_key_is_refused_on_the_russian_input(admin_client):
    Tag.objects.create(name_ru="Молодёжь")

    response = admin_client.post(admin_url(Tag, "add"), {"name_ru": "МОЛОДЁЖЬ", "slug": "m"})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["name_ru"]
    assert Tag.objects.count() == 1


def test_a_tag_renamed_in_russian_keeps_its_english_key(admin_client):
    tag = Tag.objects.create(name_en="Youth")
    page = admin_client.get(admin_url(Tag, "change", tag.pk))

    response = admin_client.post(
        admin_url(Tag, "change", tag.pk),
        {**form_as_submitted(page, "tag_form"), "name_ru": " Молодёжь"},
    )

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name_en, tag.name_ru, tag.key, tag.slug) == ("Youth", "Молодёжь", "youth", "youth")


def changelist(client, model, **params):
    """The records `model`'s admin list shows for the query `params`, as their string."""
    response = client.get(admin_url(model, "changelist"), params)
    assert response.status_code == 200
    return sorted(str(record) for record in response.context["cl"].result_list)


def test_the_events_missing_in_russian_are_those_without_a_russian_title(admin_client):
    factories.EventFactory(title="Only in English")
    factories.EventFactory(title="Emptied in Russian", title_ru="")
    factories.EventFactory(title="Meeting", title_ru="Встреча")
    factories.EventFactory(title="", title_ru="Только по-русски", original_language="ru")

    assert changelist(admin_client, Event, missing_in="ru") == [
        "Emptied in Russian",
        "Only in English",
    ]
    assert changelist(admin_client, Event, missing_in="en") == ["Только по-русски"]


def test_the_people_missing_in_chinese_are_those_without_a_chinese_name(admin_client):
    factories.PersonFactory(name="Vladimir Norov", name_zh_hans="弗拉基米尔·诺罗夫")
    factories.PersonFactory(name="Boris Petrov", name_ru="Борис Петров")

    assert changelist(admin_client, Person, missing_in="zh-hans") == ["Boris Petrov"]
    assert changelist(admin_client, Person, missing_in="ru") == ["Vladimir Norov"]


def test_the_tags_missing_in_english_are_those_without_an_english_name(admin_client):
    Tag.objects.create(name_en="Youth", name_ru="Молодёжь")
    Tag.objects.create(name_ru="Энергетика")

    assert changelist(admin_client, Tag, missing_in="en") == ["Энергетика"]
    assert changelist(admin_client, Tag, missing_in="ru") == []
    assert len(changelist(admin_client, Tag)) == 2


@pytest.mark.parametrize(
    ("model", "make", "field", "english", "russian"),
    [
        (Quote, factories.QuoteFactory, "text", "Words", "Слова"),
        (Session, factories.SessionFactory, "title", "Opening", "Открытие"),
        (Visit, factories.VisitFactory, "place", "Museum", "Музей"),
        (Organisation, factories.OrganisationFactory, "name", "SCO", "ШОС"),
    ],
)
def test_the_records_missing_in_russian_are_those_without_their_russian_text(
    admin_client, model, make, field, english, russian
):
    untranslated = make(**{field: english})
    make(**{field: english, f"{field}_ru": russian})

    response = admin_client.get(admin_url(model, "changelist"), {"missing_in": "ru"})

    assert [record.pk for record in response.context["cl"].result_list] == [untranslated.pk]


def test_the_event_search_finds_a_russian_word_in_the_russian_title_only(admin_client):
    factories.EventFactory(title="Meeting of ministers", title_ru="Встреча министров")
    factories.EventFactory(title="Meeting of ministers", summary="Ministers met.")

    assert changelist(admin_client, Event, q="министров") == ["Meeting of ministers"]
    assert changelist(admin_client, Event, q="ministers") == [
        "Meeting of ministers",
        "Meeting of ministers",
    ]


def test_the_search_through_a_relation_looks_in_every_language(admin_client):
    norov = factories.PersonFactory(name="Vladimir Norov", name_zh_hans="弗拉基米尔·诺罗夫")
    said = factories.QuoteFactory(speaker=norov, text="Youth matters.")
    factories.QuoteFactory(text="Trade matters.")
    session = factories.SessionFactory(
        event=factories.EventFactory(title="Forum", title_ru="Форум"), title="Opening"
    )
    factories.SessionFactory(event=factories.EventFactory(title="Forum"), title="Opening")

    quotes = admin_client.get(admin_url(Quote, "changelist"), {"q": "诺罗夫"})
    sessions = admin_client.get(admin_url(Session, "changelist"), {"q": "Форум"})

    assert list(quotes.context["cl"].result_list) == [said]
    assert list(sessions.context["cl"].result_list) == [session]


def test_the_tag_search_finds_a_tag_by_its_chinese_name(admin_client):
    Tag.objects.create(name_en="Youth", name_zh_hans="青年")
    Tag.objects.create(name_en="Energy", name_zh_hans="能源")

    assert changelist(admin_client, Tag, q="青年") == ["Youth"]


@pytest.fixture
def norov_in_three_scripts(indexed):
    with indexed():
        person = factories.PersonFactory(
            name="Vladimir Norov", name_ru="Владимир Норов", name_zh_hans="弗拉基米尔·诺罗夫"
        )
        factories.PersonFactory(
            name="Boris Petrov", name_ru="Борис Петров", name_zh_hans="鲍里斯·彼得罗夫"
        )
    return person


def autocomplete(client, term, **headers):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "quote", "field_name": "speaker", "term": term},
        headers=headers,
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("term", ["诺罗夫", "Норов", "Norov", "norov vladimir"])
def test_the_autocomplete_finds_a_person_by_a_name_in_any_script(
    admin_client, norov_in_three_scripts, term
):
    assert autocomplete(admin_client, term, accept_language="ru") == ["Владимир Норов"]
    assert autocomplete(admin_client, term) == ["Vladimir Norov"]


def test_the_autocomplete_finds_a_person_named_in_cyrillic_only_by_the_latin_name(
    admin_client, indexed
):
    with indexed():
        factories.PersonFactory(name="", name_ru="Владимир Норов")
        factories.PersonFactory(name="", name_ru="Борис Петров")

    # Through the search index, which spells every name in Latin letters too.
    assert autocomplete(admin_client, "Norov", accept_language="ru") == ["Владимир Норов"]


def test_the_person_search_finds_a_name_in_any_script(admin_client, norov_in_three_scripts):
    for term in ["诺罗夫", "Норов", "Norov"]:
        assert changelist(admin_client, Person, q=term) == ["Vladimir Norov"], term


def test_in_every_language_keeps_prefixes_lookups_and_plain_fields():
    assert in_every_language(
        Quote, ["^speaker__name", "=event__title__iexact", "kind", "slug"]
    ) == [
        "^speaker__name_en",
        "^speaker__name_ru",
        "^speaker__name_zh_hans",
        "=event__title_en__iexact",
        "=event__title_ru__iexact",
        "=event__title_zh_hans__iexact",
        "kind",
        "slug",
    ]


def input_tag(html, name):
    """The `<input>` named `name` on the page."""
    return re.search(rf'<input[^>]* name="{name}"[^>]*>', html)[0]


def labels(form):
    """{input name: label tag's text} of `form`'s inputs for one language or another."""
    suffixes = tuple("_" + code.replace("-", "_") for code in CODES)
    return {
        name: strip_tags(form[name].label_tag()) for name in form.fields if name.endswith(suffixes)
    }


def test_the_inputs_of_the_original_language_are_marked_on_the_event_form(admin_client):
    event = factories.EventFactory(
        draft=True, original_language="ru", title="Forum", title_ru="Форум"
    )
    factories.SessionFactory(event=event, title="Opening")
    factories.QuoteFactory(event=event, original_language="zh-hans", text="Words")

    response = admin_client.get(admin_url(Event, "change", event.pk))

    form = response.context["adminform"].form
    marked = {name for name, label in labels(form).items() if label.endswith(" (original):")}
    assert marked == {
        f"{field}_ru" for field in translated_fields(Event) if f"{field}_ru" in form.fields
    }
    assert (labels(form)["title_ru"], labels(form)["title_en"]) == (
        "Title [ru] (original):",
        "Title [en]:",
    )
    # The change log names the input as before.
    assert form.fields["title_ru"].label == "Title [ru]"
    assert "original-language" in form.fields["title_ru"].widget.attrs["class"].split()
    assert "original-language" not in form.fields["title_en"].widget.attrs["class"].split()
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in response.context["inline_admin_formsets"]
    }
    session_row = formsets["sessions"].forms[0]
    assert (labels(session_row)["title_ru"], labels(session_row)["title_en"]) == (
        "Title [ru] (original):",
        "Title [en]:",
    )
    # A quote said in Chinese in a Russian account: its text's original is the Chinese one.
    quote_row = formsets["quotes"].forms[0]
    assert labels(quote_row)["text_zh_hans"].endswith(" (original):")
    assert not labels(quote_row)["text_ru"].endswith(" (original):")
    html = response.content.decode()
    assert "original-language" in input_tag(html, "title_ru")
    assert "original-language" not in input_tag(html, "title_en")


def test_the_original_language_follows_the_language_chosen_on_a_refused_save(admin_client):
    data = event_form_data(original_language="zh-hans", title="Only in English")

    response = admin_client.post(admin_url(Event, "add"), data)

    form = response.context["adminform"].form
    assert labels(form)["title_zh_hans"] == "Title [zh-hans] (original):"
    assert labels(form)["title_en"] == "Title [en]:"


def test_a_person_has_no_original_language_to_mark(admin_client):
    person = factories.PersonFactory(name="Vladimir Norov", name_ru="Владимир Норов")

    response = admin_client.get(admin_url(Person, "change", person.pk))

    form = response.context["adminform"].form
    assert not [label for label in labels(form).values() if "(original)" in label]
    assert "original-language" not in response.content.decode()
