import pytest


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """`with indexed(): …` writes the search index for what the block saves or deletes.

    The index is written when a transaction commits (search/signals.py); a
    test's transaction never commits, so the block runs the callbacks itself.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)
