"""Measure the search page and the suggestions on the current database.

    python manage.py search_benchmark                       # 400 of each, 8 clients
    python manage.py search_benchmark --requests 1000 --clients 8
    python manage.py search_benchmark --language ru         # /ru/search/, Russian documents

Each client is a process (threads would measure the interpreter lock) with
its own persistent database connection, warmed up by unmeasured requests.
Requests go through Django's test client (every middleware and template, no
web server), with the page cache off.

Search queries are of seven types in equal numbers (`TYPES`); suggestions are
name prefixes of two to six characters. Prints per type and overall the 50th
and 95th percentile time and the database queries per request.
"""

import functools
import multiprocessing
import random
import statistics
import time
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation

from search.models import Document
from secretariat.languages import CODES

WORDS = ["youth", "education", "security", "trade", "innovation", "energy", "culture", "tourism"]
PHRASES = ['"digital economy"', '"vocational education"', '"public health"', "trade or tourism"]
OTHER_SCRIPT = ["молодёжь", "образование", "цифровая экономика", "безопасность", "Норов"]
CHINESE = ["教育", "数字经济", "青年", "安全", "职业教育"]
NOTHING = ["xylophonic quagmire", "zzyzx", "qwertyuiop"]
TYPES = ["word", "phrase", "name", "typo", "other-script", "chinese", "zero-result"]


def _misspell(rng, word):
    position = rng.randrange(1, len(word))
    return word[:position] + word[position + 1 :]


@functools.cache
def _client(host):
    """This process's test client: one, as a server's worker loads its middleware once."""
    return Client(HTTP_HOST=host)


def _start_client():
    """A client process's start: its own database connection, kept for the run."""
    connections.close_all()  # never share the parent's connection across a fork
    connection.settings_dict["CONN_MAX_AGE"] = None


def _worker(args):
    """Run `warm_up` unmeasured, then `jobs` ([(label, type, url, query)]) in this process.

    Returns [(label, type, ms, queries)] of `jobs`, and when they started and
    ended (`time.time()`). Warm-up here, not in the pool's initializer, whose
    errors would not reach the command.
    """
    host, warm_up, jobs = args
    _run(host, warm_up)
    started = time.time()
    results = _run(host, jobs)
    ended = time.time()
    connections.close_all()
    return results, started, ended


def _run(host, jobs):
    client = _client(host)
    results = []
    for label, kind, url, query in jobs:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, {"q": query})
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise CommandError(f"{url}?q={query!r} answered {response.status_code}.")
        queries = len([q for q in captured.captured_queries if not q["sql"].startswith("SET ")])
        results.append((label, kind, elapsed * 1000, queries))
    return results


def _percentile(times, fraction):
    times = sorted(times)
    return times[max(0, round(len(times) * fraction) - 1)]


class Command(BaseCommand):
    help = "Time search and suggestion requests at several concurrent clients (processes)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=400, help="Of each endpoint.")
        parser.add_argument("--clients", type=int, default=8, help="Concurrent processes.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--language",
            choices=CODES,
            default=settings.LANGUAGE_CODE,
            help="The pages' language: their address's prefix, and the documents searched.",
        )

    def handle(self, *args, **options):
        requests, clients = options["requests"], options["clients"]
        if requests < 1 or clients < 1:
            raise CommandError("--requests and --clients must be at least 1.")
        # A reproducible sample of queries, not a secret.
        rng = random.Random(options["seed"])  # nosec B311
        names = list(
            Document.objects.in_language(options["language"])
            .filter(kind__in=["person", "organisation"])
            .order_by("pk")
            .values_list("title", flat=True)[:2000]
        )
        if not names:
            raise CommandError("The search index is empty: run generate_data and search_reindex.")
        names = rng.sample(names, min(200, len(names)))
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        self.stdout.write(
            f"{Document.objects.in_language(options['language']).count()} documents in"
            f" {options['language']}; {clients} client processes; {connection.vendor}"
        )

        def latin_word(name):
            words = [w for w in name.split() if w.isascii() and w.isalpha()] or name.split()
            return max(words, key=len)

        makers = {
            "word": lambda: rng.choice(WORDS),
            "phrase": lambda: rng.choice(PHRASES),
            "name": lambda: rng.choice(names),
            "typo": lambda: _misspell(rng, latin_word(rng.choice(names))),
            "other-script": lambda: rng.choice(OTHER_SCRIPT),
            "chinese": lambda: rng.choice(CHINESE),
            "zero-result": lambda: rng.choice(NOTHING),
        }
        with translation.override(options["language"]):
            search_url, suggest_url = reverse("search:search"), reverse("search:suggest")
        jobs = []
        for n in range(requests):
            kind = TYPES[n % len(TYPES)]
            jobs.append(("search", kind, search_url, makers[kind]()))
            word = latin_word(rng.choice(names))
            prefix = word[: rng.randint(2, max(2, min(6, len(word))))]
            jobs.append(("suggest", "prefix", suggest_url, prefix))
        rng.shuffle(jobs)

        parts = [(host, jobs[: 2 * clients], jobs[i::clients]) for i in range(clients)]
        connections.close_all()
        context = multiprocessing.get_context("fork")
        # The forked clients inherit the setting.
        with override_settings(PAGE_CACHE_SECONDS=0), context.Pool(clients, _start_client) as pool:
            done = pool.map(_worker, parts)
        timings = [row for results, _, _ in done for row in results]
        wall = max(ended for _, _, ended in done) - min(started for _, started, _ in done)
        self.stdout.write(f"{len(timings)} requests in {wall:.1f} s ({len(timings) / wall:.0f}/s)")
        self._report(timings)

    def _report(self, timings):
        groups = defaultdict(list)
        for label, kind, ms, queries in timings:
            groups[(label, kind)].append((ms, queries))
            groups[(label, "all")].append((ms, queries))
        for (label, kind), rows in sorted(groups.items()):
            times = [ms for ms, _ in rows]
            counts = {queries for _, queries in rows}
            self.stdout.write(
                f"{label:8} {kind:13} n={len(rows):4}  p50 {statistics.median(times):7.1f} ms"
                f"  p95 {_percentile(times, 0.95):7.1f} ms  max {max(times):7.1f} ms"
                f"  queries/request {'-'.join(map(str, sorted(counts)))}"
            )
