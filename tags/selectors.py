"""Counting the uses of tags; the caller says which links are uses ({name: link queryset})."""

from collections import defaultdict

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from tags.models import Tag


def _count(links):
    counted = links.order_by().values("tag").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_use_counts(tags, uses):
    """`tags`, each with a count per name of `uses` and their sum `.count`, in the same query.

    One subquery per kind of use; counting the tags (a paginator) needs none.
    """
    counts = {name: _count(links.filter(tag=OuterRef("pk"))) for name, links in uses.items()}
    return tags.annotate(**counts).annotate(count=sum((F(name) for name in uses), start=Value(0)))


def most_used(uses, limit):
    """The `limit` tags with most `uses`, most used first, then by name; two queries.

    Each with the counts `with_use_counts` gives. Empty when nothing is used.
    """
    names = list(uses)
    per_kind = [
        links.order_by()
        .values("tag")
        .annotate(n=Count("pk"), kind=Value(index))
        .values_list("tag", "kind", "n")
        for index, links in enumerate(uses.values())
    ]
    counts = defaultdict(lambda: dict.fromkeys(names, 0))
    for tag, kind, n in per_kind[0].union(*per_kind[1:], all=True):
        counts[tag][names[kind]] = n
    if not counts:
        return []
    totals = {tag: sum(kinds.values()) for tag, kinds in counts.items()}
    # Ties at the threshold are all read, then broken by name.
    threshold = sorted(totals.values(), reverse=True)[:limit][-1]
    tags = Tag.objects.filter(pk__in=[tag for tag, n in totals.items() if n >= threshold])
    for tag in tags:
        vars(tag).update(counts[tag.pk], count=totals[tag.pk])
    return sorted(tags, key=lambda tag: (-tag.count, tag.key, tag.pk))[:limit]
