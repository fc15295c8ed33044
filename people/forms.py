"""The admin's person and organisation forms: a name like another record's needs confirming."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from people.models import Organisation, Person
from search.backends import backend
from search.models import Document
from secretariat.admin import NoLostUpdateForm
from secretariat.languages import CODES

# How many existing records a warning names: the closest, enough to recognise one.
MAX_NAMED = 5


class DuplicateCheckForm(NoLostUpdateForm):
    """A form that asks "Is this the same as …?" before saving a name like another record's.

    Its names (the name in every language, and the alternative names posted with it by the inline
    `names_prefix`) are matched against every other record of `kind` as the
    search matches names (`SearchBackend.named`: any script, typos), published
    or not: people and organisations are all in the search index. Checked on a
    new record, and on a renamed one (never against itself). The form then shows
    the closest `MAX_NAMED` matches, linked, and the `not_duplicate` checkbox,
    which must be ticked to save.
    """

    kind = None  # a `Document.Kind`
    names_prefix = "alternative_names"
    not_duplicate_label = None

    not_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["not_duplicate"].label = self.not_duplicate_label

    def clean(self):
        cleaned_data = super().clean()
        columns = [build_localized_fieldname("name", code) for code in CODES]
        names = [cleaned_data[column] for column in columns if cleaned_data.get(column)]
        if not names or cleaned_data.get("not_duplicate"):
            return cleaned_data
        if self.instance.pk and not set(columns) & set(self.changed_data):
            return cleaned_data
        matches = self.existing_matches([*names, *self.posted_alternative_names()])
        if matches:
            # Shown from now on, so that the editor can confirm.
            self.fields["not_duplicate"].widget = forms.CheckboxInput()
            self.add_error("not_duplicate", self.duplicate_error(matches))
        return cleaned_data

    def posted_alternative_names(self):
        """The alternative names posted with the form by its inline, but those marked deleted."""
        row = re.compile(rf"{re.escape(self.names_prefix)}-(\d+)-name")
        names = []
        for key in self.data:
            if (match := row.fullmatch(key)) and not self.data.get(
                f"{self.names_prefix}-{match[1]}-DELETE"
            ):
                names.append(self.data[key])
        return [name for name in names if name.strip()]

    def existing_matches(self, names):
        """Up to MAX_NAMED other records of the form's model named like one of `names`, by name."""
        model = self._meta.model
        others = model.objects.exclude(pk=self.instance.pk) if self.instance.pk else model.objects
        condition = Q()
        for name in dict.fromkeys(names):
            condition |= Q(pk__in=backend().named(others.all(), self.kind, name).values("pk"))
        return list(others.filter(condition).order_by("name", "pk")[:MAX_NAMED])

    def duplicate_error(self, matches):
        opts = self._meta.model._meta
        links = format_html_join(
            ", ",
            # A new tab: the form, with what the editor typed, stays open.
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            (
                (reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[m.pk]), str(m))
                for m in matches
            ),
        )
        return ValidationError(
            format_html(
                _("Is this the same as {links}? If not, tick “{confirm}” and save again."),
                links=links,
                confirm=self.not_duplicate_label,
            ),
            code="possible_duplicate",
        )


class PersonForm(DuplicateCheckForm):
    kind = Document.Kind.PERSON
    not_duplicate_label = _("This is a different person")

    class Meta:
        model = Person
        fields = "__all__"


class OrganisationForm(DuplicateCheckForm):
    kind = Document.Kind.ORGANISATION
    not_duplicate_label = _("This is a different organisation")

    class Meta:
        model = Organisation
        fields = "__all__"
