"""The benchmark's look inside the site, run in the server's environment (bench.common).

    python -m bench.probe static-fingerprint   # a hash of every static source file
    python -m bench.probe pages                # the pages to load, with their query counts
    python -m bench.probe profile              # where each page's time goes (bench --profile)

`pages` picks real addresses from the data set (the latest event, the busiest
person, organisation and tags) and requests each once in-process through
Django's test client, against the same database and cache as the server,
counting SQL queries: with the page cache off, and on a page cache hit.
"""

import hashlib
import json
import os
import statistics
import sys
import time
from urllib.parse import urlencode

import django


def static_fingerprint():
    from django.contrib.staticfiles import finders

    digest = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def pick_pages(language="en"):
    """(name, path) of each page the benchmark drives, floor first; the pages in `language`."""
    from django.conf import settings
    from django.utils import translation

    if language not in dict(settings.LANGUAGES):
        offered = ", ".join(dict(settings.LANGUAGES))
        raise SystemExit(f"No such language: {language!r} (the site's: {offered})")

    with translation.override(language):
        return _pick_pages()


def _pick_pages():
    from django.db.models import Count, Q
    from django.urls import reverse

    from events.models import Event
    from people.models import Organisation, Person
    from tags.models import Tag

    published = Event.objects.published()
    event = published.order_by("-start_date", "-pk").first()
    if event is None:
        raise SystemExit("No published event: is the data set there?")
    public = Q(participations__event__in=published)
    person = (
        Person.objects.annotate(n=Count("participations", filter=public)).order_by("-n").first()
    )
    organisation = (
        Organisation.objects.annotate(
            n=Count("event_links", filter=Q(event_links__event__in=published))
        )
        .order_by("-n")
        .first()
    )
    tags = list(Tag.objects.annotate(n=Count("events_taggedevent_items")).order_by("-n", "pk")[:2])
    event_list = reverse("events:list")
    return [
        ("floor /healthz", reverse("healthz")),
        ("home", reverse("home")),
        ("event list", event_list),
        ("event list, 2 tags", f"{event_list}?{urlencode([('tag', t.slug) for t in tags])}"),
        ("event page", event.get_absolute_url()),
        ("person page", person.get_absolute_url()),
        ("organisation page", organisation.get_absolute_url()),
        ("tag page", tags[0].get_absolute_url()),
        ("quotes", reverse("quote_list")),
        ("search", f"{reverse('search:search')}?{urlencode({'q': tags[0].name})}"),
    ]


def count_queries(pages):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in pages:
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{name} ({path}) answered {response.status_code}, not 200")
        # Counted now: the next request empties the connection's query log.
        counts[name] = {"cold": len(cold)}
        client.get(path)  # fills the page cache
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        counts[name]["warm"] = len(warm)
    cache.close()
    return counts


PROFILE_REQUESTS = 5


def profile(pages):
    """Print, per page, the time of a request in-process, its SQL time and each query's.

    Page cache off; milliseconds, medians of PROFILE_REQUESTS requests, one at a time.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':20} {'wall ms':>8} {'SQL ms':>7}  each query (ms)")
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, path in pages:
            client.get(path)  # the first request loads templates and opens connections
            walls, queries = [], []
            for _ in range(PROFILE_REQUESTS):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(path)
                    walls.append((time.perf_counter() - started) * 1000)
                queries.append([float(query["time"]) * 1000 for query in captured])
            each = [statistics.median(times) for times in zip(*queries, strict=True)]
            print(
                f"{name:20} {statistics.median(walls):8.1f} {sum(each):7.1f}  "
                + " ".join(f"{ms:.0f}" for ms in each)
            )


def main(argv):
    django.setup()
    command, *language = argv or [""]
    if argv == ["static-fingerprint"]:
        print(static_fingerprint())
    elif command == "profile" and len(language) <= 1:
        profile(pick_pages(*language))
    elif command == "pages" and len(language) <= 1:
        from django.contrib.sites.models import Site

        Site.objects.get_current()  # as a running server has it (cached per process)
        pages = pick_pages(*language)
        counts = count_queries(pages)
        print(json.dumps([{"name": n, "path": p, "queries": counts[n]} for n, p in pages]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
