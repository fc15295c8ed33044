import pytest

from events.selectors import most_used_tags
from tests import factories
from topics.selectors import tag_index

pytestmark = pytest.mark.django_db


def counts(tags):
    return [
        (
            tag.name,
            tag.count,
            tag.event_count,
            tag.quote_count,
            tag.visit_count,
            tag.person_count,
            tag.organisation_count,
        )
        for tag in tags
    ]


def test_most_used_tags_counts_as_the_tag_index_does_and_breaks_ties_by_name():
    youth = factories.EventFactory(tags=["youth", "energy"])
    factories.EventFactory(tags=["youth"])
    factories.QuoteFactory(event=youth, tags=["youth", "water"])
    factories.VisitFactory(event=youth, tags=["energy", "water"])
    factories.PersonFactory(tags=["Culture", "water"])
    factories.OrganisationFactory(tags=["culture", "Beta"])
    draft = factories.EventFactory(draft=True, tags=["youth", "secret"])
    factories.QuoteFactory(event=draft, tags=["water", "secret"])
    factories.VisitFactory(event=draft, tags=["secret"])
    factories.EventFactory(scheduled=True, tags=["secret", "youth"])

    expected = [
        ("water", 3, 0, 1, 1, 1, 0),
        ("youth", 3, 2, 1, 0, 0, 0),
        ("Culture", 2, 0, 0, 0, 1, 1),
        ("energy", 2, 1, 0, 1, 0, 0),
        ("Beta", 1, 0, 0, 0, 0, 1),
    ]
    assert counts(tag_index(by_count=True)) == expected
    assert counts(most_used_tags(20)) == expected
    assert counts(most_used_tags(3)) == expected[:3]
    assert counts(most_used_tags(1)) == expected[:1]


def test_most_used_tags_with_no_public_use_is_empty(django_assert_num_queries):
    factories.EventFactory(draft=True, tags=["secret"])

    with django_assert_num_queries(1):
        assert most_used_tags(20) == []


def test_most_used_tags_costs_two_queries(django_assert_num_queries):
    for index in range(30):
        factories.EventFactory(tags=[f"tag {index}", "common"])

    with django_assert_num_queries(2):
        tags = most_used_tags(20)

    assert [tag.name for tag in tags[:2]] == ["common", "tag 0"]
    assert len(tags) == 20
