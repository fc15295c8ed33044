import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English, whatever language an earlier test's request left active.

    A request activates its address's language in the thread and leaves it so;
    a factory's `title=` then writes that language's column.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield
