"""Every public page type is valid HTML, by the Nu HTML checker (vnu)."""

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from tests.browser.pages import PAGES

pytestmark = pytest.mark.browser

TRANSLATED = ["event", "person", "event-list", "person-list", "search"]


def test_every_page_type_is_valid_html(client, demo_content, vnu, tmp_path):
    paths = {}
    for name, path, status in PAGES:
        response = client.get(str(path))
        assert response.status_code == status, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
        paths[f"{name}.html"] = str(path)
    # The Russian and Chinese versions of the pages the issue names.
    for language in ("ru", "zh-hans"):
        for name, path, _status in PAGES:
            if name not in TRANSLATED:
                continue
            with translation.override(language):
                address = str(path)
            response = client.get(address)
            assert response.status_code == 200, address
            (tmp_path / f"{name}-{language}.html").write_bytes(response.content)
            paths[f"{name}-{language}.html"] = address
    # The 500 page is rendered by Django's handler, without the site's context processors' help.
    (tmp_path / "server-error.html").write_bytes(server_error(RequestFactory().get("/")).content)
    paths["server-error.html"] = "the 500 page"

    errors = vnu(sorted(tmp_path.glob("*.html")))

    def page(error):
        file = PurePosixPath(unquote(urlsplit(error.get("url", "")).path)).name
        return paths.get(file, error.get("url", "?"))

    assert not errors, "vnu errors:\n" + "\n".join(
        f"{page(error)} line {error.get('lastLine', '?')}: {error['message']}\n"
        f"    {error.get('extract', '').strip()}"
        for error in errors
    )
