"""Shared pieces of the public lists' filters: parsing the query string and facets.

Invalid values are dropped, never an error; filters apply to querysets already
`published()`; `includes/facets.html` renders every list's `Facet`s.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Case, Count, Exists, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries import countries

MAX_VALUES = 20  # of one repeated parameter (e.g. tags); more are ignored
FACET_SIZE = 15  # values listed in a facet of many (tags, people, organisations)


class MultipleValueField(forms.Field):
    """A repeated query parameter (`?tag=a&tag=b`) as a list of distinct short strings.

    Empty, too long or NUL-holding values are dropped one by one.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_length=200, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_length = max_length

    def to_python(self, value):
        values = []
        for item in value or []:
            item = str(item).strip()
            usable = item and "\x00" not in item and len(item) <= self.max_length
            if usable and item not in values and len(values) < MAX_VALUES:
                values.append(item)
        return values


class FilterForm(forms.Form):
    """A GET form whose invalid fields are dropped rather than reported."""

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.full_clean()

    @property
    def filters(self):
        """The valid, non-empty values, by field name."""
        return {name: value for name, value in self.cleaned_data.items() if value}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False
    more: bool = False  # `count` is a lower bound: more rows have this value


@dataclass
class Facet:
    """One filter of a list: its parameter, its heading, and the values to choose from."""

    name: str
    title: str
    options: list[Option] = field(default_factory=list)
    multiple: bool = False  # several values at once (AND), like tags

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


def with_all_tags(queryset, slugs, through):
    """Rows of `queryset` tagged with every one of `slugs` (AND), in one subquery.

    `through` is the tag link model of the queryset's model, e.g. `Event.tags.through`.
    """
    matching = (
        through.objects.filter(tag__slug__in=slugs)
        .values("content_object")
        .annotate(n=Count("tag", distinct=True))
        .filter(n=len(set(slugs)))
        .values("content_object")
    )
    return queryset.filter(pk__in=matching)


def one_per(rows, *fields):
    """`rows` keeping one row (the lowest pk) of those equal on `fields`.

    Counts distinct pairs as rows (an anti-join, cheaper than COUNT(DISTINCT)).
    """
    earlier = rows.model.objects.filter(
        **{name: OuterRef(name) for name in fields}, pk__lt=OuterRef("pk")
    )
    return rows.filter(~Exists(earlier))


def top_values(rows, relation, selected=(), limit=FACET_SIZE):
    """[(slug, name, count)]: the `limit` most frequent records `relation` names among `rows`.

    `rows`: one per thing counted; `relation`: a lookup to a record with a slug
    and a name ("tag"). Slugs in `selected` first (never cut off), then most
    frequent, then by name.
    """
    value, label = f"{relation}__slug", f"{relation}__name"
    chosen = [item for item in selected if item]
    is_selected = (
        Case(When(**{f"{value}__in": chosen}, then=Value(1)), default=Value(0))
        if chosen
        else Value(0)
    )
    return list(
        rows.order_by()
        .values_list(value, label)
        .annotate(count=Count("pk"), is_selected=is_selected)
        .order_by("-is_selected", "-count", label, value)
        .values_list(value, label, "count")[:limit]
    )


def country_counts(queryset):
    """{country code: number of rows} of `queryset` (any model with a `country`), in one query."""
    counts = queryset.exclude(country="").order_by().values_list("country")
    return dict(counts.annotate(count=Count("pk")))


def facet(name, title, rows, filters, multiple=False):
    """A Facet of `rows` [(value, label, count)], each marked selected if `filters[name]` holds it.

    Values are compared as strings, so a year filter (an int) marks its option.
    """
    selected = filters.get(name)
    values = selected if isinstance(selected, list) else [selected]
    chosen = {str(value) for value in values if value not in (None, "")}
    options = [Option(str(v), str(label), n, str(v) in chosen) for v, label, n in rows]
    return Facet(name, title, options, multiple)


def top_facet(name, title, rows, relation, filters, multiple=False):
    """A facet of the records `relation` names most often among `rows` (`top_values`)."""
    selected = filters.get(name)
    selected = selected if isinstance(selected, list) else [selected]
    return facet(name, title, top_values(rows, relation, selected), filters, multiple)


def choice_rows(choices, counts, keep=()):
    """[(value, label, count)] of `choices` in their order: those counted, and those in `keep`."""
    return [
        (value, label, counts.get(value, 0))
        for value, label in choices
        if counts.get(value) or value in keep
    ]


def year_rows(counts):
    """[(year, year, count)] of `counts` ({year: count}), newest first."""
    return [(year, year, n) for year, n in sorted(counts.items(), reverse=True)]


def country_facet(counts, filters):
    """The "Country" facet from `counts` ({country code: number}), by country name."""
    rows = sorted(
        ((code, countries.name(code), n) for code, n in counts.items()), key=lambda row: row[1]
    )
    return facet("country", _("Country"), rows, filters)


def active_filters(facets, filters, titles=None):
    """(parameter, value, label) for each filter in force, for its "remove" link.

    Labelled by its facet's option, else by the value; `titles` names filters
    without a facet ({"q": "Name"}).
    """
    by_name = {facet.name: facet for facet in facets}
    titles = {**(titles or {}), **{facet.name: facet.title for facet in facets}}
    active = []
    for name, value in filters.items():
        labels = {}
        if name in by_name:
            labels = {option.value: option.label for option in by_name[name].options}
        for raw in map(str, value if isinstance(value, list) else [value]):
            label = labels.get(raw, raw)
            active.append((name, raw, f"{titles.get(name, name)}: {label}"))
    return active
