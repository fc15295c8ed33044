"""Building admin URLs and change-form POSTs as a browser would send them."""

from html.parser import HTMLParser

from django.contrib import admin
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from events.models import Event
from secretariat.languages import translated_fields

EVENT_INLINES = [
    "sources",
    "organisation_links",
    "participations",
    "sessions",
    "quotes",
    "visits",
    "images",
]


def in_english(model, data):
    """`data` for `model`'s change form, its translated fields named as the English column.

    `{"title": …, "sessions-0-title": …}` becomes `{"title_en": …, "sessions-0-title_en": …}`:
    the admin shows one input per language (django-modeltranslation).
    """
    inline_models = {
        relation.get_accessor_name(): relation.related_model
        for relation in model._meta.related_objects
    }
    renamed = {}
    for key, value in data.items():
        prefix, _dash, name = key.rpartition("-")
        owner = inline_models.get(prefix.rpartition("-")[0], model) if prefix else model
        if name in translated_fields(owner):
            key = f"{prefix}{_dash}{name}_en"
        renamed[key] = value
    return renamed


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def loaded_version(obj):
    """The `loaded_version` of a change form opened now on `obj`."""
    return admin.site.get_model_admin(type(obj)).version(obj)


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
        "original_language": event.original_language if event else "en",
        "title": event.title if event else "A new meeting",
        "slug": event.slug if event else "a-new-meeting",
        "start_date": str(event.start_date) if event else "2020-12-05",
        "end_date": str(event.end_date) if event else "",
        "city": event.city if event else "",
        "country": event.country.code if event and event.country else "",
        "venue": event.venue if event else "",
        "format": event.format if event else "in_person",
        "platform": event.platform if event else "",
        "audience": event.audience if event else "",
        "audience_size": event.audience_size or "" if event else "",
        "public_note": event.public_note if event else "",
        "editorial_note": event.editorial_note if event else "",
        "summary": event.summary if event else "",
        "body": event.body if event else "",
        "tags": "",
        "status": event.status if event else "draft",
        "published_at_0": "",
        "published_at_1": "",
    }
    if event:
        data["loaded_version"] = loaded_version(event)
    if event and event.published_at:
        data["published_at_0"] = event.published_at.strftime("%Y-%m-%d")
        data["published_at_1"] = event.published_at.strftime("%H:%M:%S")
    for prefix in EVENT_INLINES:
        data.update(inline_management(prefix))
    data.update(fields)
    return in_english(Event, data)


class _FormReader(HTMLParser):
    """Collects what a browser would submit from one form: its named, enabled fields."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.in_form = form_id, False
        self.data = MultiValueDict()
        self._textarea = self._select = None
        self._select_options, self._multiple = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.appendlist(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_options = name, []
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            self._select_options.append(("selected" in attrs, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            # Browsers drop the one newline that follows <textarea>.
            self.data.appendlist(name, text.removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [value for selected, value in self._select_options if selected]
            if not chosen and self._select_options and not self._multiple:
                chosen = [self._select_options[0][1]]
            for value in chosen:
                self.data.appendlist(self._select, value)
            self._select = None


def form_as_submitted(response, form_id):
    """The POST data a browser sends when the form `form_id` on `response`'s page is submitted."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = reader.data
    return {key: data.getlist(key) if len(data.getlist(key)) > 1 else data[key] for key in data}
