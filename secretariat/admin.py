"""Admin pieces shared by the apps' ModelAdmins."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class NoLostUpdateForm(forms.ModelForm):
    """A change form that refuses to overwrite a save made since it was opened.

    The form carries the record's `updated_at` as loaded. If the stored one has
    moved on when the form is saved, the save is refused with who changed it,
    when, and a link to the record's history; the form comes back with the
    editor's text intact, now holding the newer version, so saving again is a
    deliberate choice to replace the other change, never a silent one.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        model = type(self.instance)
        # Locked until the admin's transaction ends, so two saves cannot interleave here.
        current = (
            model.objects.select_for_update()
            .values_list("updated_at", flat=True)
            .get(pk=self.instance.pk)
        )
        if cleaned_data.get("loaded_version") != current.isoformat():
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current.isoformat()
            raise ValidationError(self.conflict_message(current), code="conflict")
        return cleaned_data

    def conflict_message(self, saved_at):
        opts = self.instance._meta
        entry = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.instance),
                object_id=str(self.instance.pk),
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        who = entry.user.get_username() if entry else _("someone")
        history = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history", args=[self.instance.pk]
        )
        return format_html(
            _(
                "{who} saved this {model} at {when}, after you opened it. Your changes have not "
                'been saved: see <a href="{history}">their change</a>. To keep yours instead, '
                "save again."
            ),
            who=who,
            model=opts.verbose_name,
            when=timezone.localtime(saved_at).strftime("%Y-%m-%d %H:%M:%S"),
            history=history,
        )


def sign_in_paused(request, original_response, credentials):
    """django-axes' answer once a username has failed too often from one address (429).

    An admin page that says what happened and when to try again, rather than
    axes' bare text.
    """
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in paused"),
        "wait": ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes},
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "admin/sign_in_paused.html", context, status=429)
