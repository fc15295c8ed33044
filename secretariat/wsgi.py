import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")

application = get_wsgi_application()

# Import views, template tags and the cache's client now: with preload_app the
# master does it once for every worker. (Making the cache opens no connection.)
from django.core.cache import caches  # noqa: E402
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
caches["default"]
