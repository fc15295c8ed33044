"""Migrations of the search index that move data, run forwards over documents made before them."""

import pytest

from tests.migrations import migrate

BEFORE_TAG_LABELS = [("search", "0007_cjk_name_key")]
TAG_LABELS = [("search", "0008_tag_labels")]


@pytest.mark.django_db(transaction=True)
def test_0008_fills_each_documents_tag_labels_from_its_tag_links(latest_migrations):
    apps = migrate(BEFORE_TAG_LABELS)
    Tag = apps.get_model("tags", "Tag")
    Document = apps.get_model("search", "Document")
    DocumentTag = apps.get_model("search", "DocumentTag")
    ibex = Tag.objects.create(name="ibex", slug="ibex", key="ibex")
    heron = Tag.objects.create(name="Heron studies", slug="heron-studies", key="heron studies")
    tagged, untagged = (
        Document.objects.create(kind="event", object_id=n, title=f"Event {n}", url=f"/e/{n}/")
        for n in (1, 2)
    )
    DocumentTag.objects.create(content_object=tagged, tag=ibex)
    DocumentTag.objects.create(content_object=tagged, tag=heron)

    apps = migrate(TAG_LABELS)

    labels = dict(apps.get_model("search", "Document").objects.values_list("pk", "tag_labels"))
    assert labels == {
        tagged.pk: [["heron-studies", "Heron studies"], ["ibex", "ibex"]],
        untagged.pk: [],
    }


BEFORE_LANGUAGES = [("search", "0010_latin_key")]
LANGUAGES = [("search", "0011_documents_per_language")]


@pytest.mark.django_db(transaction=True)
def test_0011_makes_the_documents_english_and_copies_them_into_every_language(latest_migrations):
    apps = migrate(BEFORE_LANGUAGES)
    Tag = apps.get_model("tags", "Tag")
    Document = apps.get_model("search", "Document")
    DocumentTag = apps.get_model("search", "DocumentTag")
    ibex = Tag.objects.create(name="ibex", slug="ibex", key="ibex")
    old = Document.objects.create(
        kind="event",
        object_id=1,
        title="Ibex forum",
        url="/events/ibex/",
        tag_labels=[["ibex", "ibex"]],
    )
    DocumentTag.objects.create(content_object=old, tag=ibex)
    # Written after the language addresses came, before this migration.
    Document.objects.create(kind="person", object_id=1, title="Norov", url="/en/people/norov/")

    apps = migrate(LANGUAGES)

    Document = apps.get_model("search", "Document")
    rows = Document.objects.order_by("kind", "language").values_list(
        "kind", "language", "title", "url", "title_language", "tag_labels"
    )
    assert list(rows) == [
        ("event", "en", "Ibex forum", "/en/events/ibex/", "en", [["ibex", "ibex"]]),
        ("event", "ru", "Ibex forum", "/ru/events/ibex/", "en", [["ibex", "ibex"]]),
        ("event", "zh-hans", "Ibex forum", "/zh-hans/events/ibex/", "en", [["ibex", "ibex"]]),
        ("person", "en", "Norov", "/en/people/norov/", "en", []),
        ("person", "ru", "Norov", "/ru/people/norov/", "en", []),
        ("person", "zh-hans", "Norov", "/zh-hans/people/norov/", "en", []),
    ]
    tagged = apps.get_model("search", "DocumentTag").objects.values_list(
        "content_object__language", "tag__slug"
    )
    assert sorted(tagged) == [("en", "ibex"), ("ru", "ibex"), ("zh-hans", "ibex")]

    apps = migrate(BEFORE_LANGUAGES)

    titles = apps.get_model("search", "Document").objects.order_by("kind").values_list("url")
    assert list(titles) == [("/en/events/ibex/",), ("/en/people/norov/",)]
