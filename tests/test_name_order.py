"""Names in the order a reader of each language sorts them, on lists and their pages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from people.views import OrganisationListView, PersonListView
from secretariat.collation import sort_key
from tests import factories
from topics.views import TagIndexView

# Russian: ё its own letter after "ye", Cyrillic before Latin, case aside.
RUSSIAN = ["Абрамов", "Елена", "ёж", "Ёлкин", "Жуков", "Иван Петров", "Иванов", "яков", "Adams"]
# Chinese by pinyin: 阿 a, 李 li, 王 wang (beside Wang in Latin letters), 张 zhang.
CHINESE = ["阿里", "李娜", "王芳", "Wang Li", "wu", "张伟", "Zhao"]
ENGLISH = ["adam", "bob", "Éclair", "émile", "Zed"]


@pytest.mark.parametrize(
    ("language", "ordered"), [("ru", RUSSIAN), ("zh-hans", CHINESE), ("en", ENGLISH)]
)
def test_sort_key_orders_as_the_language_does(language, ordered):
    shuffled = list(reversed(ordered))

    assert sorted(shuffled, key=lambda text: sort_key(text, language)) == ordered


def names_on(client, path):
    """The names linked in the list of results of the page at `path`, in order."""
    html = client.get(path).text
    results = re.search(r'<ul class="(?:cards|tag-index)"[^>]*>(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="[^"]+"(?: lang="[^"]+")?>([^<]+)</a>', results[1])


def path(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def people():
    """People named in Russian and Chinese, one only in English (shown as the fallback)."""
    rows = [
        ("Yolkin", "Ёлкин", "约尔金"),
        ("Abramov", "Абрамов", "阿布拉莫夫"),
        ("Zhukov", "Жуков", "朱可夫"),
        ("Yelena", "Елена", "叶连娜"),
        ("Adams", "", ""),
    ]
    for english, russian, chinese in rows:
        factories.PersonFactory(name=english, name_ru=russian, name_zh_hans=chinese)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Abramov", "Adams", "Yelena", "Yolkin", "Zhukov"]),
        ("ru", ["Абрамов", "Елена", "Ёлкин", "Жуков", "Adams"]),
        # a bu la mo fu, Adams, ye lian na, yue er jin, zhu ke fu
        ("zh-hans", ["阿布拉莫夫", "Adams", "叶连娜", "约尔金", "朱可夫"]),
    ],
)
def test_people_are_listed_as_the_page_language_sorts_across_pages(
    client, people, monkeypatch, language, expected
):
    monkeypatch.setattr(PersonListView, "paginate_by", 2)
    shown = []
    for page in (1, 2, 3):
        shown += names_on(client, f"{path('people:person_list', language)}?page={page}")

    assert shown == expected


@pytest.mark.django_db
def test_organisations_and_tags_are_listed_as_the_page_language_sorts(client, monkeypatch):
    monkeypatch.setattr(OrganisationListView, "paginate_by", 2)
    monkeypatch.setattr(TagIndexView, "paginate_by", 2)
    for english, russian in [("Youth council", "Молодёжный совет"), ("Bank", "Банк"), ("Zoo", "")]:
        factories.OrganisationFactory(name=english, name_ru=russian)
        event = factories.EventFactory()
        event.tags.add(factories.TagFactory(name=english.lower(), name_ru=russian.lower()))

    organisations = []
    tags = []
    for page in (1, 2):
        organisations += names_on(client, f"{path('people:organisation_list', 'ru')}?page={page}")
        tags += names_on(client, f"{path('tags:index', 'ru')}?page={page}")

    assert organisations == ["Банк", "Молодёжный совет", "Zoo"]
    assert tags == ["банк", "молодёжный совет", "zoo"]


@pytest.mark.django_db
def test_a_tag_page_lists_its_people_in_the_page_language_order(client):
    tag = factories.TagFactory(name="youth")
    for english, chinese in [("Zhang Wei", "张伟"), ("Li Na", "李娜"), ("Wang Fang", "王芳")]:
        factories.PersonFactory(name=english, name_zh_hans=chinese).tags.add(tag)

    html = client.get(path("tags:detail", "zh-hans", slug=tag.slug)).text

    members = re.search(r'<ul class="tag-members">(.*?)</ul>', html, re.S)[1]
    assert re.findall(r">([^<]+)</a>", members) == ["李娜", "王芳", "张伟"]


@pytest.mark.django_db
def test_an_organisation_page_lists_its_parts_in_the_page_language_order(client):
    parent = factories.OrganisationFactory(name="Parent")
    for english, russian in [("Archive", "Архив"), ("Youth office", "Отдел"), ("Bureau", "Бюро")]:
        factories.OrganisationFactory(name=english, name_ru=russian, parent=parent)

    html = client.get(path("people:organisation_detail", "ru", slug=parent.slug)).text

    parts = re.search(r'<h2 id="parts-title">.*?<ul>(.*?)</ul>', html, re.S)[1]
    assert re.findall(r">([^<]+)</a>", parts) == ["Архив", "Бюро", "Отдел"]
