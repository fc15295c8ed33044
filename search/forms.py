from django import forms

from search.models import Document
from secretariat.filters import FilterForm, MultipleValueField


class SearchForm(FilterForm):
    """The search page's query string. `q` is cut to length by `search.text.Query`."""

    q = forms.CharField(required=False)
    type = forms.ChoiceField(choices=Document.Kind.choices, required=False)
    year = forms.IntegerField(min_value=1900, max_value=2200, required=False)
    tag = MultipleValueField()
