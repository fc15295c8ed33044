"""Slug history: the old address of a renamed page answers 301 with its new one.

- Stored in Django's redirects app, answered only for what would be a 404: a
  page that lives at an address always wins.
- Paths as `get_absolute_url()` gives them, without their language prefix
  (`/events/x/`, answered under `/en/`, `/ru/` and `/zh-hans/` alike):
  percent-encoded, as the middleware reads the request.
- Recorded on any save of a model in `MODELS`, and by `merge_tags`; not by
  `QuerySet.update()` or `bulk_update()`.
"""

import copy

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import router, transaction
from django.db.models.signals import post_save, pre_save

from secretariat.languages import split_language_prefix

MODELS = ["events.Event", "people.Person", "people.Organisation", "tags.Tag"]

# Set on an instance between pre_save and post_save when its slug changes.
_OLD_PATH = "_slug_history_old_path"


def _without_language(path):
    return split_language_prefix(path)[1]


def _redirects():
    return Redirect.objects.filter(site_id=settings.SITE_ID)


def record_move(old_path, new_path):
    """Make `old_path` answer 301 with `new_path`, in one hop, in every language.

    Redirects to `old_path` now lead to `new_path`; any redirect away from
    `new_path` is dropped (a page lives there now). A language prefix on
    either path is dropped: the redirect is stored once for all.
    """
    old_path, new_path = _without_language(old_path), _without_language(new_path)
    if old_path == new_path:
        return
    with transaction.atomic(using=router.db_for_write(Redirect)):
        _redirects().filter(old_path=new_path).delete()
        _redirects().filter(new_path=old_path).update(new_path=new_path)
        Redirect.objects.update_or_create(
            site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
        )


def claim_path(path):
    """Drop any redirect away from `path`: a new record's page lives there now."""
    _redirects().filter(old_path=_without_language(path)).delete()


def remember_old_path(sender, instance, raw, update_fields, **kwargs):
    """pre_save: note the page's stored address if this save changes its slug."""
    instance.__dict__.pop(_OLD_PATH, None)
    if raw or instance.pk is None:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    stored_slug = sender._base_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if stored_slug is not None and stored_slug != instance.slug:
        stored = copy.copy(instance)
        stored.slug = stored_slug
        setattr(instance, _OLD_PATH, stored.get_absolute_url())


def record_new_path(sender, instance, created, raw, **kwargs):
    """post_save: redirect the old address to the new one; a new record claims its address."""
    old_path = instance.__dict__.pop(_OLD_PATH, None)
    if raw:
        return
    if old_path:
        record_move(old_path, instance.get_absolute_url())
    elif created:
        claim_path(instance.get_absolute_url())


def connect():
    for label in MODELS:
        model = global_apps.get_model(label)
        pre_save.connect(remember_old_path, sender=model, dispatch_uid=f"slug_history.{label}")
        post_save.connect(record_new_path, sender=model, dispatch_uid=f"slug_history.{label}")


def sync_site(using, apps=global_apps, **kwargs):
    """post_migrate: give the Site that SITE_ID names the SITE_DOMAIN setting as its domain."""
    site_model = apps.get_model("sites", "Site")
    if not router.allow_migrate_model(using, site_model):
        return
    site_model.objects.using(using).filter(pk=settings.SITE_ID).update(
        domain=settings.SITE_DOMAIN, name=settings.SITE_DOMAIN
    )
    Site.objects.clear_cache()
