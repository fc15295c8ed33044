from django.apps import AppConfig


class SecretariatConfig(AppConfig):
    name = "secretariat"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from secretariat import page_cache

        page_cache.connect()
        # A decompression bomb stops wherever an image is opened (refused above twice this).
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_UPLOAD_MAX_PIXELS
