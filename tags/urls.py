from django.urls import path

from tags import views

app_name = "tags"

urlpatterns = [
    path("", views.TagIndexView.as_view(), name="index"),
    path("<uslug:slug>/", views.TagDetailView.as_view(), name="detail"),
]
