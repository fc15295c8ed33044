import uuid
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from secretariat.images import PictureField
from secretariat.languages import TranslatedRecord
from secretariat.slugs import LatinSlugged
from secretariat.validators import PlainTextFields, WebAddressField, web_address
from tags.models import TagField, TaggedItem


class SourceNotes(models.Model):
    """Two notes on what the sources say: one for the public, one for staff only."""

    public_note = models.TextField(
        _("note on sources"),
        blank=True,
        help_text=_("Shown to the public, e.g. where two sources give different names or dates."),
    )
    editorial_note = models.TextField(
        _("editorial note"),
        blank=True,
        help_text=_("For staff only: never shown on the site, in feeds or in the API."),
    )

    class Meta:
        abstract = True


def portrait_path(instance, filename):
    """A generated name: what the uploader called the file is never used."""
    suffix = Path(filename).suffix.lower()[:5]
    return f"people/portraits/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


@reversion.register(follow=("alternative_names", "positions", "tagged"))
class Person(LatinSlugged, TranslatedRecord, PlainTextFields, SourceNotes):
    slug_source = "name"
    translation_required = ("name",)

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As the person is usually written in English, e.g. “Vladimir Norov”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("In Latin letters; left blank, it is made from the name."),
    )
    honorific = models.CharField(
        _("honorific"), max_length=50, blank=True, help_text=_("e.g. “Mr”, “Ms”, “H.E.”, “Dr”.")
    )
    country = CountryField(_("country"), blank=True, help_text=_("The country they represent."))
    bio = models.TextField(_("biography"), blank=True)
    portrait = PictureField(
        _("portrait"),
        upload_to=portrait_path,
        blank=True,
        help_text=_(
            "A JPEG, PNG or WebP photograph. Location and camera data are removed; "
            "visitors are shown copies sized for their screen."
        ),
        width_field="portrait_width",
        height_field="portrait_height",
    )
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_alt = models.CharField(
        _("portrait description"),
        max_length=300,
        blank=True,
        help_text=_("What the portrait shows, for people who cannot see it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    tags = TagField(through="people.TaggedPerson")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name"], name="person_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:person_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.portrait and not self.portrait_alt.strip():
            raise ValidationError(
                {"portrait_alt": _("Describe the portrait for people who cannot see it.")}
            )


@reversion.register(follow=("alternative_names", "tagged"))
class Organisation(LatinSlugged, TranslatedRecord, PlainTextFields, models.Model):
    slug_source = "name"
    translation_required = ("name",)

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        BODY = "body", _("Permanent body or secretariat")
        GOVERNMENT = "government", _("Government or ministry")
        LOCAL_GOVERNMENT = "local_government", _("Regional or city government")
        DIPLOMATIC_MISSION = "diplomatic_mission", _("Diplomatic mission")
        RESEARCH = "research", _("Research institute")
        EDUCATION = "education", _("University or school")
        YOUTH = "youth", _("Youth organisation")
        BUSINESS = "business", _("Company or business association")
        MEDIA = "media", _("Media")
        PLATFORM = "platform", _("Platform")
        PROGRAMME = "programme", _("Programme or initiative")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("In Latin letters; left blank, it is made from the name."),
    )
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("An acronym, e.g. “SCO”.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.OTHER)
    country = CountryField(
        _("country"), blank=True, help_text=_("Leave blank for international organisations.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The organisation this one belongs to, e.g. the SCO Secretariat."),
    )
    website = WebAddressField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    tags = TagField(through="people.TaggedOrganisation")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name"], name="organisation_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organisation_not_own_parent"
            ),
            web_address("website"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:organisation_detail", kwargs={"slug": self.slug})


class AlternativeName(PlainTextFields, models.Model):
    """Another way of writing a name: another script, spelling or transliteration."""

    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(
        _("language"),
        max_length=20,
        blank=True,
        help_text=_("Language code if known, e.g. “ru”, “zh-hans”, “en”."),
    )

    class Meta:
        abstract = True
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


@reversion.register()
class PersonName(AlternativeName):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="alternative_names")

    class Meta(AlternativeName.Meta):
        verbose_name = _("alternative name")
        verbose_name_plural = _("alternative names")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"], name="unique_person_alternative_name"
            )
        ]


@reversion.register()
class OrganisationName(AlternativeName):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="alternative_names"
    )

    class Meta(AlternativeName.Meta):
        verbose_name = _("alternative name")
        verbose_name_plural = _("alternative names")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_organisation_alternative_name"
            )
        ]


class PositionQuerySet(models.QuerySet):
    def held_on(self, date):
        """Positions that had begun by `date` and had not ended before it."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=date)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=date)
        )

    def current(self):
        return self.filter(end_date__isnull=True)

    def shown_first(self):
        """Of positions held at once, the one shown comes first: the latest begun
        (an unknown start counts as earliest), then the later entered."""
        return self.order_by(F("start_date").desc(nulls_last=True), "-pk")


@reversion.register()
class Position(TranslatedRecord, PlainTextFields, SourceNotes):
    translation_required = ("title",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text=_("Leave blank if the sources do not say."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. “Secretary-General”."))
    start_date = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Leave blank if unknown.")
    )
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave blank while the position is held.")
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", F("start_date").desc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="position_ends_after_it_starts",
                violation_error_message=_("A position cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organisation}" if self.organisation else self.title

    @property
    def is_current(self):
        return self.end_date is None


@reversion.register()
class TaggedPerson(TaggedItem):
    content_object = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tagged")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_person_tag")
        ]


@reversion.register()
class TaggedOrganisation(TaggedItem):
    content_object = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tagged"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_organisation_tag"
            )
        ]
