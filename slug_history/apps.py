from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlugHistoryConfig(AppConfig):
    name = "slug_history"
    verbose_name = _("Slug history")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from slug_history import redirects

        redirects.connect()
        # The sites app sends no post_migrate for this app (it has no models);
        # its own does, after creating the default Site.
        post_migrate.connect(
            redirects.sync_site,
            sender=apps.get_app_config("sites"),
            dispatch_uid="slug_history.sync_site",
        )
