"""Measure the search page and the suggestions on the current database.

    python manage.py search_benchmark                     # 400 of each, 8 threads
    python manage.py search_benchmark --requests 1000 --threads 8

Requests go through Django's test client, so through every middleware and the
templates, but not through a web server or the network. Queries are names,
name prefixes and misspellings, and tags taken from the database, plus words
and phrases in English, Russian and Chinese. Prints, for each endpoint, the
50th and 95th percentile and the maximum time per request, and the number of
database queries per request (which should not vary with the results).
Connections are opened per request unless CONN_MAX_AGE is set, as in production.
"""

import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.models import Document

WORDS = [
    "youth",
    "education",
    '"digital economy"',
    "security -energy",
    "trade or tourism",
    "vocational education",
    "молодёжь",
    "образование",
    "цифровая экономика",
    "教育",
    "数字经济",
    "Kunming",
    "roundtable 2020",
]


def _misspell(rng, word):
    position = rng.randrange(1, len(word))
    return word[:position] + word[position + 1 :]


class Command(BaseCommand):
    help = "Time search and suggestion requests at several concurrent clients."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=400, help="Of each endpoint.")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if options["requests"] < 1 or options["threads"] < 1:
            raise CommandError("--requests and --threads must be at least 1.")
        # A reproducible sample of queries, not a secret.
        rng = random.Random(options["seed"])  # nosec B311
        names = list(
            Document.objects.filter(kind__in=["person", "organisation", "tag"])
            .order_by("?")
            .values_list("title", flat=True)[:200]
        )
        if not names:
            raise CommandError("The search index is empty: run generate_data and search_reindex.")
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        self.local = threading.local()
        self.host = host
        self.stdout.write(
            f"{Document.objects.count()} documents; {options['threads']} threads; "
            f"CONN_MAX_AGE={connection.settings_dict['CONN_MAX_AGE']}; {connection.vendor}"
        )

        search_queries = []
        suggest_queries = []
        for _ in range(options["requests"]):
            name = rng.choice(names)
            word = max(name.split(), key=len)
            search_queries.append(
                rng.choice(
                    [
                        name,
                        word,
                        _misspell(rng, word) if len(word) > 3 else word,
                        rng.choice(WORDS),
                        rng.choice(WORDS),
                    ]
                )
            )
            suggest_queries.append(word[: rng.randint(2, max(2, min(6, len(word))))])

        for label, url, queries in [
            ("search", reverse("search:search"), search_queries),
            ("suggest", reverse("search:suggest"), suggest_queries),
        ]:
            self._run(url, queries[: options["threads"]], options["threads"])  # warm up
            timings = self._run(url, queries, options["threads"])
            self._report(label, timings)

    def _get(self, url, query):
        if not hasattr(self.local, "client"):
            self.local.client = Client(HTTP_HOST=self.host)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = self.local.client.get(url, {"q": query})
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise CommandError(f"{url}?q={query!r} answered {response.status_code}.")
        return elapsed, len(captured)

    def _run(self, url, queries, threads):
        with ThreadPoolExecutor(max_workers=threads) as pool:
            return list(pool.map(lambda query: self._get(url, query), queries))

    def _report(self, label, timings):
        times = sorted(elapsed * 1000 for elapsed, _ in timings)
        counts = [count for _, count in timings]
        p50 = statistics.median(times)
        p95 = times[max(0, round(len(times) * 0.95) - 1)]
        self.stdout.write(
            f"{label:8} {len(times)} requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {times[-1]:.1f} ms; queries per request {min(counts)} to {max(counts)} "
            f"(mean {statistics.mean(counts):.2f})"
        )
