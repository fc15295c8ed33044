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
        # This app has no models, so no post_migrate of its own; the sites app's
        # comes after the Site is made.
        post_migrate.connect(
            redirects.sync_site,
            sender=apps.get_app_config("sites"),
            dispatch_uid="slug_history.sync_site",
        )
