from django.urls import path

from search import views
from secretariat.page_cache import public_pages

app_name = "search"

urlpatterns = public_pages(
    [
        path("", views.SearchView.as_view(), name="search"),
        path("suggest/", views.SuggestView.as_view(), name="suggest"),
    ]
)
