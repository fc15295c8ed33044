import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _empties_the_database(item):
    """Whether the test commits (a transactional test), after which the tables are flushed."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures


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
