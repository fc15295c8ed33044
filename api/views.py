"""The read-only JSON API: published events, statements and tags; people and organisations.

Each list starts from its page's selector and filters (`api.filters`); lists
and details cost a fixed number of queries.
"""

from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import viewsets
from rest_framework.pagination import PageNumberPagination

from api import languages, serializers
from api.filters import (
    EventFilterForm,
    PageFilterBackend,
    QuoteFilterForm,
    filter_events,
    filter_quotes,
)
from events.models import Event
from events.selectors import (
    event_detail_queryset,
    organisations_with_public_counts,
    people_with_public_counts,
    public_events,
    public_quotes,
)
from people.filters import (
    OrganisationFilterForm,
    PersonFilterForm,
    filter_organisations,
    filter_people,
)
from people.models import Organisation, Person
from people.selectors import (
    organisation_page_queryset,
    people_with_current_positions,
    person_page_queryset,
)
from secretariat.converters import UnicodeSlugConverter
from secretariat.languages import bcp47
from topics.selectors import tag_index, tags_in_public_use
from topics.views import TagIndexForm

TAG = "The slug of a tag; repeat the parameter for records carrying every one of them."
COUNTRY = "An ISO 3166-1 alpha-2 country code."
SEARCH = "Words to find, matched as the site's search box matches them."


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """A paginated, filtered list and a detail by slug; GET, HEAD and OPTIONS only.

    In the language `api.languages.requested_language` reads (texts and page
    URLs), said in Content-Language; varying on Accept-Language unless `?lang=`
    names it. Subclasses set `serializer_class` (list items),
    `detail_serializer_class`, `filter_form`, `filter_function` (as a
    staticmethod) and `filter_descriptions`.
    """

    lookup_field = "slug"
    lookup_value_regex = UnicodeSlugConverter.regex
    pagination_class = Pagination
    filter_backends = [PageFilterBackend]
    detail_serializer_class = None
    filter_descriptions = {}

    language = None

    def get_serializer_class(self):
        return self.detail_serializer_class if self.action == "retrieve" else self.serializer_class

    def dispatch(self, request, *args, **kwargs):
        # The language is activated for this answer only.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = languages.requested_language(request)
        translation.activate(self.language)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.language:
            response["Content-Language"] = bcp47(self.language)
        if languages.PARAMETER not in request.GET:
            patch_vary_headers(response, ["Accept-Language"])
        return response


class EventViewSet(RecordViewSet):
    """Published events, newest first (with `when=upcoming`, soonest first).

    A draft, or an event scheduled for later, is not listed, and its address is a 404.
    """

    serializer_class = serializers.EventSerializer
    detail_serializer_class = serializers.EventDetailSerializer
    filter_form = EventFilterForm
    filter_function = staticmethod(filter_events)
    filter_descriptions = {
        "tag": TAG,
        "kind": "The kind of event.",
        "year": "The year the event started.",
        "country": COUNTRY,
        "person": "The slug of a person who took part.",
        "organisation": "The slug of an organisation that took part.",
        "when": "Upcoming (not yet ended) or past events.",
        "q": SEARCH,
    }

    def get_queryset(self):
        if self.action == "retrieve":
            return event_detail_queryset(Event.objects.published()).prefetch_related(
                "quotes__tags", "visits__tags"
            )
        return public_events()


class QuoteViewSet(RecordViewSet):
    """Statements made at published events: newest event first, then in the release's order."""

    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    serializer_class = detail_serializer_class = serializers.QuoteSerializer
    filter_form = QuoteFilterForm
    filter_function = staticmethod(filter_quotes)
    filter_descriptions = {
        "speaker": "The slug of the person who spoke.",
        "tag": TAG,
        "year": "The year of the event.",
        "kind": "A direct quotation or a reported statement.",
        "event": "The slug of the event.",
        "q": SEARCH,
    }

    def get_queryset(self):
        return (
            public_quotes()
            .select_related("session__event")
            .prefetch_related("tags")
            .order_by("-event__start_date", "event", "order", "pk")
        )


class PersonViewSet(RecordViewSet):
    """Everyone in the record, by name. People have no draft state: all are public."""

    serializer_class = serializers.PersonSerializer
    detail_serializer_class = serializers.PersonDetailSerializer
    filter_form = PersonFilterForm
    filter_function = staticmethod(filter_people)
    filter_descriptions = {
        "q": "Part of the name or of an alternative name, in any case.",
        "organisation": "The slug of an organisation where the person held a position.",
        "country": COUNTRY,
        "tag": TAG,
    }

    def get_queryset(self):
        if self.action == "retrieve":
            return people_with_current_positions(people_with_public_counts(person_page_queryset()))
        return people_with_current_positions(Person.objects.order_by("name", "pk"))


class OrganisationViewSet(RecordViewSet):
    """Every organisation in the record, by name. Organisations have no draft state."""

    serializer_class = serializers.OrganisationSerializer
    detail_serializer_class = serializers.OrganisationDetailSerializer
    filter_form = OrganisationFilterForm
    filter_function = staticmethod(filter_organisations)
    filter_descriptions = {
        "q": "Part of the name, short name or an alternative name, in any case.",
        "kind": "The kind of organisation.",
        "country": COUNTRY,
    }

    def get_queryset(self):
        if self.action == "retrieve":
            return organisations_with_public_counts(organisation_page_queryset())
        return Organisation.objects.order_by("name", "pk").select_related("parent")


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI document, of the API's one version whatever the query string says.

    drf-spectacular would put `?version=` in a header, where a newline is a server error.
    """

    def _get_version_parameter(self, request):
        return None


def not_found(request):
    """The JSON 404 for an address under /api/ that no route accepts, not Django's HTML one."""
    return JsonResponse({"detail": "Not found."}, status=404)


class TagViewSet(RecordViewSet):
    """Tags in public use, by name, with their numbers of public uses.

    A tag carried only by drafts or by events scheduled for later is not listed,
    and its address is a 404.
    """

    serializer_class = detail_serializer_class = serializers.TagSerializer
    filter_form = TagIndexForm
    filter_descriptions = {
        "q": "Part of the name, in any case.",
        "sort": "`count`: most used first.",
    }

    @staticmethod
    def filter_function(tags, filters):
        """The tag index's own narrowing, which starts again from `tags_in_public_use()`."""
        return tag_index(filters.get("q", ""), by_count=filters.get("sort") == "count")

    def get_queryset(self):
        return tags_in_public_use()
