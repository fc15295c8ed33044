"""Keeping the search index current: signal receivers, the one mechanism.

- A save or delete of a model in `DEPENDANTS` queues the documents it feeds;
  they are rebuilt by `search.indexing.index` when the transaction commits,
  once each, from the committed state (a rolled-back edit never reaches the
  index; its queued keys are rebuilt harmlessly with the next commit).
- A deleted record's rebuild finds nothing and deletes its document.
- Writes without signals (`QuerySet.update`, `bulk_create`) are not seen: run
  `manage.py search_reindex` after them.
"""

import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from events.models import (
    Event,
    EventOrganisation,
    Participation,
    Quote,
    Session,
    TaggedEvent,
    TaggedQuote,
    TaggedVisit,
    Visit,
)
from people.models import (
    Organisation,
    OrganisationName,
    Person,
    PersonName,
    Position,
    TaggedOrganisation,
    TaggedPerson,
)
from search.indexing import index
from search.models import Document
from tags.models import Tag

Kind = Document.Kind


def _ids(queryset):
    return queryset.values_list("pk", flat=True)


def _event(event):
    return [
        (Kind.EVENT, [event.pk]),
        (Kind.SESSION, _ids(Session.objects.filter(event=event.pk))),
        (Kind.QUOTE, _ids(Quote.objects.filter(event=event.pk))),
        (Kind.VISIT, _ids(Visit.objects.filter(event=event.pk))),
    ]


def _session(session):
    """The session, its event and its statements, which all show its title.

    Statements by event: after a delete their `session` is already null.
    """
    return [
        (Kind.SESSION, [session.pk]),
        (Kind.EVENT, [session.event_id]),
        (Kind.QUOTE, _ids(Quote.objects.filter(event=session.event_id))),
    ]


def _tag(tag):
    def tagged(link):
        return link.objects.filter(tag=tag.pk).values_list("content_object", flat=True)

    return [
        (Kind.TAG, [tag.pk]),
        (Kind.EVENT, tagged(TaggedEvent)),
        (Kind.QUOTE, tagged(TaggedQuote)),
        (Kind.VISIT, tagged(TaggedVisit)),
        (Kind.PERSON, tagged(TaggedPerson)),
        (Kind.ORGANISATION, tagged(TaggedOrganisation)),
    ]


def _person(person_id):
    """The person, and the statements and events that carry their names."""
    return [
        (Kind.PERSON, [person_id]),
        (Kind.QUOTE, _ids(Quote.objects.filter(speaker=person_id))),
        (
            Kind.EVENT,
            Participation.objects.filter(person=person_id).values_list("event", flat=True),
        ),
    ]


def _organisation(organisation_id):
    """The organisation, and the statements and events that carry its names."""
    links = EventOrganisation.objects.filter(organisation=organisation_id)
    return [
        (Kind.ORGANISATION, [organisation_id]),
        (Kind.QUOTE, _ids(Quote.objects.filter(speaker_organisation=organisation_id))),
        (Kind.EVENT, links.values_list("event", flat=True)),
    ]


def _link(kind):
    """A tag link feeds the document of its record (of `kind`) and its tag's visibility.

    The tag is queued itself: once an event is deleted, its documents' tag rows
    are gone by cascade and nothing else names the tag.
    """
    return lambda link: [(kind, [link.content_object_id]), (Kind.TAG, [link.tag_id])]


# {model: function(row) -> [(kind, primary keys of the documents to rebuild)]}
DEPENDANTS = {
    Event: _event,
    Session: _session,
    Quote: lambda quote: [(Kind.QUOTE, [quote.pk])],
    Visit: lambda visit: [(Kind.VISIT, [visit.pk])],
    Person: lambda person: _person(person.pk),
    PersonName: lambda name: _person(name.person_id),
    Position: lambda position: [(Kind.PERSON, [position.person_id])],
    Organisation: lambda organisation: _organisation(organisation.pk),
    OrganisationName: lambda name: _organisation(name.organisation_id),
    # Who took part: their names are in the event's documents.
    Participation: lambda link: [(Kind.EVENT, [link.event_id])],
    EventOrganisation: lambda link: [(Kind.EVENT, [link.event_id])],
    Tag: _tag,
    TaggedEvent: _link(Kind.EVENT),
    TaggedQuote: _link(Kind.QUOTE),
    TaggedVisit: _link(Kind.VISIT),
    TaggedPerson: _link(Kind.PERSON),
    TaggedOrganisation: _link(Kind.ORGANISATION),
}


_local = threading.local()


def _pending():
    """[(kind, primary keys or a queryset of them)] waiting for this thread's next commit."""
    if not hasattr(_local, "pending"):
        _local.pending = []
    return _local.pending


def _flush():
    pending, _local.pending = _pending(), []
    pks = defaultdict(set)
    for kind, keys in pending:
        pks[kind].update(keys)
    for kind, keys in pks.items():
        index(kind, keys)


def update_index(sender, instance, using, **kwargs):
    """Rebuild, once the transaction commits, the documents that `instance` feeds.

    Querysets of dependants are evaluated then too: no query here.
    """
    _pending().extend(DEPENDANTS[sender](instance))
    # Robust: a failed rebuild is logged, not raised (`search_reindex` repairs it),
    # and the page cache's callback after it still runs.
    transaction.on_commit(_flush, using=using, robust=True)


def session_moving(sender, instance, raw, using, **kwargs):
    """Before a session is saved: queue the event it leaves, if any (one query).

    Read now: once saved, nothing names that event any more.
    """
    if raw or instance.pk is None:
        return
    left = Session.objects.using(using).filter(pk=instance.pk).exclude(event=instance.event_id)
    if left_events := list(left.values_list("event", flat=True)):
        _pending().append((Kind.EVENT, left_events))


for model in DEPENDANTS:
    post_save.connect(update_index, sender=model, dispatch_uid=f"search_index_{model.__name__}")
    post_delete.connect(update_index, sender=model, dispatch_uid=f"search_unindex_{model.__name__}")
pre_save.connect(session_moving, sender=Session, dispatch_uid="search_session_moving")
