from functools import partial

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from events.selectors import (
    organisation_events,
    organisation_quotes,
    organisations_with_public_counts,
    people_with_public_counts,
    person_events,
    person_quotes,
    with_sessions_of_their_event,
)
from people.filters import (
    OrganisationFilterForm,
    PersonFilterForm,
    filter_organisations,
    filter_people,
    organisation_facets,
    person_facets,
)
from people.models import Organisation, Person
from people.selectors import (
    organisation_page_queryset,
    people_with_current_positions,
    person_page_queryset,
    split_current,
)
from people.structured_data import organisation_data, person_data, person_share_image
from secretariat.collation import SortedByName, sorted_by
from secretariat.http import absolute_url
from secretariat.views import FilteredListMixin, SectionMixin


class ByShownNameMixin:
    """A ListView paginating by the name each row is shown under, as the reader's language sorts.

    Sorted in Python (`secretariat.collation.SortedByName`): the same order on
    both databases, and the same number of queries as an SQL ORDER BY.
    """

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(SortedByName(queryset), per_page, **kwargs)


class PersonListView(ByShownNameMixin, SectionMixin, FilteredListMixin, ListView):
    """Everyone in the record, by the name shown, narrowed by facets and a name filter."""

    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 50
    section = "people"
    form_class = PersonFilterForm
    filter_titles = {"q": _("Name")}

    def get_base_queryset(self):
        return Person.objects.order_by("name", "pk")

    def filter_queryset(self, queryset, filters):
        return filter_people(queryset, filters)

    def get_facets(self, filtered, filters):
        return person_facets(filtered, filters), None

    def decorate(self, queryset):
        return people_with_current_positions(queryset)


class OrganisationListView(ByShownNameMixin, SectionMixin, FilteredListMixin, ListView):
    """Every organisation in the record, by name, with its parent, narrowed by facets."""

    template_name = "people/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50
    section = "organisations"
    form_class = OrganisationFilterForm
    filter_titles = {"q": _("Name")}

    def get_base_queryset(self):
        return Organisation.objects.order_by("name", "pk")

    def filter_queryset(self, queryset, filters):
        return filter_organisations(queryset, filters)

    def get_facets(self, filtered, filters):
        return organisation_facets(filtered, filters), None

    def decorate(self, queryset):
        return queryset.select_related("parent")


class PersonDetailView(SectionMixin, DetailView):
    """A person: who they are, their positions over time, events and statements."""

    template_name = "people/person_detail.html"
    context_object_name = "person"
    section = "people"

    def get_queryset(self):
        return people_with_public_counts(person_page_queryset())

    def get_context_data(self, **kwargs):
        url = partial(absolute_url, self.request)
        return super().get_context_data(
            page_record=self.object,
            page_parts=self.object.timeline,
            events=with_sessions_of_their_event(person_events(self.object)),
            quotes=list(person_quotes(self.object)),
            structured_data=person_data(self.object, url),
            share_image=person_share_image(self.object, url),
            **kwargs,
        )


class OrganisationDetailView(SectionMixin, DetailView):
    """An organisation: what it is, its parts, its people, its events and its statements."""

    template_name = "people/organisation_detail.html"
    context_object_name = "organisation"
    section = "organisations"

    def get_queryset(self):
        return organisations_with_public_counts(organisation_page_queryset())

    def get_context_data(self, **kwargs):
        current, past = split_current(self.object.people)
        events = list(organisation_events(self.object))
        return super().get_context_data(
            page_record=self.object,
            children=sorted_by(self.object.children.all()),
            events=events,
            quotes=list(organisation_quotes(self.object)),
            current_positions=current,
            past_positions=past,
            structured_data=organisation_data(
                self.object, events, partial(absolute_url, self.request)
            ),
            **kwargs,
        )
