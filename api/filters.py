"""The API's lists take the filters of the matching pages, through the pages' own code.

Each list view names its page's FilterForm and filter function, so a page's
URL parameters work unchanged on the API; the OpenAPI parameters come from
the form's fields.
"""

from django import forms
from rest_framework.filters import BaseFilterBackend

from events import filters as event_filters
from events import quote_filters
from search.models import Document
from search.selectors import matching
from secretariat.filters import MultipleValueField


class PageFilterBackend(BaseFilterBackend):
    """Narrows a list view's queryset by `view.filter_form` and `view.filter_function`.

    `view.filter_descriptions` documents each parameter. Detail views are not filtered.
    """

    def filter_queryset(self, request, queryset, view):
        if view.detail:
            return queryset
        return view.filter_function(queryset, view.filter_form(request.query_params).filters)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(view.filter_descriptions.get(name, "")),
                **_schema(field),
            }
            for name, field in view.filter_form.base_fields.items()
        ]


def _schema(field):
    """The OpenAPI `schema` (and style) of a query parameter read by the form field `field`."""
    if isinstance(field, MultipleValueField):
        item = {"type": "string", "maxLength": field.max_length}
        return {"schema": {"type": "array", "items": item}, "style": "form", "explode": True}
    if isinstance(field, forms.ChoiceField):
        return {"schema": {"type": "string", "enum": [str(value) for value, _ in field.choices]}}
    if isinstance(field, forms.IntegerField):
        bounds = {"minimum": field.min_value, "maximum": field.max_value}
        return {"schema": {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}}
    if field.max_length is None:
        return {"schema": {"type": "string"}}
    return {"schema": {"type": "string", "maxLength": field.max_length}}


class EventFilterForm(event_filters.EventFilterForm):
    """The events page's filters, and words to find, as the search box finds them."""

    q = forms.CharField(max_length=200, required=False)


def filter_events(events, filters):
    """`events` narrowed as the events page does, then by the search's matching of `q`."""
    events = event_filters.filter_events(events, filters)
    return matching(events, Document.Kind.EVENT, filters.get("q"))


class QuoteFilterForm(quote_filters.QuoteFilterForm):
    """The statements page's filters, the event they were made at, and words to find."""

    event = forms.CharField(max_length=200, required=False)
    q = forms.CharField(max_length=200, required=False)


def filter_quotes(quotes, filters):
    """`quotes` narrowed as the statements page does, to one event's by its slug, and by `q`."""
    quotes = quote_filters.filter_quotes(quotes, filters)
    if event := filters.get("event"):
        quotes = quotes.filter(event__slug=event)
    return matching(quotes, Document.Kind.QUOTE, filters.get("q"))
