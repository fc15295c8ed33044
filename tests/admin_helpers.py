"""Building admin URLs and change-form POSTs as a browser would send them."""

from django.urls import reverse

EVENT_INLINES = ["organisation_links", "participations", "sessions", "quotes", "visits", "images"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def event_form_data(event=None, **fields):
    """The event change form's POST data: `event`'s values (or a new draft's), then `fields`.

    For an event without parts: every inline formset is sent empty.
    """
    data = {
        "kind": event.kind if event else "meeting",
        "title": event.title if event else "A new meeting",
        "slug": event.slug if event else "a-new-meeting",
        "start_date": str(event.start_date) if event else "2020-12-05",
        "end_date": str(event.end_date) if event else "",
        "city": event.city if event else "",
        "country": event.country.code if event and event.country else "",
        "venue": event.venue if event else "",
        "summary": event.summary if event else "",
        "body": event.body if event else "",
        "tags": "",
        "status": event.status if event else "draft",
        "published_at_0": "",
        "published_at_1": "",
    }
    if event:
        data["loaded_version"] = event.updated_at.isoformat()
    if event and event.published_at:
        data["published_at_0"] = event.published_at.strftime("%Y-%m-%d")
        data["published_at_1"] = event.published_at.strftime("%H:%M:%S")
    for prefix in EVENT_INLINES:
        data.update(inline_management(prefix))
    data.update(fields)
    return data
