from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("people/<str:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organisations/<str:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
]
