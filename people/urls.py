from django.urls import path

from people import views
from secretariat.page_cache import public_pages

app_name = "people"

urlpatterns = public_pages(
    [
        path("people/", views.PersonListView.as_view(), name="person_list"),
        path("people/<uslug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
        path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
        path(
            "organisations/<uslug:slug>/",
            views.OrganisationDetailView.as_view(),
            name="organisation_detail",
        ),
    ]
)
