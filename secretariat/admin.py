"""Admin pieces shared by the apps' ModelAdmins."""

import hashlib
import json

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import _get_foreign_key
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.fields import TranslationField
from modeltranslation.utils import build_localized_fieldname

from secretariat.admin_languages import SearchInEveryLanguage
from secretariat.languages import CODES, language_name, original_language, translated_fields

# No `record_language` given: the form is not a row of an inline on a record's page.
_NOT_GIVEN = object()


def _rows(queryset):
    """`queryset`'s rows as lists of their stored values, by primary key.

    Every language's column, never a translated field's own name: modeltranslation
    reads `title` as the active language's column, so the digest would depend on
    the language of the admin page and miss a change made in another language.
    """
    model = queryset.model
    translated = set(translated_fields(model))
    columns = [
        field.attname for field in model._meta.concrete_fields if field.name not in translated
    ]
    rows = [list(row) for row in queryset.order_by("pk").values_list(*columns)]
    tags = getattr(model, "tags", None)
    if tags is not None and rows:
        through = tags.through
        keys = {}
        links = through.objects.filter(content_object__in=queryset.values("pk"))
        for pk, key in links.order_by("tag__key").values_list("content_object_id", "tag__key"):
            keys.setdefault(pk, []).append(key)
        for row in rows:
            row.append(keys.get(row[0], []))
    return rows


class TranslatedFormMixin:
    """A model form whose translated fields are one input per language (`title_en`, …).

    A model's check on a translated field (`TranslatedRecord`: "Required in
    Russian, the original language") may name the field itself, which the form
    does not have: Django would answer with a 500. Such an error is shown on the
    column of the record's original language, else the first language's column
    the form has, else above the form; it is left out when that input already
    has an error of its own.

    The inputs of the record's original language are labelled "(original)" and
    carry the class `original-language`. A row of an inline takes it from its
    own `original_language` (a quote said in Russian), else from the record the
    page is about, which the formset passes as `record_language`.
    """

    def __init__(self, *args, record_language=_NOT_GIVEN, **kwargs):
        super().__init__(*args, **kwargs)
        for field in translated_fields(self._meta.model):
            for code in CODES:
                if form_field := self.fields.get(build_localized_fieldname(field, code)):
                    # For js/language-tabs.js, which shows one language at a time.
                    form_field.widget.attrs["data-language"] = code
                    form_field.widget.attrs["data-language-name"] = language_name(code)
        self.original = self._original_language(record_language)
        if self.original:
            self._mark_original(self.original)

    def _original_language(self, record_language):
        """The language this form's record was written in, as posted or stored; None if none."""
        if "original_language" in self.fields:
            if self.is_bound:
                own = self.data.get(self.add_prefix("original_language"))
            else:
                own = getattr(self.instance, "original_language", None)
            if own in CODES:
                return own
        if record_language is not _NOT_GIVEN:
            return record_language
        return original_language(self.instance)

    def _mark_original(self, code):
        """Label the inputs in language `code` "(original)", with the class `original-language`."""
        for field in translated_fields(self._meta.model):
            form_field = self.fields.get(build_localized_fieldname(field, code))
            if form_field is None:
                continue
            # After the label, not in it: the change log names fields by their label.
            form_field.label_suffix = f" {_('(original)')}{self.label_suffix}"
            classes = form_field.widget.attrs.get("class", "").split()
            form_field.widget.attrs["class"] = " ".join([*classes, "original-language"])

    def _update_errors(self, errors):
        if not hasattr(errors, "error_dict"):
            return super()._update_errors(errors)
        translated = set(translated_fields(self._meta.model))
        field_of = {build_localized_fieldname(f, code): f for f in translated for code in CODES}
        own, moved = {}, {}
        for field, messages in errors.error_dict.items():
            if field in translated and field not in self.fields:
                moved.setdefault((field, self._column_for(field)), []).extend(messages)
            elif field in field_of:
                moved.setdefault((field_of[field], field), []).extend(messages)
            else:
                own[field] = messages
        if own:
            super()._update_errors(ValidationError(own))
        for (field, column), messages in moved.items():
            # Kept as worded (not replaced by the input's "This field is required."),
            # and "required" left out when an input of the field already says what is
            # wrong: its text was refused, so the model did not see it.
            refused = any(field_of.get(name) == field for name in self._errors)
            kept = [m for m in messages if not (refused and m.code == "required")]
            if kept and column not in self._errors:
                self.add_error(None, {column: kept})

    def _column_for(self, field):
        """The input of `field` an error about it is shown on."""
        original = original_language(self.instance)
        languages = [original] if original else []
        languages += [code for code in CODES if code not in languages]
        for code in languages:
            column = build_localized_fieldname(field, code)
            if column in self.fields:
                return column
        return NON_FIELD_ERRORS


class _VersionField(forms.CharField):
    """The hidden `loaded_version`: bookkeeping, never a change to the record."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class TranslatedModelForm(TranslatedFormMixin, forms.ModelForm):
    """The admin's model form for a model with translated fields."""


class _RequiredByTheModel:
    """No language's input is required by the form: the model says which (`TranslatedRecord`).

    modeltranslation would require the English one, but a record written in
    Russian needs its Russian title, and a person their name in any language.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, TranslationField):
            field.required = False
        return field


class TranslatedAdmin(SearchInEveryLanguage, _RequiredByTheModel, TranslationAdmin):
    """A ModelAdmin for a model with translated fields: one input per language.

    Its search looks in every language; its inlines' rows know the record's
    original language (`TranslatedFormMixin`).
    """

    class Media:
        js = ["js/language-tabs.js"]
        css = {"all": ["css/admin-languages.css"]}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.form, TranslatedFormMixin):
            # `obj` holds what was posted: the language chosen on this very page.
            kwargs["form_kwargs"] = {
                **kwargs.get("form_kwargs", {}),
                "record_language": original_language(obj),
            }
        return kwargs


class TranslatedTabularInline(_RequiredByTheModel, TranslationTabularInline):
    form = TranslatedModelForm


class TranslatedStackedInline(_RequiredByTheModel, TranslationStackedInline):
    form = TranslatedModelForm


class NoLostUpdateForm(TranslatedModelForm):
    """A change form that refuses to overwrite a save made since it was opened.

    `loaded_version` holds when it was opened and a digest of the stored state
    (`NoLostUpdateAdmin.version`). If that state has moved on, the save is
    refused with who saved, when and a link; the form keeps the editor's input
    and now holds the newer version, so saving again replaces it deliberately.
    """

    loaded_version = _VersionField(required=False)

    # Set by NoLostUpdateAdmin.get_form.
    model_admin = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.model_admin.version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        # Locked until the admin's transaction ends, so two saves cannot interleave here.
        self.model_admin.lock(self.instance)
        current = self.model_admin.version(self.instance)
        loaded = cleaned_data.get("loaded_version") or ""
        if loaded.partition("|")[2] != current.partition("|")[2]:
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current
            opened_at = parse_datetime(loaded.partition("|")[0] or "")
            raise ValidationError(self.conflict_message(opened_at), code="conflict")
        return cleaned_data

    def conflict_message(self, opened_at):
        """Who saved the record, or the whole it is part of, since `opened_at`; when; a link."""
        verbose_name = self.instance._meta.verbose_name
        entry = self.model_admin.last_change(self.instance, since=opened_at)
        if entry is None:
            return format_html(
                _(
                    "This {model} was changed after you opened it. Your changes have not been "
                    "saved: reload the page in another tab to see the other change. To keep "
                    "yours instead, save again."
                ),
                model=verbose_name,
            )
        opts = entry.content_type.model_class()._meta
        facts = {
            "who": entry.user.get_username(),
            "when": timezone.localtime(entry.action_time).strftime("%Y-%m-%d %H:%M:%S"),
            "history": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[entry.object_id]
            ),
            "model": verbose_name,
        }
        if opts.model is type(self.instance) and entry.object_id == str(self.instance.pk):
            saved = format_html(
                _("{who} saved this {model} at {when}, after you opened it."), **facts
            )
        else:
            saved = format_html(
                _("{who} saved the {other} “{name}” at {when}, after you opened this {model}."),
                other=opts.verbose_name,
                name=entry.object_repr,
                **facts,
            )
        return format_html(
            "{} {}",
            saved,
            format_html(
                _(
                    'Your changes have not been saved: see <a href="{history}">their change</a>. '
                    "To keep yours instead, save again."
                ),
                **facts,
            ),
        )


class NoLostUpdateAdmin:
    """A ModelAdmin mixin whose change form refuses to overwrite a save made since it opened.

    The stored state: the record, its tags, the rows of each inline. A part of
    another record (a session) names the whole in `part_of`: every save locks
    the whole's row first, and a part's change is also logged on the whole.
    """

    form = NoLostUpdateForm
    part_of = None

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.model_admin = self
        return form

    def version(self, obj):
        """`loaded_version` for a form opened now on `obj`: the time, then the state's digest."""
        manager = self.model._default_manager
        state = [_rows(manager.filter(pk=obj.pk))]
        for inline in self.inlines:
            fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            state.append(_rows(inline.model._default_manager.filter(**{fk.name: obj.pk})))
        digest = hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()
        return f"{timezone.now().isoformat()}|{digest}"

    def whole(self, obj):
        """The record `obj` is part of, or `obj` itself."""
        return getattr(obj, self.part_of) if self.part_of else obj

    def lock(self, obj):
        """Lock the whole's row until the current transaction ends."""
        whole = self.whole(obj)
        list(type(whole)._default_manager.select_for_update().filter(pk=whole.pk).values("pk"))

    def last_change(self, obj, since=None):
        """The newest admin log entry on `obj` made at or after `since`, else on its whole."""
        entries = LogEntry.objects.select_related("user", "content_type")
        if since is not None:
            entries = entries.filter(action_time__gte=since)
        for record in dict.fromkeys([obj, self.whole(obj)]):
            content_type = ContentType.objects.get_for_model(record)
            about = entries.filter(content_type=content_type, object_id=str(record.pk))
            if entry := about.order_by("-action_time", "-pk").first():
                return entry
        return None

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._log_on_whole(request, obj, "added")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        fields = [
            name
            for item in (message if isinstance(message, list) else [])
            for name in item.get("changed", {}).get("fields", [])
        ]
        self._log_on_whole(request, obj, "changed", fields=fields)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._log_on_whole(request, obj, "deleted")
        return entries

    def _log_on_whole(self, request, obj, action, **details):
        """Log a change to the whole, worded as a change made through one of its inlines."""
        if not self.part_of:
            return
        part = {"name": str(obj._meta.verbose_name), "object": str(obj), **details}
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[self.whole(obj)],
            action_flag=CHANGE,
            change_message=[{action: part}],
            single_object=True,
        )


def sign_in_paused(request, original_response, credentials):
    """django-axes' answer once a username failed too often from one address: an admin page, 429."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in paused"),
        "wait": ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes},
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "admin/sign_in_paused.html", context, status=429)
