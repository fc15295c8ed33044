from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from events.models import Event, Quote
from people.models import Organisation, Person, Position
from secretariat.views import SectionMixin


class PersonListView(SectionMixin, ListView):
    model = Person
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 50
    section = "people"


class OrganisationListView(SectionMixin, ListView):
    model = Organisation
    template_name = "people/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50
    section = "organisations"


class PersonDetailView(SectionMixin, DetailView):
    section = "people"
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.prefetch_related(
            "tags",
            "alternative_names",
            Prefetch("positions", queryset=Position.objects.select_related("organisation")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = (
            Event.objects.published().filter(participations__person=self.object).distinct()
        )
        context["quotes"] = (
            Quote.objects.filter(speaker=self.object, event__in=Event.objects.published())
            .select_related("event")
            .order_by("-event__start_date", "order", "pk")
        )
        return context


class OrganisationDetailView(SectionMixin, DetailView):
    section = "organisations"
    model = Organisation
    template_name = "people/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("parent").prefetch_related(
            "tags", "alternative_names", "children"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = (
            Event.objects.published()
            .filter(organisation_links__organisation=self.object)
            .distinct()
        )
        context["positions"] = self.object.positions.select_related("person")
        return context
