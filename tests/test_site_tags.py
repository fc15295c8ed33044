"""The shared template tags of secretariat/templatetags/site.py."""

import datetime

from django.template import Context, Template
from django.utils import translation
from django.utils.functional import Promise

from events.models import Event, Participation
from people.models import Organisation
from search.models import Document
from secretariat.choices import _labels


def render(source, **context):
    return Template("{% load site %}" + source).render(Context(context))


def test_label_is_the_choice_label_for_every_value_of_every_field_using_it():
    cases = [
        (Event, "kind"),
        (Participation, "role"),
        (Organisation, "kind"),
        (Document, "kind"),
    ]
    for model, field in cases:
        for value, _ in model._meta.get_field(field).flatchoices:
            instance = model(**{field: value})
            shown = render('{{ instance|label:"' + field + '" }}', instance=instance)
            assert shown == getattr(instance, f"get_{field}_display")(), (model, value)


def test_label_keeps_labels_lazy_and_shows_an_unknown_value_as_it_is_escaped():
    # Lazy, so a label cached once is still translated into each request's language.
    assert isinstance(_labels(Event._meta.get_field("kind"))[Event.Kind.MEETING], Promise)
    assert render('{{ event|label:"kind" }}', event=Event(kind="<b>")) == "&lt;b&gt;"


def test_date_range_gives_one_date_or_two_as_time_elements_in_the_active_language():
    start, end = datetime.date(2020, 12, 5), datetime.date(2020, 12, 7)

    assert render("{% date_range start %}", start=start) == (
        '<time datetime="2020-12-05">5 December 2020</time>'
    )
    assert render("{% date_range start start %}", start=start) == (
        '<time datetime="2020-12-05">5 December 2020</time>'
    )
    assert render("{% date_range start end %}", start=start, end=end) == (
        '<time datetime="2020-12-05">5 December 2020</time> \N{EN DASH} '
        '<time datetime="2020-12-07">7 December 2020</time>'
    )
    with translation.override("zh-hans"):
        assert render("{% date_range start %}", start=start) == (
            '<time datetime="2020-12-05">2020年12月5日</time>'
        )
