"""The statements page's filters and facets, over `public_quotes()` only."""

from collections import Counter

from django import forms
from django.db.models import Count, Value
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from events.models import Quote
from events.selectors import public_tags
from people.models import Person
from secretariat.filters import (
    FilterForm,
    MultipleValueField,
    choice_rows,
    facet,
    top_values,
    with_all_tags,
    year_rows,
)


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

    Three queries (five when a selected speaker or tag matches nothing).
    Speakers (people only) and tags: the 15 with most statements, then by
    name; years newest first; kinds in declared order. A selected value is
    listed first, with 0 if nothing matches; unknown slugs and tags not in
    public use are not.
    """
    speaker = filters.get("speaker", "")
    # Statements of an organisation, a group or no one named are counted, not listed here.
    speakers = top_values(quotes.filter(speaker__isnull=False), "speaker", [speaker])
    if speaker and speaker not in {slug for slug, _name, _n in speakers}:
        speakers[:0] = Person.objects.filter(slug=speaker).values_list("slug", "name", Value(0))
    tag_slugs = filters.get("tag", [])
    links = Quote.tags.through.objects.filter(content_object__in=quotes.order_by().values("pk"))
    tags = top_values(links, "tag", tag_slugs)
    if missing := set(tag_slugs) - {slug for slug, _name, _n in tags}:
        # Only if in public use: a draft's tag name stays unseen.
        counted = sum(slug in tag_slugs for slug, _name, _n in tags)
        tags[counted:counted] = (
            public_tags().filter(slug__in=missing).values_list("slug", "name", Value(0))
        )
    years, kinds = Counter(), Counter()
    groups = quotes.order_by().annotate(year=ExtractYear("event__start_date"))
    for year, kind, n in groups.values_list("year", "kind").annotate(count=Count("pk")):
        years[year] += n
        kinds[kind] += n
    if year := filters.get("year"):
        years.setdefault(year, 0)
    facets = [
        facet("speaker", _("Speaker"), speakers, filters),
        facet("tag", _("Tags"), tags, filters, multiple=True),
        facet("year", _("Year"), year_rows(years), filters),
        facet(
            "kind",
            _("Kind"),
            choice_rows(Quote.Kind.choices, kinds, keep=[filters.get("kind")]),
            filters,
        ),
    ]
    return facets, sum(kinds.values())
