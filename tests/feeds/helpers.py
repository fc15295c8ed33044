from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    ParticipationFactory,
    QuoteFactory,
)


def count_queries(client, url):
    """The number of queries a GET of `url` costs, that of the current Site included."""
    Site.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_public_events(record, number):
    """`number` more published events, linked like the record's public ones, two tags each."""
    for n in range(number):
        event = EventFactory(tags=["youth", f"extra {n}"])
        ParticipationFactory(event=event, person=record["person"])
        EventOrganisationFactory(event=event, organisation=record["organisation"])
        QuoteFactory(event=event, speaker=record["person"], tags=[f"extra {n}"])
