from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from tags.models import Tag

# taggit registers its own Tag model, which this site does not use.
admin.site.unregister(TaggitTag)


class TagListFilter(admin.SimpleListFilter):
    """Filter a tagged model's change list by one of the tags it uses."""

    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        through = model_admin.model.tags.through
        tags = Tag.objects.filter(pk__in=through.objects.values("tag_id")).order_by("name")
        return [(tag.slug, tag.name) for tag in tags]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class TagsColumnMixin:
    """A "tags" column that costs one query for the whole page."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("tags"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())


def _usage(through):
    return Coalesce(
        Subquery(
            through.objects.filter(tag=OuterRef("pk"))
            .order_by()
            .values("tag")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "event_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        from events.models import Event

        return super().get_queryset(request).annotate(event_count=_usage(Event.tags.through))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, tag):
        return tag.event_count
