import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from tests.security import xss_content


@pytest.fixture(scope="module")
def xss_media(tmp_path_factory):
    return tmp_path_factory.mktemp("xss-media")


@pytest.fixture(scope="module")
def xss_record(django_db_setup, django_db_blocker, xss_media):
    """The record of tests/security/xss_content.py, built once for a test module.

    It takes half a minute to build (and to index for search), so each module
    builds it once, in a transaction rolled back after its last test. Each test
    runs inside it, in a savepoint of its own (pytest-django's `db`). Its
    images are in `xss_media`: a module using it points MEDIA_ROOT there.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=xss_media),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):
            content = xss_content.build()
        yield content
        transaction.set_rollback(True)
