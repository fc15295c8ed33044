import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from events.models import Event, EventOrganisation, Participation, Quote, Session, TaggedEvent
from people.models import Organisation, Person, Position
from secretariat.languages import CODES, text_in
from tags.models import Tag, normalise_tag_name, tag_key

pytestmark = pytest.mark.django_db

SMALL = {
    "events": 200,
    "people": 60,
    "organisations": 20,
    "sessions": 300,
    "quotes": 500,
    "tags": 40,
}


def generate(**options):
    out = io.StringIO()
    call_command("generate_data", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def test_generate_data_creates_the_requested_counts():
    generate()

    assert Event.objects.count() == 200
    assert Person.objects.count() == 60
    assert Organisation.objects.count() == 20
    assert Session.objects.count() == 300
    assert Quote.objects.count() == 500
    assert Tag.objects.count() == 40
    assert Position.objects.count() >= 60
    assert Participation.objects.filter(session=None).count() >= 2 * 200
    assert EventOrganisation.objects.count() >= 200


def test_generate_data_keeps_about_a_tenth_of_events_private():
    generate(events=1000, sessions=0, quotes=0)

    private = Event.objects.count() - Event.objects.published().count()

    assert 50 <= private <= 150


def test_generate_data_rows_are_consistent():
    generate()

    assert not Quote.objects.exclude(session=None).exclude(session__event=F("event")).exists()
    assert not Event.objects.filter(end_date__lt=F("start_date")).exists()
    for tag in Tag.objects.all():
        assert tag.name == normalise_tag_name(tag.name)
        assert tag.key == tag_key(tag.name)
    per_event = TaggedEvent.objects.values("content_object").annotate(n=Count("tag"))
    assert {row["n"] for row in per_event} <= {1, 2, 3, 4, 5}


def test_tag_use_is_skewed():
    generate(events=1000, sessions=0, quotes=0)

    uses = sorted(
        Tag.objects.annotate(n=Count("events_taggedevent_items")).values_list("n", flat=True),
        reverse=True,
    )

    assert uses[0] > 10 * uses[len(uses) // 2]


def test_generate_data_refuses_a_second_set_and_clear_replaces_it():
    generate()

    with pytest.raises(CommandError, match="already present"):
        generate()

    generate(clear=True)
    assert Event.objects.count() == 200
    assert Tag.objects.count() == 40


def test_generate_data_leaves_other_records_alone():
    call_command("load_demo", stdout=io.StringIO())
    demo_events = set(Event.objects.values_list("slug", flat=True))

    generate()
    generate(clear=True)

    assert demo_events <= set(Event.objects.values_list("slug", flat=True))
    assert Event.objects.count() == 200 + len(demo_events)


def test_generate_data_writes_each_text_in_its_languages_column():
    generate()

    cyrillic, han = re.compile("[\u0400-\u04ff]"), re.compile("[\u4e00-\u9fff]")
    events = list(Event.objects.all())
    by_original = {code: [e for e in events if e.original_language == code] for code in CODES}
    assert all(by_original.values()), {code: len(rows) for code, rows in by_original.items()}
    for event in events:
        assert text_in(event, "title", event.original_language), event.slug
        assert not cyrillic.search(event.title_en or ""), event.title_en
        assert not han.search((event.title_en or "") + (event.title_ru or "")), event.slug
        assert not event.title_zh_hans or han.search(event.title_zh_hans), event.title_zh_hans
    # Most have their title in all three languages, not all.
    complete = sum(all(text_in(e, "title", code) for code in CODES) for e in events)
    assert 0 < complete < len(events)
    for quote in Quote.objects.select_related("event"):
        assert text_in(quote, "text", quote.event.original_language), quote.pk
