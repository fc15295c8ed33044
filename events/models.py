import uuid
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from people.models import Organisation, Person
from secretariat.images import PictureField
from secretariat.validators import PlainTextFields
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
        "sessions",
        "participations",
        "organisation_links",
        "quotes",
        "visits",
        "images",
        "tagged",
    )
)
class Event(PlainTextFields, models.Model):
    class Kind(models.TextChoices):
        ROUNDTABLE = "roundtable", _("Roundtable")
        MEETING = "meeting", _("Meeting")
        CONFERENCE = "conference", _("Conference")
        FORUM = "forum", _("Forum")
        SUMMIT = "summit", _("Summit")
        VISIT = "visit", _("Visit")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.MEETING)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "The last part of the page's address. After a change, the old address "
            "redirects to the new one."
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
    online = models.BooleanField(
        _("online"), default=False, help_text=_("Held online, in whole or in part.")
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

    def clean(self):
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()


@reversion.register()
class Session(PlainTextFields, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#session-{self.pk}"


class Role(models.TextChoices):
    """How a person or an organisation took part in an event."""

    HOST = "host", _("Host")
    ORGANISER = "organiser", _("Organiser")
    DELEGATION_HEAD = "delegation_head", _("Head of delegation")
    DELEGATION = "delegation", _("Delegation")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    PARTICIPANT = "participant", _("Participant")


@reversion.register()
class Participation(PlainTextFields, models.Model):
    """A person at an event, in a role; with a session, a speaker or moderator there."""

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
        help_text=_("For speakers and moderators of one session. Save the sessions first."),
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
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTICIPANT)
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
class Quote(PlainTextFields, models.Model):
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
        help_text=_("If said in one session. Save the sessions first."),
    )
    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quotes")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.DIRECT)
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

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#quote-{self.pk}"

    def clean(self):
        _check_same_event(self, self.session)


@reversion.register(follow=("tagged",))
class Visit(PlainTextFields, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visits")
    place = models.CharField(_("place"), max_length=300)
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
class EventImage(PlainTextFields, models.Model):
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
