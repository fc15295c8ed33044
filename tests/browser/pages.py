"""Every public page type, as a visitor finds it with the demo content loaded."""

from django.urls import reverse_lazy
from django.utils.text import format_lazy

EVENT = "kunming-roundtable-vocational-education-2020"

# (page type, path, HTTP status). Paths are lazy: they resolve when a test runs.
PAGES = [
    ("home", reverse_lazy("home"), 200),
    ("event-list", reverse_lazy("events:list"), 200),
    (
        "event-list-filtered",
        format_lazy("{}?tag=vocational-education&tag=youth", reverse_lazy("events:list")),
        200,
    ),
    ("event", reverse_lazy("events:detail", kwargs={"slug": EVENT}), 200),
    ("person-list", reverse_lazy("people:person_list"), 200),
    ("person", reverse_lazy("people:person_detail", kwargs={"slug": "vladimir-norov"}), 200),
    ("organisation-list", reverse_lazy("people:organisation_list"), 200),
    (
        "organisation",
        reverse_lazy("people:organisation_detail", kwargs={"slug": "sco-secretariat"}),
        200,
    ),
    ("tag-index", reverse_lazy("tags:index"), 200),
    ("tag", reverse_lazy("tags:detail", kwargs={"slug": "vocational-education"}), 200),
    ("quotes", reverse_lazy("quote_list"), 200),
    ("search", format_lazy("{}?q=norov", reverse_lazy("search:search")), 200),
    ("not-found", "/no-such-page/", 404),
]
