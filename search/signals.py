"""Keeping the search index current: the one mechanism, signal receivers.

Each model whose fields end up in a document maps to the documents it feeds
(`DEPENDANTS`); after any save or delete of such a row, those documents are
rebuilt by `search.indexing.index`. A renamed tag reaches every document
carrying it, a renamed person their statements, a session its event and
statements, an event its sessions, statements and visits. Deleting a record
deletes its document the same way (its rebuild finds no record); an event's
documents also go by cascade, with their tags' rows, so a tag link queues its
tag too (`_link`) for the tag's visibility to be recomputed. A session moved
to another event also rebuilds the one it leaves (`session_moving`).

The rebuild runs when the transaction commits, once for everything the
transaction touched: it then reads what was committed, so a cascade (an event
deleted with its sessions, each session's receiver asking for the event's
document) cannot write a document for a row on its way out, an admin save
with many inlines rebuilds each document once, and a rolled-back edit never
reaches the index. Keys left pending by a rolled-back transaction are rebuilt
with the next commit, which is harmless: a rebuild reads the committed state.

Writes that send no signals (`QuerySet.update`, `bulk_create`) are not seen:
after them, run `manage.py search_reindex`.
"""

import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from events.models import Event, Quote, Session, TaggedEvent, TaggedQuote, TaggedVisit, Visit
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

    Its statements are found by its event: after a delete they no longer name
    the session (set to null before the signal), but still name the event.
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


def _link(kind):
    """A tag link feeds the document of its record (of `kind`) and its tag's visibility.

    The tag is queued itself because, once an event is deleted, nothing else
    names it: the event's documents and their tags' rows go by cascade before
    the index runs, so `search.indexing` cannot read from them which tags the
    event and its statements and visits carried.
    """
    return lambda link: [(kind, [link.content_object_id]), (Kind.TAG, [link.tag_id])]


# {model: function(row) -> [(kind, primary keys of the documents to rebuild)]}
DEPENDANTS = {
    Event: _event,
    Session: _session,
    Quote: lambda quote: [(Kind.QUOTE, [quote.pk])],
    Visit: lambda visit: [(Kind.VISIT, [visit.pk])],
    Person: lambda person: [
        (Kind.PERSON, [person.pk]),
        (Kind.QUOTE, _ids(Quote.objects.filter(speaker=person.pk))),
    ],
    PersonName: lambda name: [(Kind.PERSON, [name.person_id])],
    Position: lambda position: [(Kind.PERSON, [position.person_id])],
    Organisation: lambda organisation: [(Kind.ORGANISATION, [organisation.pk])],
    OrganisationName: lambda name: [(Kind.ORGANISATION, [name.organisation_id])],
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

    Querysets of dependants are evaluated then too, so a save costs no query
    here. Their rows are still there after a save; after a delete they are
    gone, and so are their documents (cascade), or their own signals say so.
    """
    _pending().extend(DEPENDANTS[sender](instance))
    # Robust: should the rebuild fail, the change is committed all the same; the
    # failure is logged (`search_reindex` repairs the index) rather than raised,
    # and the callbacks after it, the page cache's end of generation, still run.
    transaction.on_commit(_flush, using=using, robust=True)


def session_moving(sender, instance, raw, using, **kwargs):
    """Before a session is saved: the event it leaves, if any, no longer shows its title.

    Read now, with one query: once saved, nothing names that event any more.
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
