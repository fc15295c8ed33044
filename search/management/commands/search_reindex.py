"""Rebuild the whole search index.

    python manage.py search_reindex

Needed after writes that send no signals, such as `generate_data`'s
bulk_create or a QuerySet.update() in a data migration; the index otherwise
keeps itself current (search/signals.py). Ends with the page cache cleared.

On PostgreSQL, run outside a transaction, it ends with VACUUM ANALYZE of the
index's tables: a rebuild leaves a dead version of every row, and new entries
in the GIN indexes' pending lists, which every search would otherwise read
through until autovacuum came.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from search.indexing import reindex_all
from search.models import Document, DocumentTag
from secretariat import page_cache


class Command(BaseCommand):
    help = "Rebuild the search index from every searchable record."

    def handle(self, *args, **options):
        started = time.perf_counter()
        total = reindex_all()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            tables = (connection.ops.quote_name(m._meta.db_table) for m in (Document, DocumentTag))
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        # Search pages, and any page a bulk write changed.
        transaction.on_commit(page_cache.clear)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} records in {seconds:.1f} s."))
