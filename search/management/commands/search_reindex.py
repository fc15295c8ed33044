"""Rebuild the whole search index.

    python manage.py search_reindex

Needed after writes that send no signals, such as `generate_data`'s
bulk_create or a QuerySet.update() in a data migration; the index otherwise
keeps itself current (search/signals.py).
"""

import time

from django.core.management.base import BaseCommand

from search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index from every searchable record."

    def handle(self, *args, **options):
        started = time.perf_counter()
        total = reindex_all()
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} records in {seconds:.1f} s."))
