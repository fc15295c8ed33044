import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")

application = get_wsgi_application()

# Import every view and template tag, and the cache's client library, now, not on
# each worker's first request: with gunicorn's preload_app the master does it once
# and the workers share the result. (Making the cache opens no connection.)
from django.core.cache import caches  # noqa: E402
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
caches["default"]
