"""Rebuild the whole search index.

    python manage.py search_reindex

Needed after writes that send no signals (bulk_create, QuerySet.update()).
Ends with the page cache cleared and, on PostgreSQL outside a transaction,
VACUUM ANALYZE of the index's tables: a rebuild leaves a dead version of every
row and fills the GIN indexes' pending lists, which searches would read through.
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
        transaction.on_commit(page_cache.clear)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} records in {seconds:.1f} s."))
