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


def test_prose_links_web_and_mail_addresses_with_nofollow_noopener():
    text = (
        "Source: https://eng.sectsco.org/news/20201205/?a=1&b=2, and www.example.org.\n"
        "Write to press@example.org"
    )

    assert render("{{ text|prose }}", text=text) == (
        '<p>Source: <a href="https://eng.sectsco.org/news/20201205/?a=1&amp;b=2" '
        'rel="nofollow noopener">https://eng.sectsco.org/news/20201205/?a=1&amp;b=2</a>, and '
        '<a href="http://www.example.org" rel="nofollow noopener">www.example.org</a>.<br>'
        'Write to <a href="mailto:press@example.org" rel="nofollow noopener">'
        "press@example.org</a></p>"
    )


def test_prose_keeps_paragraphs_and_escapes_everything_but_its_own_links():
    text = (
        '<script>alert(1)</script> "quoted" & more\n\n'
        'javascript:alert(1) http://example.org/"onmouseover=alert(1)//<b>x</b>'
    )

    assert render("{{ text|prose }}", text=text) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more</p>\n\n"
        "<p>javascript:alert(1) "
        '<a href="http://example.org/" rel="nofollow noopener">http://example.org/</a>'
        "&quot;onmouseover=alert(1)//&lt;b&gt;x&lt;/b&gt;</p>"
    )
