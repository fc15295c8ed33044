"""The admin's tag field: a text input that a script turns into a select2 box of tags."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import get_select2_language
from django.urls import reverse
from taggit.forms import TagWidget


class TagAutocompleteWidget(TagWidget):
    """The comma-separated names, offered existing tags as the editor types (any script).

    `static/tags/tag-autocomplete.js` shows a select2 box in "tags" mode fed by
    the admin's autocomplete view (`TagAdmin.get_search_results`), where new
    names can be typed too, and writes the chosen names back into this input,
    comma-separated: what is posted is what `TagFormField` parses, with or
    without the script. `field` is the model's tag field: the autocomplete view
    needs it to check the editor may see tags.
    """

    def __init__(self, field, attrs=None):
        super().__init__(attrs)
        self.field = field

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        opts = self.field.model._meta
        classes = [attrs.get("class"), "vTextField tag-autocomplete"]
        attrs.update(
            {
                "class": " ".join(filter(None, classes)),
                "data-autocomplete-url": reverse("admin:autocomplete"),
                "data-app-label": opts.app_label,
                "data-model-name": opts.model_name,
                "data-field-name": self.field.name,
                "lang": get_select2_language() or "",
            }
        )
        return attrs

    @property
    def media(self):
        # As Django's own autocomplete widgets load them, so each file comes once.
        extra = "" if settings.DEBUG else ".min"
        language = get_select2_language()
        i18n = [f"admin/js/vendor/select2/i18n/{language}.js"] if language else []
        return forms.Media(
            js=[
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *i18n,
                "admin/js/jquery.init.js",
                "tags/tag-autocomplete.js",
            ],
            css={
                "screen": [
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                ]
            },
        )
