"""The sitemap and robots.txt: one for the whole site, outside the language prefixes."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from feeds import views
from feeds.sitemaps import SITEMAPS
from secretariat.page_cache import public_pages

urlpatterns = public_pages(
    [
        path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
        path("robots.txt", views.robots_txt, name="robots"),
    ]
)
