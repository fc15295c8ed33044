from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from secretariat.filters import Facet, FilterForm, MultipleValueField, Option
from secretariat.views import SectionMixin
from topics.selectors import (
    co_occurring_tags,
    public_tags_by_slug,
    tag_index,
    tagged_events,
    tagged_organisations,
    tagged_people,
    tagged_quotes,
    tagged_visits,
)

NAME_MAX_LENGTH = SLUG_MAX_LENGTH = 100  # of taggit's Tag.name and Tag.slug


class TagIndexForm(FilterForm):
    q = forms.CharField(required=False)
    sort = forms.ChoiceField(choices=[("count", _("number of uses"))], required=False)


class TagIndexView(SectionMixin, ListView):
    """Every tag in public use with its number of public uses, by name or by that number."""

    template_name = "topics/tag_index.html"
    context_object_name = "tags"
    paginate_by = 100
    section = "tags"

    def get_queryset(self):
        self.filters = TagIndexForm(self.request.GET).filters
        return tag_index(self.filters.get("q", ""), by_count=self.filters.get("sort") == "count")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            q=self.filters.get("q", "")[:NAME_MAX_LENGTH],
            sort=self.filters.get("sort", "name"),
            **kwargs,
        )


class TagDetailView(SectionMixin, TemplateView):
    """A tag's public events, statements, visits, people and organisations.

    `?and=<slug>` (repeatable) narrows every section to what also carries that
    tag. A tag with no public use is a 404, like an unknown one: its name could
    only have come from a draft.
    """

    template_name = "topics/tag_detail.html"
    section = "tags"
    limit = 20

    def get_context_data(self, **kwargs):
        slug = self.kwargs["slug"]
        narrowing = [
            value
            for value in MultipleValueField(max_length=SLUG_MAX_LENGTH).to_python(
                self.request.GET.getlist("and")
            )
            if value != slug
        ]
        tags = public_tags_by_slug([slug, *narrowing])
        if slug not in tags:
            raise Http404
        # An unknown narrowing tag is shown by its slug, and matches nothing.
        names = {value: tags[value].name if value in tags else value for value in narrowing}
        slugs = [slug, *narrowing]
        events, event_total = tagged_events(slugs, self.limit)
        quotes, quote_total = tagged_quotes(slugs, self.limit)
        visits, visit_total = tagged_visits(slugs)
        people, people_total = tagged_people(slugs)
        organisations, organisation_total = tagged_organisations(slugs)
        query = urlencode([("tag", value) for value in slugs])
        return super().get_context_data(
            tag=tags[slug],
            narrowing_names=list(names.values()),
            active_filters=[
                ("and", value, _("Also tagged: %(tag)s") % {"tag": name})
                for value, name in names.items()
            ],
            facets=[
                Facet(
                    "and",
                    _("Tags used with it"),
                    [Option(t.slug, t.name, t.count) for t in co_occurring_tags(slugs)],
                    multiple=True,
                )
            ],
            events=events,
            event_total=event_total,
            all_events_url=f"{reverse('events:list')}?{query}",
            quotes=quotes,
            quote_total=quote_total,
            all_quotes_url=f"{reverse('quote_list')}?{query}",
            visits=visits,
            visit_total=visit_total,
            people=people,
            people_total=people_total,
            all_people_url=f"{reverse('people:person_list')}?{query}",
            organisations=organisations,
            organisation_total=organisation_total,
            **kwargs,
        )
