from django.apps import AppConfig


class SecretariatConfig(AppConfig):
    name = "secretariat"

    def ready(self):
        from secretariat import page_cache

        page_cache.connect()
