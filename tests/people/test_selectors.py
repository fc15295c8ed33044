import datetime

import pytest

from people.selectors import positions_on
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def position_on(person, date):
    return positions_on([person], date).get(person.pk)


def title_on(person, date):
    position = position_on(person, date)
    return position.title if position else ""


@pytest.fixture
def norov():
    person = PersonFactory(name="Vladimir Norov")
    PositionFactory(
        person=person,
        organisation=OrganisationFactory(name="SCO Secretariat"),
        title="Secretary-General",
        start_date=D(2019, 1, 1),
        end_date=D(2021, 12, 31),
    )
    return person


def test_norov_was_secretary_general_at_kunming_roundtable(norov):
    assert title_on(norov, D(2020, 12, 5)) == "Secretary-General"
    assert position_on(norov, D(2020, 12, 5)).organisation.name == "SCO Secretariat"


def test_title_outside_any_position_is_empty(norov):
    assert title_on(norov, D(2018, 12, 31)) == ""
    assert title_on(norov, D(2022, 1, 1)) == ""
    assert position_on(norov, D(2022, 1, 1)) is None


def test_successive_positions_answer_for_their_own_dates():
    person = PersonFactory()
    PositionFactory(
        person=person, title="Deputy", start_date=D(2015, 3, 1), end_date=D(2018, 6, 30)
    )
    PositionFactory(person=person, title="Director", start_date=D(2018, 7, 1), end_date=None)

    assert title_on(person, D(2015, 2, 28)) == ""
    assert title_on(person, D(2015, 3, 1)) == "Deputy"
    assert title_on(person, D(2018, 6, 30)) == "Deputy"
    assert title_on(person, D(2018, 7, 1)) == "Director"
    assert title_on(person, D(2030, 1, 1)) == "Director"


def test_overlapping_positions_prefer_the_most_recently_begun():
    person = PersonFactory()
    PositionFactory(person=person, title="Professor", start_date=D(2010, 1, 1), end_date=None)
    PositionFactory(person=person, title="Adviser", start_date=D(2020, 1, 1), end_date=None)

    assert title_on(person, D(2019, 1, 1)) == "Professor"
    assert title_on(person, D(2021, 1, 1)) == "Adviser"


def test_position_with_unknown_start_counts_from_the_beginning():
    person = PersonFactory()
    PositionFactory(person=person, title="Vice Mayor", start_date=None, end_date=None)

    assert title_on(person, D(2020, 12, 5)) == "Vice Mayor"


def test_positions_on_answers_for_many_people_in_one_query(django_assert_num_queries):
    people = [PersonFactory() for _ in range(5)]
    for index, person in enumerate(people[:4]):
        PositionFactory(person=person, title=f"Title {index}", start_date=D(2020, 1, 1))

    with django_assert_num_queries(1):
        positions = positions_on(people, D(2020, 12, 5))
        titles = {pk: (p.title, p.organisation.name) for pk, p in positions.items()}

    assert {pk: title for pk, (title, _) in titles.items()} == {
        people[i].pk: f"Title {i}" for i in range(4)
    }
