import uuid
from pathlib import Path

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from people.models import Organisation, Person, SourceNotes
from secretariat.choices import choice_label
from secretariat.images import PictureField
from secretariat.languages import TranslatedRecord
from secretariat.slugs import LatinSlugged
from secretariat.validators import PlainTextFields, WebAddressField, web_address
from tags.models import TagField, TaggedItem


class EventQuerySet(models.QuerySet):
    @staticmethod
    def _public(prefix=""):
        """The rule: published, with a publication time that has come (read per query)."""
        return Q(
            **{
                f"{prefix}status": Event.Status.PUBLISHED,
                f"{prefix}published_at__lte": timezone.now(),
            }
        )

    def published(self):
        """What the public may see, by `_public()`: every public read starts here."""
        return self.filter(self._public())

    def with_is_public(self):
        """Every event, each with `.is_public`: whether `published()` would include it now."""
        return self.annotate(
            is_public=ExpressionWrapper(self._public(), output_field=models.BooleanField())
        )

    def next_publication(self):
        """When the next scheduled event becomes public by `_public()`, or None."""
        return self.filter(
            status=Event.Status.PUBLISHED, published_at__gt=timezone.now()
        ).aggregate(at=models.Min("published_at"))["at"]

    def upcoming(self):
        return self.filter(end_date__gte=timezone.localdate()).order_by("start_date", "pk")

    def past(self):
        return self.filter(end_date__lt=timezone.localdate()).order_by("-start_date", "-pk")


# An event's revision holds the parts edited on its page, not the people,
# organisations and tags it names: restoring it never rewrites those.
@reversion.register(
    follow=(
        "sources",
        "sessions",
        "participations",
        "organisation_links",
        "quotes",
        "visits",
        "images",
        "tagged",
    )
)
class Event(LatinSlugged, TranslatedRecord, PlainTextFields, SourceNotes):
    class Kind(models.TextChoices):
        ROUNDTABLE = "roundtable", _("Roundtable")
        MEETING = "meeting", _("Meeting")
        BILATERAL_MEETING = "bilateral_meeting", _("Bilateral meeting")
        CONFERENCE = "conference", _("Conference")
        FORUM = "forum", _("Forum")
        SUMMIT = "summit", _("Summit")
        LECTURE = "lecture", _("Lecture")
        BRIEFING = "briefing", _("Briefing")
        OPEN_DAY = "open_day", _("Open day")
        BOOK_PRESENTATION = "book_presentation", _("Book presentation")
        EXHIBITION = "exhibition", _("Exhibition")
        RECEPTION = "reception", _("Reception")
        OFFICIAL_VISIT = "official_visit", _("Official visit")
        VISIT = "visit", _("Visit")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    translation_required = ("title",)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.MEETING)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the account was written in; the others are translations."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The last part of the page's address, in Latin letters; left blank, it is "
            "made from the title. After a change, the old address redirects to the new one."
        ),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), blank=True, help_text=_("Leave blank for a one-day event.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Building or hall, if known.")
    )
    format = models.CharField(_("format"), max_length=10, choices=Format, default=Format.IN_PERSON)
    platform = models.CharField(
        _("platform"),
        max_length=100,
        blank=True,
        help_text=_("Where it was held online, e.g. “Zoom”. Online and hybrid events only."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        help_text=_("Who attended, as the source says, e.g. “students and teachers”."),
    )
    audience_size = models.PositiveIntegerField(
        _("audience size"), null=True, blank=True, help_text=_("How many attended, if stated.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences shown in lists, feeds and search results."),
    )
    body = models.TextField(_("body"), blank=True, help_text=_("The full account of the event."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "When the event becomes public. Leave blank to publish on saving; "
            "a future time schedules it."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    tags = TagField(through="events.TaggedEvent")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date", "-pk"]
        permissions = [("publish_event", _("Can publish, unpublish and schedule events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_event_has_publication_time",
            ),
            models.CheckConstraint(
                condition=Q(platform="") | ~Q(format="in_person"),
                name="in_person_event_has_no_platform",
                violation_error_message=_(
                    "A platform is for online and hybrid events: choose the format."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="event_visibility_idx"),
            models.Index(fields=["-start_date", "-id"], name="event_start_idx"),
            models.Index(fields=["kind", "-start_date"], name="event_kind_idx"),
            models.Index(fields=["country", "-start_date"], name="event_country_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def public_from(self):
        """From when `published()` includes this event, or None: never as it is."""
        return self.published_at if self.status == self.Status.PUBLISHED else None

    @property
    def is_online(self):
        """Whether it was followed online: online or hybrid."""
        return self.format != self.Format.IN_PERSON

    @property
    def meets_in_person(self):
        """Whether it met at a place: in person or hybrid."""
        return self.format != self.Format.ONLINE

    @property
    def format_label(self):
        """The format as readers are told it, with the platform if any: "Online (Zoom)"."""
        label = str(choice_label(self, "format"))
        if not self.platform:
            return label
        return _("%(format)s (%(platform)s)") % {"format": label, "platform": self.platform}

    def clean(self):
        super().clean()
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()


class Sourced(models.Model):
    """A part of an event that may name its own source, where it differs from the event's."""

    source_url = WebAddressField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The address of the source, if not the event's own."),
    )

    class Meta:
        abstract = True


@reversion.register()
class EventSource(PlainTextFields, models.Model):
    """Where the record's facts come from: the first is the event's own release."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    url = WebAddressField(_("address"), max_length=500)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “SCO Secretariat press release”. The site's name is shown if blank."),
    )
    language = models.CharField(
        _("language"),
        max_length=20,
        blank=True,
        help_text=_("Language code of the source, e.g. “ru”, “zh-hans”, “en”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["event", "order", "pk"]
        constraints = [
            web_address("url"),
            models.UniqueConstraint(
                fields=["event", "url"],
                name="unique_event_source",
                violation_error_message=_("This source is already listed."),
            ),
        ]

    def __str__(self):
        return self.title or self.url


@reversion.register()
class Session(TranslatedRecord, PlainTextFields, models.Model):
    language_source = "event"
    translation_required = ("title",)

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary session")
        PANEL = "panel", _("Panel")
        SUB_FORUM = "sub_forum", _("Sub-forum")
        SIDE_MEETING = "side_meeting", _("Side meeting")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, blank=True)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("For an event of several days.")
    )
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gte=F("start_time")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#session-{self.pk}"

    def clean(self):
        # A new event's sessions, on its form, hold it unsaved: no event_id yet.
        event = self.event if self.event_id or Session.event.is_cached(self) else None
        if self.date and event and not event.start_date <= self.date <= event.end_date:
            raise ValidationError({"date": _("This date is outside the event's dates.")})


class Role(models.TextChoices):
    """How a person took part in an event."""

    HOST = "host", _("Host")
    ORGANISER = "organiser", _("Organiser")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    DELEGATION_HEAD = "delegation_head", _("Head of delegation")
    DELEGATION = "delegation", _("Delegation")
    KEYNOTE = "keynote", _("Keynote speaker")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    VIDEO_ADDRESS = "video_address", _("Video address")
    SENT_GREETINGS = "sent_greetings", _("Sent greetings (not present)")
    GUEST = "guest", _("Guest")
    PARTICIPANT = "participant", _("Participant")


class OrganisationRole(models.TextChoices):
    """How an organisation took part in an event."""

    HOST = "host", _("Host")
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    CHAIR = "chair", _("Chairmanship")
    VENUE = "venue", _("Venue")
    PUBLISHER = "publisher", _("Publisher")
    PARTNER = "partner", _("Partner")
    DELEGATION = "delegation", _("Delegation")
    SPEAKER = "speaker", _("Speaker")
    PARTICIPANT = "participant", _("Participant")


@reversion.register()
class Participation(TranslatedRecord, PlainTextFields, Sourced):
    """A person at an event, in a role; with a session, a speaker or moderator there."""

    language_source = "event"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTICIPANT)
    # A role in a session ends with the session. (Kept as a role at the event, it
    # could duplicate the person's own row there, which the constraints refuse.)
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("For speakers and moderators of one session."),
    )
    stated_title = models.CharField(
        _("title as stated"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person's title as the source writes it. Shown when no dated position "
            "covers the event's date."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "order", "pk"]
        constraints = [
            # Two partial constraints, since SQLite cannot treat NULL sessions as equal.
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                condition=Q(session__isnull=True),
                name="unique_participation",
                violation_error_message=_("This person is already listed in this role."),
            ),
            models.UniqueConstraint(
                fields=["event", "person", "role", "session"],
                condition=Q(session__isnull=False),
                name="unique_session_participation",
                violation_error_message=_("This person is already listed in this session."),
            ),
            web_address("source_url"),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"

    def clean(self):
        _check_same_event(self, self.session)


@reversion.register()
class EventOrganisation(PlainTextFields, models.Model):
    """An organisation's part in an event: host, organiser, participant…"""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="event_links"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=OrganisationRole, default=OrganisationRole.PARTICIPANT
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"],
                name="unique_event_organisation",
                violation_error_message=_("This organisation is already listed in this role."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_role_display()}"


@reversion.register(follow=("tagged",))
class Quote(TranslatedRecord, PlainTextFields, Sourced):
    """A statement: said by a person, an organisation or a named group, or unattributed."""

    language_source = "event"
    translation_required = ("text",)

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct quotation")
        REPORTED = "reported", _("Reported statement")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quotes")
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text=_("If said in one session."),
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("speaker"),
    )
    speaker_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("said by organisation"),
    )
    speaker_group = models.CharField(
        _("said by group"),
        max_length=200,
        blank=True,
        help_text=_("A group named as the source names it, e.g. “pupils of school No. 55”."),
    )
    attribution_note = models.CharField(
        _("note on who said it"),
        max_length=300,
        blank=True,
        help_text=_("Required when no speaker is named, e.g. “said by a participant”."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.DIRECT)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language it was said in, if not the event's: a direct quotation is "
            "authoritative in it, and shown as a translation in the others."
        ),
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "A direct quotation word for word, without quotation marks; "
            "a reported statement as the release words it."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    tags = TagField(through="events.TaggedQuote")

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["event", "order", "pk"]
        indexes = [models.Index(fields=["speaker", "event"], name="quote_speaker_idx")]
        constraints = [
            # At most one of a person, an organisation and a group said it.
            models.CheckConstraint(
                condition=Q(speaker__isnull=True, speaker_organisation__isnull=True)
                | Q(speaker__isnull=True, speaker_group="")
                | Q(speaker_organisation__isnull=True, speaker_group=""),
                name="quote_has_one_speaker",
                violation_error_message=_(
                    "Name one speaker: a person, an organisation or a group."
                ),
            ),
            web_address("source_url"),
        ]

    def __str__(self):
        return f"{self.said_by or self.attribution_note}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#quote-{self.pk}"

    @property
    def said_by(self):
        """Who said it, as shown: the person, the organisation, or the group's name; or ''."""
        if self.speaker_id:
            return self.speaker.name
        if self.speaker_organisation_id:
            return self.speaker_organisation.name
        return self.speaker_group

    @property
    def said_by_record(self):
        """The Person or Organisation who said it, or None for a group or no one."""
        if self.speaker_id:
            return self.speaker
        return self.speaker_organisation if self.speaker_organisation_id else None

    def clean(self):
        _check_same_event(self, self.session)
        named = self.speaker_id or self.speaker_organisation_id or self.speaker_group.strip()
        if not named and not self.attribution_note.strip():
            raise ValidationError(
                {
                    "attribution_note": _(
                        "Name who said it, or say here why the statement is unattributed."
                    )
                }
            )


@reversion.register(follow=("tagged",))
class Visit(TranslatedRecord, PlainTextFields, models.Model):
    language_source = "event"
    translation_required = ("place",)

    class PlaceKind(models.TextChoices):
        SCHOOL = "school", _("School")
        UNIVERSITY = "university", _("University or college")
        RESEARCH = "research", _("Research centre")
        COMPANY = "company", _("Company or industrial park")
        GOVERNMENT = "government", _("Government office")
        MUSEUM = "museum", _("Museum or exhibition")
        HERITAGE = "heritage", _("Historic or cultural site")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visits")
    place = models.CharField(_("place"), max_length=300)
    place_kind = models.CharField(_("kind of place"), max_length=20, choices=PlaceKind, blank=True)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    tags = TagField(through="events.TaggedVisit")

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["event", "order", "pk"]

    def __str__(self):
        return self.place

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#visit-{self.pk}"


def event_image_path(instance, filename):
    """A generated name: what the uploader called the file is never used."""
    suffix = Path(filename).suffix.lower()[:5]
    return f"events/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


@reversion.register()
class EventImage(TranslatedRecord, PlainTextFields, models.Model):
    language_source = "event"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="images")
    image = PictureField(
        _("image"),
        upload_to=event_image_path,
        width_field="width",
        height_field="height",
        help_text=_(
            "A JPEG, PNG or WebP photograph. Location and camera data are removed; "
            "visitors are shown copies sized for their screen."
        ),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the picture shows, for people who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="event_image_has_alt_text"),
        ]

    def __str__(self):
        return self.alt_text


@reversion.register()
class TaggedEvent(TaggedItem):
    content_object = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tagged")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_event_tag")
        ]


@reversion.register()
class TaggedQuote(TaggedItem):
    content_object = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="tagged")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_quote_tag")
        ]


@reversion.register()
class TaggedVisit(TaggedItem):
    content_object = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="tagged")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_visit_tag")
        ]


def _check_same_event(obj, session):
    if session is not None and obj.event_id and session.event_id != obj.event_id:
        raise ValidationError({"session": _("This session belongs to another event.")})
