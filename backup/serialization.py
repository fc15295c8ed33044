"""JSON Lines that keeps times to the microsecond.

Django's JSON encoder cuts datetimes to milliseconds (as ECMAScript does), so
a record would come back from an archive with different timestamps. This
format is Django's `jsonl` with full ISO 8601 times; it reads back through
Django's own `jsonl` deserialiser. Registered in settings.SERIALIZATION_MODULES.
"""

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = jsonl.Deserializer
