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
