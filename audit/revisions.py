"""Reads over django-reversion's stored revisions."""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django.db.models import ForeignKey
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from reversion.utils import mute_signals


@contextmanager
def reverted(version):
    """Within the block, the database holds `version`'s revision; afterwards, nothing changed.

    Rolled back always, with model signals muted: nothing outside the database reacts.
    """
    signals = (pre_save, post_save, pre_delete, post_delete, m2m_changed)
    with transaction.atomic(using=version.db), mute_signals(*signals):
        version.revision.revert(delete=True)
        yield
        transaction.set_rollback(True, using=version.db)


def missing_references(revision):
    """The versions in `revision` whose foreign keys point to a record which no longer exists.

    Records in the revision itself count as present. One query per referenced model.
    """
    versions = list(revision.version_set.select_related("content_type"))
    in_revision = {(v.content_type.model_class(), str(v.object_id)) for v in versions}
    wanted = defaultdict(set)  # {model: {pk}}
    pointers = []  # (version, model, pk)
    for version in versions:
        model = version.content_type.model_class()
        for field in model._meta.concrete_fields:
            if not isinstance(field, ForeignKey):
                continue
            pk = version.field_dict.get(field.attname)
            target = field.related_model
            if pk is None or (target, str(pk)) in in_revision:
                continue
            wanted[target].add(pk)
            pointers.append((version, target, pk))
    present = {
        model: set(model._default_manager.filter(pk__in=pks).values_list("pk", flat=True))
        for model, pks in wanted.items()
    }
    missing = (version for version, model, pk in pointers if pk not in present[model])
    return list(dict.fromkeys(missing))
