import pytest

from people.models import Person
from secretariat.slugs import latin_slug, title_for_slug, unique_slug
from tests import factories


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
