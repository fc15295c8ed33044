"""Changes to tags that reach every kind of tagged content: merging, and renaming's check."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from slug_history.redirects import record_move
from tags.models import Tag, TaggedItem, tag_key


def tag_links():
    """{tagged model: the model linking it to tags}, for every installed TaggedItem, by name."""
    links = [model for model in apps.get_models() if issubclass(model, TaggedItem)]
    tagged = {link._meta.get_field("content_object").related_model: link for link in links}
    return dict(sorted(tagged.items(), key=lambda item: item[0]._meta.model_name))


@dataclass(frozen=True)
class MergeResult:
    kept: Tag
    merged: list  # the names of the tags merged into `kept`, now deleted
    moved: dict  # {tagged model: links moved to `kept`}
    dropped: dict  # {tagged model: links deleted, as their object would have carried `kept` twice}


@transaction.atomic
def merge_tags(keep, others):
    """Move every use of `others` to `keep`, then delete `others`.

    An object that carries `keep` and one of `others`, or several of `others`,
    ends with exactly one link, to `keep`. The pages of `others` redirect to
    the page of `keep` (slug history). `keep` among `others` is ignored; with
    nothing else to merge, nothing changes.
    """
    other_ids = {tag.pk for tag in others} - {keep.pk}
    # Locked (on PostgreSQL) so that two merges of the same tags run one after the other.
    locked = list(Tag.objects.select_for_update().filter(pk__in={keep.pk, *other_ids}))
    if keep.pk not in {tag.pk for tag in locked}:
        raise Tag.DoesNotExist(f"The tag to keep, {keep!r}, no longer exists.")
    merged = sorted((tag for tag in locked if tag.pk != keep.pk), key=lambda tag: tag.key)
    moved, dropped = {}, {}
    for kind, link in tag_links().items():
        links = link.objects.filter(tag__in=other_ids)
        already_kept = link.objects.filter(tag=keep).values("content_object")
        first_of_object = (
            links.order_by().values("content_object").annotate(first=Min("pk")).values("first")
        )
        dropped[kind], _ = links.filter(
            Q(content_object__in=already_kept) | ~Q(pk__in=first_of_object)
        ).delete()
        moved[kind] = links.update(tag=keep)
    for tag in merged:
        record_move(tag.get_absolute_url(), keep.get_absolute_url())
    Tag.objects.filter(pk__in=other_ids).delete()
    # The links moved in bulk, without signals: saving the kept tag tells the search index.
    keep.save(update_fields=["name", "key"])
    return MergeResult(kept=keep, merged=[tag.name for tag in merged], moved=moved, dropped=dropped)


def check_name_is_free(name, tag=None):
    """Raise ValidationError if a tag other than `tag` has `name`, by `tag_key`."""
    other = Tag.objects.filter(key=tag_key(name)).exclude(pk=tag.pk if tag else None).first()
    if other is not None:
        raise ValidationError(
            _(
                "The tag “%(name)s” already has this name (case and spaces are ignored). "
                "To make them one tag, select both in the list of tags and choose "
                "“Merge selected tags into…”."
            ),
            code="tag_exists",
            params={"name": other.name},
        )
