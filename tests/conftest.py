from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from api import throttling
from tests.migrations import migrate
from tests.tools import cache_settings, closed_port


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _empties_the_database(item):
    """Whether the test commits (a transactional test), after which the tables are flushed."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures


@pytest.fixture(autouse=True)
def _reader_language_reset():
    """Each test starts in English: a request to /ru/… leaves Russian active in the thread.

    LocaleMiddleware activates the address's language and leaves it so; lazy
    addresses and texts read outside a request would follow the test before.
    """
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Pages are rendered afresh in tests, which change content without committing.

    The page cache's own tests (tests/test_page_cache.py) turn it on, and commit.
    """
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def _current_site_cached(request):
    """The current Site, looked up before each database test, as a running server has it.

    Pages make their canonical and Open Graph links on its domain, and Django
    caches it for the process: a server queries it once, not once per page.
    A page's query count is then its own, whichever test ran before (some clear
    that cache, and count it, on purpose).
    """
    if request.node.get_closest_marker("django_db"):
        Site.objects.get_current()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that commit run after all the others, and browser tests last of all.

    The flush after a committing test empties the tables, including what
    migrations wrote (the staff roles, the site), which ordinary tests rely on;
    committing tests put it back for themselves (serialized rollback). Browser
    tests, whose live server needs committed data, go last within each group.
    """
    items.sort(
        key=lambda item: (
            _empties_the_database(item),
            item.get_closest_marker("browser") is not None,
        )
    )


def pytest_runtest_setup(item):
    """Tests marked `postgres` need PostgreSQL-only behaviour: skipped on other databases."""
    from django.db import connection

    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.fixture
def database_down():
    """The database is gone: every query of the test's requests fails to connect.

    The default connection is swapped for one to where nothing is, so the
    backend raises its own error, as when PostgreSQL stops: SQLite cannot open a
    file in a missing folder, PostgreSQL finds no server on a closed port. The
    test's own connection, and its transaction, are put back afterwards.
    """
    default = connections["default"]
    unreachable = default.__class__(
        {
            **default.settings_dict,
            "NAME": str(Path(__file__).resolve().parent / "no-such-folder" / "db.sqlite3"),
            "HOST": "127.0.0.1",
            "PORT": str(closed_port()),
        },
        alias="default",
    )
    connections["default"] = unreachable
    yield
    unreachable.close()
    connections["default"] = default


def _forget_per_process_counts():
    throttling.per_process.ended()
    throttling.process_counts.clear()


@pytest.fixture
def cache_down(settings):
    """The cache is a Redis server that is not there (a closed port).

    The API's counts kept in this process while the cache is down start empty
    and are forgotten afterwards, as is the outage: no other test meets them.
    """
    _forget_per_process_counts()
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{closed_port()}/0")
    yield
    cache.outage.ended()
    _forget_per_process_counts()


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """`with indexed(): …` writes the search index for what the block saves or deletes.

    The index is written when a transaction commits (search/signals.py); a
    test's transaction never commits, so the block runs the callbacks itself.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def latest_migrations():
    """Back to the latest migrations after the test (which used `tests.migrations.migrate`)."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
