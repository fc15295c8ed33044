"""The record's history in the admin: revisions of each record, and the change log."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from audit.revisions import missing_references


class RevisionAdmin(CompareVersionAdmin):
    """A ModelAdmin whose every save is kept as a revision (django-reversion).

    History newest first; two revisions can be compared, any restored. A restore
    or recovery is an ordinary save through the change form, with its checks.
    """

    history_latest_first = True

    def delete_model(self, request, obj):
        self._keep_before_deleting(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            self._keep_before_deleting(request, queryset)
            super().delete_queryset(request, queryset)

    def _keep_before_deleting(self, request, objs):
        """Keep each record as it is now, so that "Recover deleted …" can bring it back.

        Records created outside the admin have no revision yet.
        """
        for obj in objs:
            with self.create_revision(request):
                reversion.add_to_revision(obj)
                reversion.set_comment(_("Deleted."))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            # Also checked against the state it replaces: an editor may not turn a
            # published event back into an older draft.
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
            if refused := self._refuse_broken_version(request, version_id):
                return refused
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if request.method == "POST" and (
            refused := self._refuse_broken_version(request, version_id)
        ):
            return refused
        return super().recover_view(request, version_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def _refuse_broken_version(self, request, version_id):
        """A redirect with a message if the version names records that no longer exist."""
        version = get_object_or_404(Version, pk=version_id)
        missing = missing_references(version.revision)
        if not missing:
            return None
        messages.error(
            request,
            _(
                "This version cannot be restored: it refers to records deleted or merged "
                "since (%(parts)s). Nothing was changed."
            )
            % {"parts": get_text_list([str(v) for v in missing], _("and"))},
        )
        opts = self.model._meta
        if self.model._default_manager.filter(pk=version.object_id).exists():
            return redirect(
                f"admin:{opts.app_label}_{opts.model_name}_history", quote(version.object_id)
            )
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_recoverlist")


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The audit trail: who changed which record, when, how; read-only (`admin.view_logentry`)."""

    list_display = ["action_time", "user", "action_flag", "content_type", "record", "change"]
    list_filter = [
        ("user", admin.RelatedOnlyFieldListFilter),
        ("action_time", admin.DateFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "action_flag",
    ]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"
    search_fields = ["object_repr", "change_message", "user__username"]
    ordering = ["-action_time", "-pk"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"), ordering="object_repr")
    def record(self, entry):
        """The record's name, linked to its history (revisions), or if deleted to recovery."""
        model = entry.content_type.model_class() if entry.content_type_id else None
        if model is None or entry.object_id is None:
            return entry.object_repr
        opts = model._meta
        try:
            if entry.is_deletion():
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_recoverlist")
            else:
                url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history",
                    args=[quote(entry.object_id)],
                )
        except NoReverseMatch:  # no admin of its own, or one that keeps no revisions
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)

    @admin.display(description=_("change"))
    def change(self, entry):
        return entry.get_change_message()
