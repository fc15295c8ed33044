"""The statements page's filters and facets.

The statements come from `public_quotes()`; filters and facets only narrow and
count what it returns, so nothing from a draft or scheduled event is counted.
"""

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from events.models import Quote
from people.models import Person
from secretariat.filters import (
    Facet,
    FilterForm,
    MultipleValueField,
    Option,
    selected_first,
    with_all_tags,
)
from tags.models import Tag
from tags.selectors import tags_in_public_use

FACET_SIZE = 15


class QuoteFilterForm(FilterForm):
    speaker = forms.CharField(max_length=200, required=False)
    tag = MultipleValueField()
    year = forms.IntegerField(min_value=1900, max_value=2200, required=False)
    kind = forms.ChoiceField(choices=Quote.Kind.choices, required=False)


def filter_quotes(quotes, filters):
    """`quotes` narrowed by the valid `filters` of a QuoteFilterForm, in the same order.

    Tags are AND-combined: a statement must carry every selected tag.
    """
    if speaker := filters.get("speaker"):
        quotes = quotes.filter(speaker__slug=speaker)
    if tags := filters.get("tag"):
        quotes = with_all_tags(quotes, tags, through=Quote.tags.through)
    if year := filters.get("year"):
        quotes = quotes.filter(event__start_date__year=year)
    if kind := filters.get("kind"):
        quotes = quotes.filter(kind=kind)
    return quotes


def quote_facets(quotes, filters):
    """(facets, total): the facets of the statements page, counted over `quotes` (filtered).

    Four queries: speakers, tags, years, kinds; `total` is the number of
    `quotes`, the sum of the kinds' counts. Speakers and tags: the 15 with most
    statements, then by name; years newest first; kinds in their declared order.
    A selected value is always listed, first, with a count of 0 when nothing
    matches; unknown slugs, and tags not in public use, are not listed.
    """
    in_quotes = quotes.order_by().values("pk")
    speaker = filters.get("speaker", "")
    speakers = selected_first(
        Person.objects.filter(
            Q(pk__in=quotes.order_by().values("speaker")) | Q(slug__in=[speaker] if speaker else [])
        ).annotate(count=Count("quotes", filter=Q(quotes__in=in_quotes))),
        "slug",
        [speaker],
    )[:FACET_SIZE]
    tag_slugs = filters.get("tag", [])
    tagged = Quote.tags.through.objects.filter(content_object__in=in_quotes)
    # A selected tag is listed only if in public use: a draft's tag name stays unseen.
    selected_tags = tags_in_public_use().filter(slug__in=tag_slugs).values("pk")
    tags = selected_first(
        Tag.objects.filter(Q(pk__in=tagged.values("tag")) | Q(pk__in=selected_tags)).annotate(
            count=Count(
                "events_taggedquote_items",
                filter=Q(events_taggedquote_items__content_object__in=in_quotes),
            )
        ),
        "slug",
        tag_slugs,
    )[:FACET_SIZE]
    years = dict(
        quotes.order_by()
        .annotate(year=ExtractYear("event__start_date"))
        .values_list("year")
        .annotate(count=Count("pk"))
    )
    if year := filters.get("year"):
        years.setdefault(year, 0)
    kinds = dict(quotes.order_by().values_list("kind").annotate(count=Count("pk")))
    kind = filters.get("kind")

    facets = [
        Facet(
            "speaker",
            _("Speaker"),
            [Option(p.slug, p.name, p.count, p.slug == speaker) for p in speakers],
        ),
        Facet(
            "tag",
            _("Tags"),
            [Option(t.slug, t.name, t.count, t.slug in tag_slugs) for t in tags],
            multiple=True,
        ),
        Facet(
            "year",
            _("Year"),
            [
                Option(str(y), str(y), n, y == filters.get("year"))
                for y, n in sorted(years.items(), reverse=True)
            ],
        ),
        Facet(
            "kind",
            _("Kind"),
            [
                Option(value, label, kinds.get(value, 0), value == kind)
                for value, label in Quote.Kind.choices
                if value in kinds or value == kind
            ],
        ),
    ]
    return facets, sum(kinds.values())
