import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last.

    Their live server needs committed data, and the flush after each of them
    empties the tables, including what migrations wrote (the staff roles), which
    the other tests rely on. pytest-django's own ordering does not ensure this.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
