"""What the API answers for each kind of record.

`id` is the primary key; `url` the absolute address of the public page, in
the language asked for; dates ISO 8601; a detail holds all its list item
holds. Texts are in the language asked for (`api.languages`), else in the
record's original language; a record says which languages it has
(`languages`) and which one its heading is given in (`language`).
Serializers read what the views loaded; the few that query say so.
"""

from operator import attrgetter

from django.urls import reverse
from django.utils.http import urlencode
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.languages import PARAMETER
from events.models import (
    Event,
    EventImage,
    EventOrganisation,
    EventSource,
    OrganisationRole,
    Participation,
    Quote,
    Role,
    Session,
    Visit,
)
from events.selectors import organisation_events, participants_with_titles, person_events
from people.models import Organisation, Person, Position
from secretariat.http import absolute_url
from secretariat.languages import CODES, languages_of, original_language, shown_language
from tags.models import Tag

NOTE_HELP = "A note on what the sources say, e.g. where two disagree; or empty."


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the record's public page, from its `get_absolute_url`."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_url(self.context["request"], value.get_absolute_url())


# One enum for every field: ENUM_NAME_OVERRIDES names it LanguageEnum.
LANGUAGE_SCHEMA = {"type": "string", "enum": list(CODES)}


@extend_schema_field(LANGUAGE_SCHEMA)
class LanguageCodeField(serializers.CharField):
    """A language code, one of `CODES`."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


@extend_schema_field({"type": "array", "items": LANGUAGE_SCHEMA})
class LanguagesField(serializers.Field):
    """The languages the record has its text in (its title or name): `languages_of`."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", "The languages it has its text in, its title or name at least."
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return languages_of(value)


@extend_schema_field(LANGUAGE_SCHEMA)
class ShownLanguageField(serializers.Field):
    """The language the record's heading (`heading`, e.g. "title") is given in."""

    def __init__(self, heading, **kwargs):
        self.heading = heading
        kwargs.setdefault(
            "help_text",
            f"The language its {heading} is given in: the one asked for, or, where "
            "it has none in it, its original language.",
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return shown_language(value, self.heading)


def _api_list_url(serializer, name, **params):
    """The absolute address of the API list `name` filtered by `params`, on the request's host.

    In the language the request named in `?lang=`, if it did.
    """
    request = serializer.context["request"]
    if language := request.query_params.get(PARAMETER):
        params[PARAMETER] = language
    return request.build_absolute_uri(f"{reverse(name)}?{urlencode(params)}")


def _own_source():
    """`source`: the address of a part's own source (its `source_url`), or ""."""
    return serializers.CharField(
        source="source_url",
        read_only=True,
        help_text="The address of its own source, where it is not the event's; or empty.",
    )


# --- References: enough to name a record and follow it --------------------------------


class TagListSerializer(serializers.ListSerializer):
    """A record's tags by name, ignoring case: taggit loads them in no particular order."""

    def to_representation(self, data):
        return super().to_representation(sorted(data.all(), key=attrgetter("key")))


class TagRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "url"]
        list_serializer_class = TagListSerializer


class PersonRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Person
        fields = ["id", "slug", "name", "url"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "url"]


class EventRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Event
        fields = ["id", "slug", "title", "url", "start_date"]


class EventWithRolesSerializer(EventRefSerializer):
    """An event with `roles`: how the person took part (from `.roles`)."""

    roles = serializers.SerializerMethodField()

    class Meta(EventRefSerializer.Meta):
        fields = [*EventRefSerializer.Meta.fields, "roles"]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Role.choices)))
    def get_roles(self, event):
        return [link.role for link in event.roles]


class EventWithOrganisationRolesSerializer(EventWithRolesSerializer):
    """An event with `roles`: how the organisation took part (from `.roles`)."""

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(OrganisationRole.choices))
    )
    def get_roles(self, event):
        return super().get_roles(event)


class AlternativeNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    language = serializers.CharField(help_text="A language code such as “ru”, or empty.")


# --- Tags -------------------------------------------------------------------------------


class TagSerializer(serializers.ModelSerializer):
    """A tag with its numbers of public uses, as `tags.selectors.tags_in_public_use` counts them."""

    url = PageUrlField()
    languages = LanguagesField()
    language = ShownLanguageField("name")
    count = serializers.IntegerField(help_text="All public uses.")
    event_count = serializers.IntegerField()
    quote_count = serializers.IntegerField()
    visit_count = serializers.IntegerField()
    person_count = serializers.IntegerField()
    organisation_count = serializers.IntegerField()

    class Meta:
        model = Tag
        fields = [
            "id",
            "slug",
            "name",
            "url",
            "languages",
            "language",
            "count",
            "event_count",
            "quote_count",
            "visit_count",
            "person_count",
            "organisation_count",
        ]


# --- Statements -------------------------------------------------------------------------


class EventQuoteSerializer(serializers.ModelSerializer):
    """A statement as part of its event; `session` is the id of one of the event's sessions.

    Said by at most one of `speaker`, `speaker_organisation` and `speaker_group`;
    by none, `attribution_note` says why.
    """

    url = PageUrlField()
    speaker = PersonRefSerializer(allow_null=True, help_text="The person who said it, if one did.")
    speaker_organisation = OrganisationRefSerializer(
        allow_null=True, help_text="The organisation that said it, if one did."
    )
    source = _own_source()
    tags = TagRefSerializer(many=True)
    languages = LanguagesField(help_text="The languages it has its text in.")
    language = ShownLanguageField("text")
    original_language = serializers.SerializerMethodField(
        help_text="The language it was said in: a text in another one is a translation."
    )

    class Meta:
        model = Quote
        fields = [
            "id",
            "url",
            "kind",
            "text",
            "languages",
            "language",
            "original_language",
            "speaker",
            "speaker_organisation",
            "speaker_group",
            "attribution_note",
            "source",
            "session",
            "tags",
        ]
        extra_kwargs = {
            "session": {"help_text": "The session it was said in, if known."},
            "speaker_group": {
                "help_text": "The group that said it, as the source names it; or empty."
            },
            "attribution_note": {"help_text": "Who said it, when no speaker is named; or empty."},
        }

    @extend_schema_field(LANGUAGE_SCHEMA)
    def get_original_language(self, quote):
        return original_language(quote)


class SessionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title"]


class QuoteSerializer(EventQuoteSerializer):
    event = EventRefSerializer()
    session = SessionRefSerializer(allow_null=True)

    class Meta(EventQuoteSerializer.Meta):
        # The event's, with the event named before the session.
        fields = [*EventQuoteSerializer.Meta.fields[:-2], "event", "session", "tags"]


# --- Events -----------------------------------------------------------------------------


class EventSerializer(CountryFieldMixin, serializers.ModelSerializer):
    url = PageUrlField()
    tags = TagRefSerializer(many=True)
    languages = LanguagesField()
    language = ShownLanguageField("title")
    original_language = LanguageCodeField(help_text="The language the account was written in.")

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "url",
            "kind",
            "title",
            "languages",
            "language",
            "original_language",
            "start_date",
            "end_date",
            "city",
            "country",
            "venue",
            "format",
            "platform",
            "audience",
            "audience_size",
            "summary",
            "published_at",
            "tags",
        ]
        # The model's help texts are written for editors; these are for the API's readers.
        extra_kwargs = {
            "slug": {"help_text": "Unique. After a rename, the old one no longer names the event."},
            "end_date": {"help_text": "The last day: the start date for a one-day event."},
            "published_at": {"help_text": "When the event became public."},
            "platform": {"help_text": "Where an online or hybrid event was held online; or empty."},
            "audience": {"help_text": "Who attended, as the source says; or empty."},
            "audience_size": {"help_text": "How many attended, if the source says."},
        }


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title", "kind", "date", "start_time", "end_time", "description"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventSource
        fields = ["url", "title", "language"]
        extra_kwargs = {
            "title": {"help_text": "The source's name, or empty."},
            "language": {"help_text": "A language code such as “ru”, or empty."},
        }


class ParticipantSerializer(serializers.ModelSerializer):
    """A participation with the position its person held on the event's date (`.position`)."""

    person = PersonRefSerializer()
    title = serializers.SerializerMethodField(
        help_text="The title the person held on the event's date, else the title the source "
        "states; empty when neither is recorded."
    )
    organisation = serializers.SerializerMethodField(
        help_text="Where the person held the title of that date; null when not recorded."
    )
    source = _own_source()

    class Meta:
        model = Participation
        fields = ["person", "role", "title", "organisation", "session", "source"]
        extra_kwargs = {"session": {"help_text": "For a speaker or moderator of one session."}}

    def get_title(self, participation) -> str:
        return participation.title

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, participation):
        if participation.position is None or participation.position.organisation is None:
            return None
        return OrganisationRefSerializer(
            participation.position.organisation, context=self.context
        ).data


class EventOrganisationSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer()

    class Meta:
        model = EventOrganisation
        fields = ["organisation", "role"]


class VisitSerializer(serializers.ModelSerializer):
    tags = TagRefSerializer(many=True)

    class Meta:
        model = Visit
        fields = ["id", "place", "place_kind", "description", "date", "tags"]


class ImageSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventImage
        fields = ["image", "width", "height", "alt_text", "caption", "credit"]


class EventDetailSerializer(EventSerializer):
    """An event with everything its page shows. `participants` costs one query."""

    sources = SourceSerializer(
        many=True, help_text="Where the record comes from: first, the event's own release."
    )
    sessions = SessionSerializer(many=True)
    participants = serializers.SerializerMethodField()
    organisations = EventOrganisationSerializer(source="organisation_links", many=True)
    quotes = EventQuoteSerializer(many=True)
    visits = VisitSerializer(many=True)
    images = ImageSerializer(many=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "body",
            "public_note",
            "sources",
            "sessions",
            "participants",
            "organisations",
            "quotes",
            "visits",
            "images",
        ]
        extra_kwargs = {
            **EventSerializer.Meta.extra_kwargs,
            "public_note": {"help_text": NOTE_HELP},
        }

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, event):
        participants = participants_with_titles(event)
        return ParticipantSerializer(participants, many=True, context=self.context).data


# --- People -----------------------------------------------------------------------------


class PositionSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(
        allow_null=True, help_text="Null when the sources do not say."
    )

    class Meta:
        model = Position
        fields = ["title", "organisation", "start_date", "end_date", "public_note"]
        extra_kwargs = {"public_note": {"help_text": NOTE_HELP}}


class PersonSerializer(CountryFieldMixin, serializers.ModelSerializer):
    url = PageUrlField()
    languages = LanguagesField()
    language = ShownLanguageField("name")
    current_positions = PositionSerializer(many=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "languages",
            "language",
            "honorific",
            "country",
            "current_positions",
        ]


class PersonDetailSerializer(PersonSerializer):
    """A person with their page's content; `events` (the latest 20) costs three queries."""

    alternative_names = AlternativeNameSerializer(many=True)
    positions = PositionSerializer(
        source="timeline", many=True, help_text="Current positions first, then the latest ended."
    )
    tags = TagRefSerializer(many=True)
    event_count = serializers.IntegerField(source="public_event_count")
    quote_count = serializers.IntegerField(source="public_quote_count")
    events = serializers.SerializerMethodField(help_text="The latest 20, newest first.")
    events_url = serializers.SerializerMethodField(help_text="All their events, in the API.")
    quotes_url = serializers.SerializerMethodField(help_text="All their statements, in the API.")

    class Meta(PersonSerializer.Meta):
        fields = [
            *PersonSerializer.Meta.fields,
            "bio",
            "public_note",
            "alternative_names",
            "positions",
            "tags",
            "event_count",
            "quote_count",
            "events",
            "events_url",
            "quotes_url",
        ]
        extra_kwargs = {"public_note": {"help_text": NOTE_HELP}}

    @extend_schema_field(EventWithRolesSerializer(many=True))
    def get_events(self, person):
        return EventWithRolesSerializer(person_events(person), many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_events_url(self, person):
        return _api_list_url(self, "api:event-list", person=person.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_quotes_url(self, person):
        return _api_list_url(self, "api:quote-list", speaker=person.slug)


# --- Organisations ----------------------------------------------------------------------


class OrganisationSerializer(CountryFieldMixin, serializers.ModelSerializer):
    url = PageUrlField()
    languages = LanguagesField()
    language = ShownLanguageField("name")
    parent = OrganisationRefSerializer(allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "languages",
            "language",
            "short_name",
            "kind",
            "country",
            "parent",
        ]


class StaffPositionSerializer(serializers.ModelSerializer):
    """A position held at the organisation, with who held it."""

    person = PersonRefSerializer()

    class Meta:
        model = Position
        fields = ["person", "title", "start_date", "end_date", "public_note"]
        extra_kwargs = {"public_note": {"help_text": NOTE_HELP}}


class OrganisationDetailSerializer(OrganisationSerializer):
    """An organisation with its page's content; `events` (the latest 20) costs three queries."""

    alternative_names = AlternativeNameSerializer(many=True)
    tags = TagRefSerializer(many=True)
    children = OrganisationRefSerializer(many=True)
    positions = StaffPositionSerializer(
        source="people", many=True, help_text="Current positions first, then the latest ended."
    )
    event_count = serializers.IntegerField(source="public_event_count")
    events = serializers.SerializerMethodField(help_text="The latest 20, newest first.")
    events_url = serializers.SerializerMethodField(help_text="All its events, in the API.")

    class Meta(OrganisationSerializer.Meta):
        fields = [
            *OrganisationSerializer.Meta.fields,
            "website",
            "description",
            "alternative_names",
            "tags",
            "children",
            "positions",
            "event_count",
            "events",
            "events_url",
        ]

    @extend_schema_field(EventWithOrganisationRolesSerializer(many=True))
    def get_events(self, organisation):
        events = organisation_events(organisation)
        return EventWithOrganisationRolesSerializer(events, many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_events_url(self, organisation):
        return _api_list_url(self, "api:event-list", organisation=organisation.slug)
