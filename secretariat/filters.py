"""Shared pieces of the public lists' filters: parsing the query string and facets.

A list view parses `request.GET` with a Django form (invalid values are dropped,
never an error), applies the valid filters to a queryset that already went
through `published()`, and describes its facets with `Facet` and `Option` so
that one template (`includes/facets.html`) renders every list's sidebar.
"""

from dataclasses import dataclass, field

from django import forms

MAX_VALUES = 20  # of one repeated parameter (e.g. tags); more are ignored


class MultipleValueField(forms.Field):
    """A repeated query parameter (`?tag=a&tag=b`) as a list of distinct short strings.

    Values no slug or name could hold (empty, too long, with a NUL character)
    are dropped one by one; the rest still filter.
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


def selected_labels(facet, values):
    """(value, label) for each selected value, labelled from the facet where it is listed."""
    labels = {option.value: option.label for option in facet.options}
    return [(value, labels.get(value, value)) for value in values]
