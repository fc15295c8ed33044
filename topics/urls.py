from django.urls import path

from secretariat.page_cache import public_pages
from topics import views

# The tag pages keep the addresses and names of the tags they show (/tags/…, tags:detail).
app_name = "tags"

urlpatterns = public_pages(
    [
        path("", views.TagIndexView.as_view(), name="index"),
        path("<uslug:slug>/", views.TagDetailView.as_view(), name="detail"),
    ]
)
