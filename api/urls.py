"""The API under /api/: the records, the OpenAPI document and its documentation page."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularRedocView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False  # JSON only: no `.json` twin of every address
router.register("events", views.EventViewSet, basename="event")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("people", views.PersonViewSet, basename="person")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("tags", views.TagViewSet, basename="tag")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path(
        "docs/",
        # Redoc needs inline styles, data: images and a blob: worker: the one page
        # whose policy allows them. Its scripts are still the site's own.
        csp_update(
            {"style-src": [UNSAFE_INLINE], "img-src": ["data:"], "worker-src": [SELF, "blob:"]}
        )(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/docs.html")),
        name="docs",
    ),
    # Last. Without a slash at the end, an address is left to Django's APPEND_SLASH.
    re_path(r"[\s\S]*/$", views.not_found),
]
