from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

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
    organisation_events,
    organisation_page_queryset,
    people_with_current_positions,
    person_events,
    person_page_queryset,
    person_quotes,
    split_current,
)
from secretariat.filters import active_filters
from secretariat.views import SectionMixin


class FilteredListMixin:
    """A ListView narrowed by a FilterForm, with facets and "remove" links for its filters.

    Subclasses name the form, the filtering and facet functions, and the base
    queryset; `decorate` adds what the rows show to the filtered queryset.
    """

    form_class = None
    filter_function = None
    facet_function = None

    def get_base_queryset(self):
        raise NotImplementedError

    def decorate(self, queryset):
        return queryset

    def get_queryset(self):
        self.form = self.form_class(self.request.GET)
        self.filters = self.form.filters
        self.filtered = self.filter_function(self.get_base_queryset(), self.filters)
        return self.decorate(self.filtered)

    def get_context_data(self, **kwargs):
        facets = self.facet_function(self.filtered, self.filters)
        return super().get_context_data(
            filters=self.filters,
            facets=facets,
            active_filters=active_filters(facets, self.filters, titles={"q": _("Name")}),
            **kwargs,
        )


class PersonListView(SectionMixin, FilteredListMixin, ListView):
    """Everyone in the record, by name, narrowed by facets and a name filter."""

    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 50
    section = "people"
    form_class = PersonFilterForm
    filter_function = staticmethod(filter_people)
    facet_function = staticmethod(person_facets)

    def get_base_queryset(self):
        return Person.objects.order_by("name", "pk")

    def decorate(self, queryset):
        return people_with_current_positions(queryset)


class OrganisationListView(SectionMixin, FilteredListMixin, ListView):
    """Every organisation in the record, by name, with its parent, narrowed by facets."""

    template_name = "people/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50
    section = "organisations"
    form_class = OrganisationFilterForm
    filter_function = staticmethod(filter_organisations)
    facet_function = staticmethod(organisation_facets)

    def get_base_queryset(self):
        return Organisation.objects.order_by("name", "pk")

    def decorate(self, queryset):
        return queryset.select_related("parent")


class PersonDetailView(SectionMixin, DetailView):
    """A person: who they are, their positions over time, events and statements."""

    template_name = "people/person_detail.html"
    context_object_name = "person"
    section = "people"

    def get_queryset(self):
        return person_page_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            events=list(person_events(self.object)),
            quotes=list(person_quotes(self.object)),
            **kwargs,
        )


class OrganisationDetailView(SectionMixin, DetailView):
    """An organisation: what it is, its parts, the people who worked there, its events."""

    template_name = "people/organisation_detail.html"
    context_object_name = "organisation"
    section = "organisations"

    def get_queryset(self):
        return organisation_page_queryset()

    def get_context_data(self, **kwargs):
        current, past = split_current(self.object.people)
        return super().get_context_data(
            events=list(organisation_events(self.object)),
            current_positions=current,
            past_positions=past,
            **kwargs,
        )
