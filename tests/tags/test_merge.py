"""Tag hygiene in the admin: usage counts, merging tags, renaming one."""

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Quote, TaggedEvent, TaggedQuote, TaggedVisit, Visit
from people.models import Organisation, Person, TaggedOrganisation, TaggedPerson
from tags import services
from tags.models import Tag
from tags.services import merge_tags
from tests import factories
from tests.admin_helpers import admin_url, in_english, loaded_version

pytestmark = pytest.mark.django_db

LINKS = [TaggedEvent, TaggedQuote, TaggedVisit, TaggedPerson, TaggedOrganisation]


def links():
    """{link model name: sorted (object, tag name) pairs}, for every link table."""
    return {
        link.__name__: sorted(
            (str(row.content_object), row.tag.name)
            for row in link.objects.select_related("content_object", "tag")
        )
        for link in LINKS
    }


def redirects():
    """The stored redirects, as the English addresses they answer (stored without a prefix)."""
    return {
        (f"/en{old}", f"/en{new}")
        for old, new in Redirect.objects.values_list("old_path", "new_path")
    }


@pytest.fixture
def kunming():
    """ "Kunming" and two variants of it, used on every kind of content, drafts included.

    The second event and the visit carry two of the three: they must end with one link.
    """
    first = factories.EventFactory(title="First", tags=["kunming city", "youth"])
    factories.EventFactory(title="Second", tags=["KM", "Kunming"])
    factories.EventFactory(title="Draft", tags=["KM"], draft=True)
    norov = factories.PersonFactory(name="Norov", tags=["kunming city"])
    factories.QuoteFactory(event=first, speaker=norov, text="Said", tags=["KM"])
    factories.VisitFactory(event=first, place="Airport", tags=["kunming city", "KM"])
    factories.OrganisationFactory(name="Government", tags=["KM", "youth"])
    return {tag.name: tag for tag in Tag.objects.all()}


MERGED = {
    "TaggedEvent": [
        ("Draft", "Kunming"),
        ("First", "Kunming"),
        ("First", "youth"),
        ("Second", "Kunming"),
    ],
    "TaggedQuote": [("Norov: Said", "Kunming")],
    "TaggedVisit": [("Airport", "Kunming")],
    "TaggedPerson": [("Norov", "Kunming")],
    "TaggedOrganisation": [("Government", "Kunming"), ("Government", "youth")],
}


# merge_tags


def test_merge_tags_moves_every_use_to_the_kept_tag_once(kunming):
    result = merge_tags(kunming["Kunming"], [kunming["KM"], kunming["kunming city"]])

    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Kunming", "youth"]
    assert links() == MERGED
    assert result.kept == kunming["Kunming"]
    assert result.merged == ["KM", "kunming city"]
    assert result.moved == {Event: 2, Organisation: 1, Person: 1, Quote: 1, Visit: 1}
    assert result.dropped == {Event: 1, Organisation: 0, Person: 0, Quote: 0, Visit: 1}
    assert redirects() == {
        ("/en/tags/km/", "/en/tags/kunming/"),
        ("/en/tags/kunming-city/", "/en/tags/kunming/"),
    }


def test_merged_tag_page_redirects_to_the_kept_tag_page(client, kunming):
    merge_tags(kunming["Kunming"], [kunming["kunming city"]])

    response = client.get("/en/tags/kunming-city/")

    assert (response.status_code, response["Location"]) == (301, "/en/tags/kunming/")
    assert client.get("/en/tags/kunming/").status_code == 200


def test_merge_tags_collapses_redirects_to_a_merged_tag(client, kunming):
    city = kunming["kunming city"]
    city.slug = "kunming-city-2020"
    city.save()

    merge_tags(kunming["Kunming"], [city])

    assert redirects() == {
        ("/en/tags/kunming-city/", "/en/tags/kunming/"),
        ("/en/tags/kunming-city-2020/", "/en/tags/kunming/"),
    }


def test_merge_tags_leaves_everything_alone_with_nothing_else_to_merge(kunming):
    before = links()

    result = merge_tags(kunming["Kunming"], [kunming["Kunming"]])

    assert links() == before
    assert Tag.objects.count() == 4
    assert result.merged == []
    assert sum(result.moved.values()) == sum(result.dropped.values()) == 0
    assert redirects() == set()


def test_merge_tags_is_one_transaction(kunming, monkeypatch):
    def fail(old_path, new_path):
        raise RuntimeError("redirect storage down")

    monkeypatch.setattr(services, "record_move", fail)
    before = links()

    with pytest.raises(RuntimeError):
        merge_tags(kunming["Kunming"], [kunming["KM"], kunming["kunming city"]])

    assert links() == before
    assert Tag.objects.count() == 4
    assert redirects() == set()


# The merge action


def merge_post(tags, **extra):
    return {"action": "merge_selected", "_selected_action": [tag.pk for tag in tags], **extra}


def test_merge_action_asks_which_tag_to_keep(admin_client, kunming):
    selected = [kunming["Kunming"], kunming["KM"], kunming["kunming city"]]

    response = admin_client.post(admin_url(Tag, "changelist"), merge_post(selected))

    assert response.status_code == 200
    assert response.templates[0].name == "admin/tags/tag/merge_tags.html"
    assert sorted(str(label) for _, label in response.context["form"].fields["keep"].choices) == [
        "KM (km): events: 2, organisations: 1, people: 0, quotes: 1, visits: 1",
        "Kunming (kunming): events: 1, organisations: 0, people: 0, quotes: 0, visits: 0",
        "kunming city (kunming-city): events: 1, organisations: 0, people: 1, quotes: 0, visits: 1",
    ]
    assert "Every use of the other 2 selected tags moves to it" in response.text
    assert Tag.objects.count() == 4
    assert redirects() == set()


def test_merge_action_merges_into_the_chosen_tag(admin_client, kunming):
    selected = [kunming["Kunming"], kunming["KM"], kunming["kunming city"]]

    response = admin_client.post(
        admin_url(Tag, "changelist"),
        merge_post(selected, merge="yes", keep=kunming["Kunming"].pk),
        follow=True,
    )

    assert response.redirect_chain == [(admin_url(Tag, "changelist"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Merged 2 tags (“KM”, “kunming city”) into “Kunming”: 6 uses moved "
        "(events: 2, organisations: 1, people: 1, quotes: 1, visits: 1). "
        "2 duplicates removed: their objects would have carried “Kunming” twice."
    ]
    assert links() == MERGED
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Kunming", "youth"]
    assert redirects() == {
        ("/en/tags/km/", "/en/tags/kunming/"),
        ("/en/tags/kunming-city/", "/en/tags/kunming/"),
    }
    assert sorted(
        LogEntry.objects.filter(action_flag=DELETION).values_list("object_repr", flat=True)
    ) == ["KM", "kunming city"]


def test_merge_action_without_a_choice_asks_again(admin_client, kunming):
    selected = [kunming["Kunming"], kunming["KM"]]

    response = admin_client.post(admin_url(Tag, "changelist"), merge_post(selected, merge="yes"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"keep": ["Choose the tag to keep."]}
    assert Tag.objects.count() == 4


def test_merge_action_needs_two_tags(admin_client, kunming):
    response = admin_client.post(
        admin_url(Tag, "changelist"), merge_post([kunming["KM"]]), follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Select two or more tags to merge."
    ]
    assert Tag.objects.count() == 4


def test_merge_action_needs_the_delete_permission(client, kunming):
    user = factories.UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="tags", codename__in=["view_tag", "change_tag"]
        )
    )
    client.force_login(user)
    selected = [kunming["Kunming"], kunming["KM"]]

    page = client.get(admin_url(Tag, "changelist"))
    response = client.post(
        admin_url(Tag, "changelist"),
        merge_post(selected, merge="yes", keep=kunming["Kunming"].pk),
    )

    assert page.context["action_form"] is None
    assert response.status_code == 200  # the list again: no such action for this user
    assert Tag.objects.count() == 4
    assert redirects() == set()


# The change list


def test_change_list_counts_every_use_of_each_kind_drafts_included(admin_client, kunming):
    response = admin_client.get(admin_url(Tag, "changelist"))

    counts = {
        tag.name: (
            tag.event_count,
            tag.quote_count,
            tag.visit_count,
            tag.person_count,
            tag.organisation_count,
        )
        for tag in response.context["cl"].result_list
    }
    assert counts == {
        "KM": (2, 1, 1, 0, 1),
        "Kunming": (1, 0, 0, 0, 0),
        "kunming city": (1, 0, 1, 1, 0),
        "youth": (1, 0, 0, 0, 1),
    }
    assert '<td class="field-event_count">2</td>' in response.text


def tag_used_everywhere(name):
    event = factories.EventFactory(tags=[name])
    factories.QuoteFactory(event=event, tags=[name])
    factories.VisitFactory(event=event, tags=[name])
    factories.PersonFactory(tags=[name])
    factories.OrganisationFactory(tags=[name])


def test_change_list_costs_the_same_queries_for_one_tag_or_thirty(admin_client):
    url = admin_url(Tag, "changelist")
    tag_used_everywhere("tag 0")
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    for n in range(1, 30):
        tag_used_everywhere(f"tag {n}")

    with CaptureQueriesContext(connection) as thirty:
        response = admin_client.get(url)

    assert response.context["cl"].result_count == 30
    assert {tag.person_count for tag in response.context["cl"].result_list} == {1}
    assert len(thirty) == len(one)


# Renaming


def change_tag(admin_client, tag, **data):
    data = in_english(Tag, {"slug": tag.slug, "loaded_version": loaded_version(tag), **data})
    return admin_client.post(admin_url(Tag, "change", tag.pk), data)


def test_renaming_to_a_case_and_space_variant_keeps_one_tag(admin_client, kunming):
    tag = kunming["Kunming"]

    response = change_tag(admin_client, tag, name="  KUNMING ")

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.key, tag.slug) == ("KUNMING", "kunming", "kunming")
    assert Tag.objects.filter(key="kunming").count() == 1
    assert Tag.objects.count() == 4
    assert ("Second", "KUNMING") in links()["TaggedEvent"]
    assert redirects() == set()


def test_renaming_keeps_the_slug_unless_it_is_changed(admin_client, kunming):
    tag = kunming["kunming city"]

    change_tag(admin_client, tag, name="Kunming municipality")

    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Kunming municipality", "kunming-city")
    assert redirects() == set()


def test_renaming_to_another_tags_name_is_refused_with_a_merge_hint(admin_client, kunming):
    tag = kunming["kunming city"]

    response = change_tag(admin_client, tag, name=" kunming")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "name_en": [
            "The tag “Kunming” already has this name (case and spaces are ignored). To make "
            "them one tag, select both in the list of tags and choose “Merge selected tags "
            "into…”."
        ]
    }
    tag.refresh_from_db()
    assert tag.name == "kunming city"
    assert Tag.objects.count() == 4


def test_adding_a_tag_with_an_existing_name_is_refused(admin_client, kunming):
    response = admin_client.post(admin_url(Tag, "add"), {"name_en": "KUNMING", "slug": "kunming-2"})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["name_en"]
    assert Tag.objects.count() == 4
