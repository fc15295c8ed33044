import re
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version

from audit.admin import RevisionAdmin
from audit.revisions import reverted
from events.models import (
    Event,
    EventImage,
    EventOrganisation,
    EventSource,
    Participation,
    Quote,
    Session,
    Visit,
)
from events.permissions import can_edit_event, can_publish
from events.views import EventDetailView
from secretariat.admin import (
    NoLostUpdateAdmin,
    TranslatedAdmin,
    TranslatedModelForm,
    TranslatedStackedInline,
    TranslatedTabularInline,
)
from secretariat.admin_languages import MissingLanguageFilter
from secretariat.languages import CODES
from tags.admin import TagListFilter, TagsColumnMixin


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("start_date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(start_date__year=int(self.value()))
        return queryset


def session_label(order, title):
    """How a session is named in a session field: its number and short title."""
    return f"{order}. {Truncator(title).chars(40)}"


def limit_to_event_sessions(field, event):
    """Offer only `event`'s sessions in a session field, by number and short title."""
    field.queryset = event.sessions.all() if event else Session.objects.none()
    field.label_from_instance = lambda session: session_label(session.order, session.title)
    # Sessions are edited on the event page itself, not in pop-ups from one row.
    widget = field.widget
    widget.can_add_related = widget.can_change_related = False
    widget.can_delete_related = widget.can_view_related = False


# The event form's sessions formset (its default prefix), and how a participation
# or a quote names one of its rows that is not saved yet: "new-<form index>".
SESSIONS_PREFIX = "sessions"
NEW_SESSION = re.compile(r"new-(\d+)")


@dataclass(frozen=True)
class NewSession:
    """A reference to the sessions formset's row `index`, saved in the same save."""

    index: int


@dataclass(frozen=True)
class PostedSession:
    """A session row as posted with the event form."""

    pk: str
    order: str
    title: str
    deleted: bool


def _posted_title(data, row_prefix):
    """A posted session row's title: in the event's original language, else the first with text."""
    original = data.get("original_language", "")
    languages = [original] if original in CODES else []
    languages += [code for code in CODES if code not in languages]
    for code in languages:
        column = build_localized_fieldname("title", code)
        if title := data.get(f"{row_prefix}-{column}", "").strip():
            return title
    return ""


def posted_sessions(data):
    """The session rows in an event form's POST `data`, by form index; {} if none were sent.

    A row's title is the one in the event's original language, else in the first
    language that has one (the form has one input per language).
    """
    prefix = SESSIONS_PREFIX
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return {}
    # More rows than the formset's max_num (1000) are refused by the formset itself.
    return {
        index: PostedSession(
            pk=data.get(f"{prefix}-{index}-id", ""),
            order=data.get(f"{prefix}-{index}-order", "").strip(),
            title=_posted_title(data, f"{prefix}-{index}"),
            deleted=bool(data.get(f"{prefix}-{index}-DELETE")),
        )
        for index in range(min(total, 1000))
    }


class SessionChoiceField(forms.ModelChoiceField):
    """One of the event's sessions: a saved one by key, or a new row of the same form.

    "new-<n>" (the sessions formset's row n) cleans to a `NewSession`, which the
    form checks against the posted rows and `EventAdmin.save_related` resolves
    once that row is saved.
    """

    def to_python(self, value):
        if isinstance(value, str) and (match := NEW_SESSION.fullmatch(value)):
            return NewSession(int(match[1]))
        return super().to_python(value)


class SessionLinkForm(TranslatedModelForm):
    """A participation's or quote's form on the event page, whose session may be a new row.

    `new_session` is the index of the new session row it names, else None.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_session = None
        field = self.fields.get("session")
        if self.is_bound and field is not None:
            # Shown again after a refused save: the rows named by a script on the first try.
            new_rows = [
                (f"new-{index}", session_label(row.order or 0, row.title))
                for index, row in posted_sessions(self.data).items()
                if not row.pk and row.title and not row.deleted
            ]
            if new_rows:
                select = getattr(field.widget, "widget", field.widget)
                select.choices = [*field.choices, *new_rows]

    def clean(self):
        cleaned_data = super().clean()
        session = cleaned_data.get("session")
        rows = posted_sessions(self.data)
        if isinstance(session, NewSession):
            row = rows.get(session.index)
            if row is None or row.pk:
                self.add_error("session", _("There is no such new session on this page."))
            elif row.deleted:
                self.add_error(
                    "session",
                    _("This new session is being removed: choose another session or none."),
                )
            elif not row.title:
                self.add_error(
                    "session",
                    _("This new session has no title: give it one, or choose another session."),
                )
            else:
                self.new_session = session.index
                cleaned_data["session"] = None
        elif (
            session is not None
            and self.has_changed()
            and any(row.pk == str(session.pk) and row.deleted for row in rows.values())
        ):
            # Sessions are saved first: a changed row kept in a removed session would be lost.
            self.add_error(
                "session",
                _("This session is being deleted: choose another session or none."),
            )
        return cleaned_data

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.new_session is not None:
            # Checked against no session, a row with a new one would look like a duplicate.
            exclude.add("session")
        return exclude


class EventSessionChoicesMixin:
    form = SessionLinkForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            kwargs["form_class"] = SessionChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_to_event_sessions(formset.form.base_fields["session"], obj)
        return formset


SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class EventPartInlineMixin:
    """Parts of a published or scheduled event are read-only to editors (see events.permissions)."""

    def has_add_permission(self, request, obj):
        return can_edit_event(request.user, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return can_edit_event(request.user, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_edit_event(request.user, obj) and super().has_delete_permission(request, obj)


class EventPartAdminMixin(NoLostUpdateAdmin):
    """For the stand-alone admins of an event's parts: editors may attach them to drafts only."""

    part_of = "event"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event" and not can_publish(request.user):
            kwargs["queryset"] = Event.objects.filter(status=Event.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        event = obj.event if obj else None
        return can_edit_event(request.user, event) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        event = obj.event if obj else None
        return can_edit_event(request.user, event) and super().has_delete_permission(request, obj)


class EventSourceInline(EventPartInlineMixin, admin.TabularInline):
    model = EventSource
    extra = 0
    fields = ["url", "title", "language", "order"]


class SessionInline(EventPartInlineMixin, TranslatedTabularInline):
    model = Session
    extra = 0
    fields = ["order", "title", "kind", "date", "start_time", "end_time", "description"]
    formfield_overrides = SHORT_TEXT


class ParticipationFormSet(forms.BaseInlineFormSet):
    """The event's participants: one row per person, role and session, new sessions included.

    The database's constraints would refuse a repeated row only on saving (they
    are conditional, so the formset's own unique checks skip them).
    """

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            person, role = form.cleaned_data.get("person"), form.cleaned_data.get("role")
            if person is None or not role:
                continue
            session = form.cleaned_data.get("session")
            where = ("new", form.new_session) if form.new_session is not None else session
            key = (person.pk, role, where.pk if isinstance(where, Session) else where)
            if key in seen:
                raise forms.ValidationError(
                    _("This person is listed twice in this role and session: remove one row."),
                    code="repeated_participant",
                )
            seen.add(key)


class ParticipationInline(EventPartInlineMixin, EventSessionChoicesMixin, TranslatedTabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "stated_title", "session", "source_url", "order"]


class EventOrganisationInline(EventPartInlineMixin, admin.TabularInline):
    model = EventOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "order"]


class QuoteInline(EventPartInlineMixin, EventSessionChoicesMixin, TranslatedStackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker", "speaker_organisation"]
    fields = [
        ("speaker", "speaker_organisation", "speaker_group"),
        ("kind", "session", "order"),
        "original_language",
        "text",
        ("attribution_note", "source_url"),
        "tags",
    ]
    formfield_overrides = SHORT_TEXT


class VisitInline(EventPartInlineMixin, TranslatedStackedInline):
    model = Visit
    extra = 0
    fields = [("place", "place_kind", "date", "order"), "description", "tags"]
    formfield_overrides = SHORT_TEXT


class EventImageInline(EventPartInlineMixin, TranslatedStackedInline):
    model = EventImage
    extra = 0
    fields = [("image", "order"), "alt_text", ("caption", "credit")]


@admin.register(Event)
class EventAdmin(NoLostUpdateAdmin, TagsColumnMixin, TranslatedAdmin, RevisionAdmin):
    list_display = ["title", "kind", "start_date", "place", "status_label", "tag_list"]
    list_filter = [
        "status",
        "kind",
        YearFilter,
        ("country", CountryFilter),
        TagListFilter,
        MissingLanguageFilter,
    ]
    search_fields = ["title", "slug", "city", "venue", "summary"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("kind", "original_language"),
                    "title",
                    "slug",
                    ("start_date", "end_date"),
                    "loaded_version",
                ]
            },
        ),
        (_("Place"), {"fields": [("format", "platform"), ("city", "country"), "venue"]}),
        (_("Text"), {"fields": ["summary", "body", "tags", ("audience", "audience_size")]}),
        (_("Notes"), {"fields": ["public_note", "editorial_note"]}),
        (_("Publication"), {"fields": [("status", "published_at"), ("created_at", "updated_at")]}),
    ]
    inlines = [
        EventSourceInline,
        EventOrganisationInline,
        ParticipationInline,
        SessionInline,
        QuoteInline,
        VisitInline,
        EventImageInline,
    ]

    class Media:
        # New sessions offered in the rows' session fields; a new quote starts
        # with the speaker of the one above (fast entry of a release).
        js = ["js/event-sessions.js", "js/quote-rows.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_is_public()

    def save_related(self, request, form, formsets, change):
        """Save the sessions first, then the rows that name one, new sessions included."""
        form.save_m2m()
        sessions = [formset for formset in formsets if formset.model is Session]
        for formset in sessions:
            self.save_formset(request, form, formset, change=change)
        for formset in formsets:
            if formset.model is Session:
                continue
            for row in formset.forms:
                index = getattr(row, "new_session", None)
                if index is not None:
                    row.instance.session = self._saved_session(sessions, index)
            self.save_formset(request, form, formset, change=change)

    @staticmethod
    def _saved_session(sessions, index):
        """The session just saved from row `index` of the sessions formset."""
        forms = sessions[0].forms if sessions else []
        session = forms[index].instance if index < len(forms) else None
        if session is None or session.pk is None:
            # SessionLinkForm checked the posted rows; only a forged POST gets here.
            raise ValueError(f"Session row {index} was not saved.")
        return session

    def get_urls(self):
        preview = path(
            "<path:object_id>/history/<int:version_id>/preview/",
            self.admin_site.admin_view(self.preview_version_view),
            name="events_event_preview_version",
        )
        return [preview, *super().get_urls()]

    def preview_version_view(self, request, object_id, version_id):
        """The public event page as it was at one revision, under a banner; nothing is changed."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        versions = Version.objects.get_for_object_reference(Event, unquote(object_id))
        version = get_object_or_404(versions, pk=version_id)
        with reverted(version):
            event = Event.objects.get(pk=version.object_id)
            view = EventDetailView.as_view(extra_context={"shown_version": version})
            response = view(request, slug=event.slug)
            response.render()
        return response

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return can_edit_event(request.user, obj) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            fields += ["status", "published_at"]
        return fields

    @admin.display(description=_("place"), ordering="city")
    def place(self, event):
        return ", ".join(str(part) for part in [event.city, event.country.name] if part)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, event):
        if event.status == Event.Status.PUBLISHED and not event.is_public:
            return _("Scheduled for %(time)s") % {
                "time": timezone.localtime(event.published_at).strftime("%Y-%m-%d %H:%M")
            }
        return event.get_status_display()

    @admin.action(description=_("Publish selected events"), permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        count = 0
        for event in queryset.filter(status=Event.Status.DRAFT):
            event.status = Event.Status.PUBLISHED
            # A publication time already set (a schedule) is kept.
            event.published_at = event.published_at or now
            self._save_from_action(request, event, _("Published."))
            count += 1
        self.message_user(
            request,
            ngettext("%d event published.", "%d events published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected events"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for event in queryset.filter(status=Event.Status.PUBLISHED):
            event.status = Event.Status.DRAFT
            self._save_from_action(request, event, _("Unpublished."))
            count += 1
        self.message_user(
            request,
            ngettext("%d event unpublished.", "%d events unpublished.", count) % count,
            messages.SUCCESS,
        )

    def _save_from_action(self, request, event, message):
        """Save `event` as the change form would: a revision and a change-log entry of its own."""
        with self.create_revision(request):
            event.save()
            self.log_change(request, event, message)


@admin.register(Session)
class SessionAdmin(EventPartAdminMixin, TranslatedAdmin, RevisionAdmin):
    list_display = ["title", "event", "order"]
    list_select_related = ["event"]
    list_filter = [MissingLanguageFilter]
    search_fields = ["title", "description", "event__title"]
    autocomplete_fields = ["event"]


@admin.register(Quote)
class QuoteAdmin(EventPartAdminMixin, TagsColumnMixin, TranslatedAdmin, RevisionAdmin):
    list_display = ["__str__", "speaker", "kind", "event", "tag_list"]
    list_select_related = ["speaker", "event"]
    list_filter = ["kind", TagListFilter, MissingLanguageFilter]
    search_fields = ["text", "speaker__name", "event__title"]
    autocomplete_fields = ["event", "speaker"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        limit_to_event_sessions(form.base_fields["session"], obj.event if obj else None)
        return form


@admin.register(Visit)
class VisitAdmin(EventPartAdminMixin, TagsColumnMixin, TranslatedAdmin, RevisionAdmin):
    list_display = ["place", "event", "date", "tag_list"]
    list_select_related = ["event"]
    list_filter = [TagListFilter, MissingLanguageFilter]
    search_fields = ["place", "description", "event__title"]
    autocomplete_fields = ["event"]
