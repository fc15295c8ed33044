from django.views.generic import DetailView, ListView

from events.models import Event
from people.models import Organisation, Person
from secretariat.views import SectionMixin
from tags.models import Tag


class TagIndexView(SectionMixin, ListView):
    model = Tag
    template_name = "tags/tag_index.html"
    context_object_name = "tags"
    section = "tags"


class TagDetailView(SectionMixin, DetailView):
    section = "tags"
    model = Tag
    template_name = "tags/tag_detail.html"
    context_object_name = "tag"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = Event.objects.published().filter(tags=self.object)
        context["people"] = Person.objects.filter(tags=self.object)
        context["organisations"] = Organisation.objects.filter(tags=self.object)
        return context
