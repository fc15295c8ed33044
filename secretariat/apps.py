from django.apps import AppConfig


class SecretariatConfig(AppConfig):
    name = "secretariat"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from secretariat import page_cache

        page_cache.connect()
        # Pillow refuses to open anything bigger than twice this (and warns above
        # it): a decompression bomb stops here wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_UPLOAD_MAX_PIXELS
