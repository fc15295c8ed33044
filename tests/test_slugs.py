import pytest

from events.models import Event
from people.models import Person
from secretariat.slugs import latin_slug, title_for_slug, unique_slug
from tests import factories
from tests.admin_helpers import admin_url, event_form_data


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Vocational Education Roundtable", "vocational-education-roundtable"),
        ("Заседание СМИД", "zasedanie-smid"),
        ("上海合作组织", "shang-hai-he-zuo-zu-zhi"),
        ("SCO 2025: 昆明 — Kunming", "sco-2025-kun-ming-kunming"),
        ("  !!! ", ""),
    ],
)
def test_latin_slug_in_any_script(text, slug):
    assert latin_slug(text) == slug


def test_a_long_title_is_cut_at_a_word():
    assert latin_slug("alpha beta gamma", max_length=12) == "alpha-beta"


@pytest.mark.django_db
def test_a_taken_slug_gets_a_number():
    factories.PersonFactory(slug="vladimir-norov")
    factories.PersonFactory(slug="vladimir-norov-2")
    other = factories.PersonFactory(name="Other", slug="other")

    assert unique_slug(Person, "Владимир Норов") == "vladimir-norov-3"
    assert unique_slug(Person, "Other", exclude_pk=other.pk) == "other"


@pytest.mark.django_db
def test_the_slug_is_made_from_the_original_language():
    event = factories.EventFactory.build(
        original_language="zh-hans", title="Meeting", title_zh_hans="会议"
    )
    person = factories.PersonFactory.build(name="", name_ru="Норов")

    assert title_for_slug(event, "title") == "会议"
    assert title_for_slug(person, "name") == "Норов"


@pytest.mark.django_db
def test_a_blank_slug_is_made_from_the_original_languages_title():
    russian = factories.EventFactory(
        slug="", original_language="ru", title_ru="Заседание СМИД", title_en="CFM meeting"
    )
    chinese = factories.EventFactory(
        slug="", original_language="zh-hans", title_zh_hans="昆明圆桌会议"
    )
    twin = factories.EventFactory(slug="", original_language="ru", title_ru="Заседание СМИД")
    person = factories.PersonFactory(slug="", name_en=None, name_zh_hans="弗拉基米尔·诺罗夫")

    assert russian.slug == "zasedanie-smid"
    assert chinese.get_absolute_url() == "/en/events/kun-ming-yuan-zhuo-hui-yi/"
    assert twin.slug == "zasedanie-smid-2"
    assert person.slug == "fu-la-ji-mi-er-nuo-luo-fu"


@pytest.mark.django_db
def test_a_typed_slug_is_made_latin_and_a_stored_unicode_one_kept():
    event = factories.EventFactory(slug="职业教育")
    event.full_clean()
    assert event.slug == "职业教育"

    event.slug = "昆明 Roundtable!"
    event.full_clean()
    assert event.slug == "kun-ming-roundtable"
    new = factories.EventFactory.build(slug="Круглый-стол")
    new.full_clean(exclude=["tags"])
    assert new.slug == "kruglyi-stol"


@pytest.mark.django_db
def test_the_event_form_makes_a_blank_or_typed_slug_latin(admin_client):
    for slug, expected in [("", "kruglyi-stol-v-kunmine"), ("职业教育", "zhi-ye-jiao-yu")]:
        data = event_form_data(
            slug=slug, title_en="", original_language="ru", title_ru="Круглый стол в Куньмине"
        )
        response = admin_client.post(admin_url(Event, "add"), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Event.objects.filter(slug=expected).exists(), slug
