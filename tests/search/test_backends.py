"""The search backend is chosen once, from the database vendor."""

import pytest
from django.db import connection

from search.backends import backend, backend_for
from search.backends.postgresql import PostgreSQLBackend
from search.backends.sqlite import SQLiteBackend


def test_the_backend_is_the_databases_own_and_made_once():
    expected = PostgreSQLBackend if connection.vendor == "postgresql" else SQLiteBackend

    assert type(backend()) is expected
    assert backend() is backend()


@pytest.mark.parametrize(
    ("vendor", "expected"),
    [("postgresql", PostgreSQLBackend), ("sqlite", SQLiteBackend), ("mysql", SQLiteBackend)],
)
def test_every_vendor_but_postgresql_gets_the_portable_backend(vendor, expected):
    assert type(backend_for(vendor)) is expected
