from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from events.views import HomeView, QuoteListView
from secretariat.converters import UnicodeSlugConverter
from secretariat.http import same_origin_only
from secretariat.language_switch import set_language_from_page
from secretariat.page_cache import public_page
from secretariat.views import healthz

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = _("SCO Secretariat — record administration")
admin.site.site_title = _("SCO Secretariat")
admin.site.index_title = _("The record")

# The public pages, under their language: /en/…, /ru/…, /zh-hans/…. An address
# without one (`/`, an old link, a feed subscription) is redirected by
# LocaleMiddleware to the visitor's language (cookie, Accept-Language, English).
urlpatterns = i18n_patterns(
    path("", public_page(HomeView.as_view()), name="home"),
    path("", include("feeds.urls")),
    path("search/", include("search.urls")),
    path("events/", include("events.urls")),
    path("quotes/", public_page(QuoteListView.as_view()), name="quote_list"),
    path("", include("people.urls")),
    path("tags/", include("topics.urls")),
)

urlpatterns += [
    path("", include("feeds.site_urls")),
    path("healthz", healthz, name="healthz"),
    path("api/", include("api.urls")),
    # No CSRF cookie, so that pages can be cached for everyone: the origin is checked instead.
    path(
        "i18n/setlang/", csrf_exempt(same_origin_only(set_language_from_page)), name="set_language"
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
