from django.urls import path

from events import views
from secretariat.page_cache import public_pages

app_name = "events"

urlpatterns = public_pages(
    [
        path("", views.EventListView.as_view(), name="list"),
        path("<uslug:slug>/", views.EventDetailView.as_view(), name="detail"),
        path("<uslug:slug>/calendar.ics", views.event_calendar, name="calendar"),
    ]
)
