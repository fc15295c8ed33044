"""Labels of choice fields, for templates (the `label` filter) and JSON alike."""

from functools import cache


@cache
def _labels(field):
    # Keys are the stored values; the labels stay lazy, so translated when shown.
    return dict(field.flatchoices)


def choice_label(instance, field_name):
    """The label of the choice in `instance`'s `field_name`, as `get_<field>_display()` gives.

    Cached per field: Django rebuilds and translates the choices on every call.
    An unknown value is given as it is.
    """
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    return _labels(field).get(value, value)
