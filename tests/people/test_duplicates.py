import pytest
from django.contrib.admin.options import IS_POPUP_VAR
from django.urls import reverse

from people.models import Organisation, OrganisationName, Person
from tests import factories
from tests.admin_helpers import admin_url, form_as_submitted, in_english, loaded_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def norov(indexed):
    with indexed():
        person = factories.PersonFactory(name="Vladimir Norov", slug="vladimir-norov")
        factories.PersonNameFactory(person=person, name="诺罗夫", language="zh-hans")
        factories.PersonFactory(name="Boris Petrov", slug="boris-petrov")
    return person


def add_person(client, name, query="", **fields):
    url = admin_url(Person, "add") + query
    data = form_as_submitted(client.get(url), "person_form")
    data.update(in_english(Person, {"name": name, "slug": fields.pop("slug", "new-person")}))
    data.update(fields)
    return client.post(url, data)


def warned_about(response):
    """The names the form asks "Is this the same as …?" about, with their links, else None."""
    form = response.context["adminform"].form
    errors = form.errors.as_data().get("not_duplicate")
    if not errors:
        return None
    assert [error.code for error in errors] == ["possible_duplicate"]
    return str(errors[0].message)


def change_link(person):
    url = admin_url(type(person), "change", person.pk)
    return f'<a href="{url}" target="_blank" rel="noopener">{person.name}</a>'


@pytest.mark.parametrize(
    "name",
    [
        "Vladimir Norov",  # the same
        "vladimir  NOROV",  # case and spaces
        "Владимир Норов",  # another script
        "Vladimir Norow",  # another spelling
        "Vladimer Norov",  # a typo
        "Norov",  # the surname alone
        "诺罗夫",  # an alternative name
    ],
)
def test_a_new_person_named_like_another_is_not_saved_but_asked_about(admin_client, norov, name):
    response = add_person(admin_client, name)

    assert response.status_code == 200
    assert warned_about(response) == (
        f"Is this the same as {change_link(norov)}? "
        "If not, tick “This is a different person” and save again."
    )
    assert list(Person.objects.order_by("name").values_list("name", flat=True)) == [
        "Boris Petrov",
        "Vladimir Norov",
    ]
    html = response.content.decode()
    assert change_link(norov) in html
    assert '<input type="checkbox" name="not_duplicate" aria-invalid="true"' in html


def test_the_name_in_every_language_is_checked(admin_client, norov):
    # Only the Russian name is like another person's: the English one is new.
    response = add_person(admin_client, "Kairat Ermekbaev", name_ru="Владимир Норов")

    assert warned_about(response) == (
        f"Is this the same as {change_link(norov)}? "
        "If not, tick “This is a different person” and save again."
    )
    assert not Person.objects.filter(name_en="Kairat Ermekbaev").exists()


def test_renaming_a_person_in_another_language_only_asks(admin_client, norov, indexed):
    with indexed():
        other = factories.PersonFactory(name="Vladimir Petrov", slug="vladimir-petrov")

    response = change_person(admin_client, other, name_zh_hans="诺罗夫")

    assert warned_about(response).startswith(f"Is this the same as {change_link(norov)}?")
    other.refresh_from_db()
    assert not other.name_zh_hans


def test_a_person_with_no_public_event_is_still_found(admin_client, norov):
    assert not norov.participations.exists()

    assert warned_about(add_person(admin_client, "V. Norov")) is not None


def test_an_alternative_name_in_cyrillic_matches(admin_client, indexed):
    with indexed():
        zhang = factories.PersonFactory(name="Zhang Ming", slug="zhang-ming")
        factories.PersonNameFactory(person=zhang, name="Чжан Мин", language="ru")

    response = add_person(admin_client, "Чжан Мин")

    assert change_link(zhang) in warned_about(response)
    assert Person.objects.count() == 1


def test_a_new_alternative_name_matching_another_person_is_asked_about(admin_client, norov):
    response = add_person(
        admin_client,
        "V. N.",
        **{
            "alternative_names-TOTAL_FORMS": "2",
            "alternative_names-0-name": "Владимир Норов",
            "alternative_names-0-language": "ru",
            "alternative_names-1-name": "Boris Petrov",
            "alternative_names-1-language": "en",
            "alternative_names-1-DELETE": "on",
        },
    )

    # Not the deleted row's name.
    assert warned_about(response).startswith(f"Is this the same as {change_link(norov)}?")
    assert Person.objects.count() == 2


def test_a_different_name_is_saved_without_a_question(admin_client, norov):
    response = add_person(admin_client, "Kairat Ermekbaev")

    assert response.status_code == 302
    assert Person.objects.filter(name="Kairat Ermekbaev").count() == 1


def test_several_matches_are_named_by_name(admin_client, norov, indexed):
    with indexed():
        other = factories.PersonFactory(name="Vladimir Norrov", slug="vladimir-norrov")

    message = warned_about(add_person(admin_client, "Vladimir Norov"))

    assert message.startswith(f"Is this the same as {change_link(norov)}, {change_link(other)}?")


def test_the_confirmed_person_is_saved(admin_client, norov):
    url = admin_url(Person, "add")
    asked = add_person(admin_client, "Vladimir Norov", slug="vladimir-norov-2")
    data = form_as_submitted(asked, "person_form")
    assert data["name_en"] == "Vladimir Norov"

    response = admin_client.post(url, {**data, "not_duplicate": "on"})

    assert response.status_code == 302
    assert sorted(Person.objects.values_list("slug", flat=True)) == [
        "boris-petrov",
        "vladimir-norov",
        "vladimir-norov-2",
    ]


def test_the_pop_up_from_the_event_form_asks_too(admin_client, norov):
    query = f"?{IS_POPUP_VAR}=1"
    asked = add_person(admin_client, "Владимир Норов", query=query, slug="vladimir-norov-2")

    assert change_link(norov) in warned_about(asked)
    assert Person.objects.count() == 2

    data = form_as_submitted(asked, "person_form")
    assert data[IS_POPUP_VAR] == "1"
    response = admin_client.post(admin_url(Person, "add") + query, {**data, "not_duplicate": "on"})

    assert response.status_code == 200
    assert response.templates[0].name == "admin/popup_response.html"
    assert Person.objects.filter(slug="vladimir-norov-2").get().name == "Владимир Норов"


def change_person(client, person, **fields):
    url = admin_url(Person, "change", person.pk)
    data = form_as_submitted(client.get(url), "person_form")
    data.update(loaded_version=loaded_version(person), **in_english(Person, fields))
    return client.post(url, data)


def test_editing_a_person_does_not_ask_about_itself(admin_client, norov):
    response = change_person(admin_client, norov, bio="Secretary-General.")

    assert response.status_code == 302
    norov.refresh_from_db()
    assert norov.bio == "Secretary-General."


def test_renaming_a_person_like_another_asks(admin_client, norov, indexed):
    with indexed():
        other = factories.PersonFactory(name="Vladimir Petrov", slug="vladimir-petrov")

    response = change_person(admin_client, other, name="Vladimir Norow")

    assert warned_about(response).startswith(f"Is this the same as {change_link(norov)}?")
    other.refresh_from_db()
    assert other.name == "Vladimir Petrov"


def add_organisation(client, name, **fields):
    url = admin_url(Organisation, "add")
    data = form_as_submitted(client.get(url), "organisation_form")
    data.update(in_english(Organisation, {"name": name, "slug": "new-organisation", **fields}))
    return client.post(url, data)


def test_a_new_organisation_named_like_another_is_asked_about(admin_client, indexed):
    with indexed():
        sco = factories.OrganisationFactory(
            name="Shanghai Cooperation Organisation", short_name="SCO"
        )
        OrganisationName.objects.create(
            organisation=sco, name="Шанхайская организация сотрудничества", language="ru"
        )
        factories.OrganisationFactory(name="Shanghai Institute for International Studies")

    for name in ["Shanghai Cooperation Organization", "шанхайская организация сотрудничества"]:
        response = add_organisation(admin_client, name)

        assert warned_about(response) == (
            f"Is this the same as {change_link(sco)}? "
            "If not, tick “This is a different organisation” and save again."
        ), name
    assert Organisation.objects.count() == 2

    different = add_organisation(admin_client, "Shanghai Museum")
    assert different.status_code == 302
    assert Organisation.objects.count() == 3


def test_the_confirmed_organisation_is_saved(admin_client, indexed):
    with indexed():
        factories.OrganisationFactory(name="Youth Council", slug="youth-council")

    asked = add_organisation(admin_client, "Youth Council")
    data = form_as_submitted(asked, "organisation_form")
    response = admin_client.post(admin_url(Organisation, "add"), {**data, "not_duplicate": "on"})

    assert response.status_code == 302
    assert Organisation.objects.filter(name="Youth Council").count() == 2


def autocomplete(client, term, model_name="participation", field_name="person"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("term", ["Vladimor", "Norov", "Норов", "诺罗夫", "ladimir", "vlad nor"])
def test_person_autocomplete_finds_as_the_search_does(admin_client, norov, term):
    assert autocomplete(admin_client, term) == ["Vladimir Norov"]


def test_person_autocomplete_finds_a_surname_not_an_unrelated_person(admin_client, indexed):
    # "Rashid" is "Rashidov" mistyped, as the site's search takes it.
    with indexed():
        factories.PersonFactory(name="Sharof Rashidov", slug="sharof-rashidov")
        factories.PersonFactory(name="Rashid Alimov", slug="rashid-alimov")
        factories.PersonFactory(name="Boris Petrov", slug="boris-petrov")

    assert autocomplete(admin_client, "Rashidov") == ["Rashid Alimov", "Sharof Rashidov"]
    assert autocomplete(admin_client, "Sharof Rashidov") == ["Sharof Rashidov"]
    assert autocomplete(admin_client, "Petrov") == ["Boris Petrov"]


def test_organisation_autocomplete_finds_as_the_search_does(admin_client, indexed):
    with indexed():
        sco = factories.OrganisationFactory(
            name="Shanghai Cooperation Organisation", short_name="SCO"
        )
        OrganisationName.objects.create(
            organisation=sco, name="Шанхайская организация сотрудничества", language="ru"
        )
        factories.OrganisationFactory(name="Youth Council")

    for term in ["SCO", "Шанхайская", "Organization", "cooperation org"]:
        assert autocomplete(admin_client, term, "eventorganisation", "organisation") == [
            "Shanghai Cooperation Organisation"
        ], term
