import io
import re

import pytest
from django.core.management import call_command

from tests.browser.pages import PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize(("name", "path", "status"), PAGES, ids=[page[0] for page in PAGES])
def test_pages_have_no_inline_script_or_style(client, demo, name, path, status):
    response = client.get(str(path))

    assert response.status_code == status
    html = response.text
    # Scripts only from static files (`<script src=…>`), never inline; the one exception,
    # JSON-LD, is data that no browser runs (and a CSP without 'unsafe-inline' allows).
    assert not re.search(r'<script(?![^>]*\ssrc=| type="application/ld\+json">)', html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert html.count("<h1") == 1
