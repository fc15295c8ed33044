from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from events.views import HomeView, QuoteListView
from secretariat.converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = _("SCO Secretariat — record administration")
admin.site.site_title = _("SCO Secretariat")
admin.site.index_title = _("The record")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("feeds.urls")),
    path("search/", include("search.urls")),
    path("events/", include("events.urls")),
    path("quotes/", QuoteListView.as_view(), name="quote_list"),
    path("", include("people.urls")),
    path("tags/", include("tags.urls")),
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
