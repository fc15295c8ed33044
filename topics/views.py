from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from secretariat.collation import SortedByName
from secretariat.filters import Facet, FilterForm, MultipleValueField, Option
from secretariat.views import FilteredListMixin, FilterMixin, SectionMixin
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


class TagIndexView(SectionMixin, FilteredListMixin, ListView):
    """Every tag in public use with its number of public uses, by name or by that number."""

    template_name = "topics/tag_index.html"
    context_object_name = "tags"
    paginate_by = 100
    section = "tags"
    form_class = TagIndexForm
    unlisted_filters = ("q", "sort")

    def get_results(self, filters):
        tags = tag_index(filters.get("q", ""), by_count=filters.get("sort") == "count")
        return tags, [], None

    def get_paginator(self, queryset, per_page, **kwargs):
        # By name: the name shown in the reader's language, as that language sorts.
        if self.filters.get("sort") != "count":
            queryset = SortedByName(queryset)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            q=self.filters.get("q", "")[:NAME_MAX_LENGTH],
            sort=self.filters.get("sort", "name"),
            **kwargs,
        )


# `?and=<slug>`, repeated: "and" is a keyword, so the field is declared by name.
TagPageForm = type(
    "TagPageForm", (FilterForm,), {"and": MultipleValueField(max_length=SLUG_MAX_LENGTH)}
)


class TagDetailView(SectionMixin, FilterMixin, TemplateView):
    """A tag's public events, statements, visits, people and organisations.

    `?and=<slug>` (repeatable) narrows every section. A tag with no public use
    is a 404, like an unknown one: its name could only come from a draft.
    """

    template_name = "topics/tag_detail.html"
    section = "tags"
    form_class = TagPageForm
    limit = 20

    def get_results(self, filters):
        slug = self.kwargs["slug"]
        narrowing = [value for value in filters.get("and", []) if value != slug]
        tags = public_tags_by_slug([slug, *narrowing])
        if slug not in tags:
            raise Http404
        # An unknown narrowing tag is shown by its slug, and matches nothing.
        self.names = {value: tags[value].name if value in tags else value for value in narrowing}
        slugs = [slug, *narrowing]
        events, event_total = tagged_events(slugs, self.limit)
        quotes, quote_total = tagged_quotes(slugs, self.limit)
        visits, visit_total = tagged_visits(slugs)
        people, people_total = tagged_people(slugs)
        organisations, organisation_total = tagged_organisations(slugs)
        query = urlencode([("tag", value) for value in slugs])
        options = [Option(t.slug, t.name, t.count) for t in co_occurring_tags(slugs)]
        sections = {
            "tag": tags[slug],
            "page_record": tags[slug],
            "narrowing_names": list(self.names.values()),
            "events": events,
            "event_total": event_total,
            "all_events_url": f"{reverse('events:list')}?{query}",
            "quotes": quotes,
            "quote_total": quote_total,
            "all_quotes_url": f"{reverse('quote_list')}?{query}",
            "visits": visits,
            "visit_total": visit_total,
            "people": people,
            "people_total": people_total,
            "all_people_url": f"{reverse('people:person_list')}?{query}",
            "organisations": organisations,
            "organisation_total": organisation_total,
        }
        return sections, [Facet("and", _("Tags used with it"), options, multiple=True)], None

    def get_active_filters(self):
        return [
            ("and", value, _("Also tagged: %(tag)s") % {"tag": name})
            for value, name in self.names.items()
        ]

    def get_context_data(self, **kwargs):
        sections = self.filter()
        return super().get_context_data(**sections, **kwargs)
