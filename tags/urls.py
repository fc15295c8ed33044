from django.urls import path

from secretariat.page_cache import public_pages
from tags import views

app_name = "tags"

urlpatterns = public_pages(
    [
        path("", views.TagIndexView.as_view(), name="index"),
        path("<uslug:slug>/", views.TagDetailView.as_view(), name="detail"),
    ]
)
