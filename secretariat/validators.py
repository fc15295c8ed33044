"""Rules for the text of every content record, whichever way it arrives."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters and DEL, except tab, line feed and the carriage
# return of a CRLF line break (browsers send a textarea's lines with CRLF).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def refuse_control_characters(value):
    """Raise ValidationError if `value` holds a control character other than a tab or newline.

    Invisible in the admin, invalid in titles and iCalendar (RFC 5545). The
    message names the character and the words before it.
    """
    if not isinstance(value, str) or not (found := _CONTROL.search(value)):
        return
    before = value[: found.start()].split("\n")[-1]
    before = before if len(before) <= 30 else "…" + before[-29:].lstrip()
    params = {"code": f"U+{ord(found.group()):04X}", "before": before}
    if before:
        message = _(
            "Remove the invisible control character %(code)s after “%(before)s”: "
            "it would break page titles, feeds and calendars."
        )
    else:
        message = _(
            "Remove the invisible control character %(code)s at the start of a line: "
            "it would break page titles, feeds and calendars."
        )
    raise ValidationError(message, code="control_character", params=params)


class PlainTextFields:
    """A model mixin: `full_clean()` checks every text field with `refuse_control_characters`."""

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        else:
            errors = {}
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.name in exclude or field.name in errors:
                continue
            try:
                refuse_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


class WebAddressField(models.URLField):
    """A web address; its form field assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def web_address(field_name):
    """A constraint: `field_name` is blank or an http(s) address, whatever wrote it.

    Shown as a link, it is never a `javascript:` or `data:` one, whether a form,
    an import or a restore wrote it.
    """
    return models.CheckConstraint(
        condition=Q(**{field_name: ""})
        | Q(**{f"{field_name}__istartswith": "http://"})
        | Q(**{f"{field_name}__istartswith": "https://"}),
        name="%(class)s_" + f"{field_name}_is_web_address",
        violation_error_message=_("Enter a web address starting http:// or https://."),
    )
