import logging
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path, reverse
from gunicorn.config import Config
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.tools import closed_port

BASE_DIR = Path(__file__).resolve().parent.parent


def query_unreachable_database(request):
    """A view whose database is gone: the backend's own error, from a failed connection."""
    unreachable = connections["default"].__class__(
        {
            **connections["default"].settings_dict,
            # SQLite cannot open a file in a missing folder; PostgreSQL finds no server.
            "NAME": str(BASE_DIR / "no-such-folder" / "db.sqlite3"),
            "HOST": "127.0.0.1",
            "PORT": str(closed_port()),
        },
        alias="unreachable",
    )
    with unreachable.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("unreachable")


urlpatterns = [path("needs-the-database/", query_unreachable_database)]


def run_python(code, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(DJANGO_SETTINGS_MODULE="secretariat.settings", **env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_exempt_from_the_https_redirect_in_production():
    result = run_python(
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='example.org')\n"
        "print(client.get('/healthz').status_code, client.get('/en/events/').status_code,"
        " client.get('/en/events/')['Location'])",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301", "https://example.org/en/events/"]


def test_database_connect_timeout_reaches_postgresql_options():
    result = run_python(
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "print(settings.DATABASES['default']['OPTIONS']['connect_timeout'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/secretariat",
        DATABASE_CONNECT_TIMEOUT="3",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"


def load_gunicorn_conf(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    return {k: v for k, v in namespace.items() if not k.startswith("_") and k.islower()}


def test_gunicorn_conf_defaults(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)

    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["workers"] == min(2 * os.cpu_count() + 1, 8)
    assert conf["max_requests"] == 5000
    assert 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["timeout"] == 30
    assert 0 < conf["graceful_timeout"] <= conf["timeout"]
    assert conf["preload_app"] is True
    assert (conf["accesslog"], conf["errorlog"]) == ("-", "-")
    assert conf["control_socket_disable"] is True
    assert conf["wsgi_app"] == "secretariat.wsgi:application"


def test_gunicorn_conf_reads_workers_and_bind_from_the_environment(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3", BIND="0.0.0.0:9000")

    assert conf["workers"] == 3
    assert conf["bind"] == "0.0.0.0:9000"


def test_gunicorn_conf_names_only_real_settings(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    config = Config()

    unknown = sorted(set(conf) - set(config.settings) - {"multiprocessing", "os"})
    assert unknown == []
    for name, value in conf.items():
        if name in config.settings:
            config.set(name, value)  # gunicorn's own validation
    assert config.workers == conf["workers"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_database_outage_answers_clean_503(client):
    response = client.get("/needs-the-database/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    assert "<h1>The record is temporarily unavailable</h1>" in content
    assert "Traceback" not in content
    assert "OperationalError" not in content


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_database_outage_shows_the_error_with_debug_on(client, settings):
    settings.DEBUG = True

    with pytest.raises(OperationalError):
        client.get("/needs-the-database/")


def logged(caplog):
    """(logger, level, whether a traceback came with it) of each record."""
    return [(r.name, r.levelname, r.exc_info is not None) for r in caplog.records]


ONE_LINE_503 = ("secretariat.middleware", "ERROR", False)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/events/", "/en/nonexistent/", "/zh-hans/nonexistent/"])
def test_any_page_answers_503_in_one_log_line_while_the_database_is_down(
    client, database_down, caplog, path
):
    client.raise_request_exception = False  # as a server does: an error is an answer
    with caplog.at_level(logging.INFO):
        responses = [client.get(path) for _ in range(3)]

    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert "<h1>The record is temporarily unavailable</h1>" in response.text
    assert logged(caplog) == [ONE_LINE_503] * 3
    assert caplog.records[0].getMessage().startswith(f"Database unavailable: {path} answered 503 (")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/nonexistent/", "/static/missing.css", "/api/no-such-list/"])
def test_an_address_no_page_can_have_is_404_without_the_database(
    client, database_down, caplog, path
):
    # Outside the language prefixes no renamed page can live: no redirect to look up.
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        response = client.get(path)

    assert response.status_code == 404
    assert logged(caplog) == [("django.request", "WARNING", False)]


@pytest.mark.django_db
def test_a_page_missing_from_the_page_cache_answers_503_in_one_log_line_while_the_database_is_down(
    client, database_down, caplog, settings
):
    settings.PAGE_CACHE_SECONDS = 60 * 60
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        responses = [client.get("/en/events/") for _ in range(3)]

    assert [(r.status_code, r["Retry-After"]) for r in responses] == [(503, "30")] * 3
    assert logged(caplog) == [ONE_LINE_503] * 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/events/", "/api/events/kunming/"])
def test_the_api_answers_503_in_json_while_the_database_is_down(
    client, database_down, caplog, path
):
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        response = client.get(path)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The record is temporarily unavailable: the site cannot reach its database. "
        "Try again in a minute."
    }
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert logged(caplog) == [ONE_LINE_503]


@pytest.mark.django_db
def test_a_missing_page_shows_the_error_with_debug_on_while_the_database_is_down(
    client, database_down, settings
):
    settings.DEBUG = True

    with pytest.raises(OperationalError):
        client.get("/en/nonexistent/")


@pytest.mark.django_db
def test_static_files_are_hashed_compressed_and_immutable(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The site's own files only: compressing the admin's and Redoc's takes minutes.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", "--no-input", verbosity=0)

    [hashed] = re.findall(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', client.get("/en/").text)
    collected = Path(settings.STATIC_ROOT) / Path(hashed).relative_to("/static")
    assert collected.exists()
    assert collected.with_name(collected.name + ".gz").exists()
    assert collected.with_name(collected.name + ".br").exists()

    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    response = middleware(RequestFactory().get(hashed, HTTP_ACCEPT_ENCODING="gzip, br"))

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"


def test_production_settings_use_compressed_manifest_storage():
    result = run_python(
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "print(settings.STORAGES['staticfiles']['BACKEND'])",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_wsgi_module_loads_the_cache_library_without_connecting():
    # What gunicorn's master does with preload_app: every worker then starts with
    # the redis library imported. Redis on a closed port: importing must not connect.
    code = (
        "import sys; import secretariat.wsgi; "
        "print('redis' in sys.modules, type(secretariat.wsgi.caches['default']).__module__)"
    )

    result = run_python(code, CACHE_URL=f"redis://127.0.0.1:{closed_port()}/0", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "secretariat.cache"]


def readme_nginx():
    """The README's nginx server block: (its directives outside locations, {location: directives}).

    Directives without their comments, one per line, as written.
    """
    readme = (BASE_DIR / "README.md").read_text()
    [block] = re.findall(r"^```nginx\n(.*?)^```$", readme, re.S | re.M)

    def directives(text):
        lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
        return [line for line in lines if line and line not in {"{", "}"}]

    locations = dict(re.findall(r"^\s*location (\S+) \{(.*?)^\s*\}", block, re.S | re.M))
    server = re.sub(r"^\s*location \S+ \{.*?^\s*\}", "", block, flags=re.S | re.M)
    return directives(server), {path: directives(body) for path, body in locations.items()}


def test_readme_nginx_serves_media_and_passes_static_to_whitenoise(monkeypatch, settings):
    server, locations = readme_nginx()
    gunicorn = f"proxy_pass http://{load_gunicorn_conf(monkeypatch)['bind']};"
    body_limit = next(line for line in server if line.startswith("client_max_body_size"))

    assert list(locations) == [settings.MEDIA_URL, settings.STATIC_URL, "/"]
    [alias] = [line for line in locations["/media/"] if line.startswith("alias ")]
    assert alias.endswith("/media/;")  # nginx joins the rest of the path to it as it is
    assert "proxy_pass" not in " ".join(locations["/media/"])
    assert "add_header X-Content-Type-Options nosniff always;" in locations["/media/"]
    # Static files come from the site, which serves them with whitenoise.
    assert locations["/static/"] == [gunicorn]
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    assert locations["/"] == [gunicorn]
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in server
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in server
    assert int(body_limit.removeprefix("client_max_body_size ").removesuffix("m;")) * 2**20 > (
        settings.IMAGE_UPLOAD_MAX_BYTES
    )


def test_with_debug_off_the_site_leaves_media_to_the_proxy():
    code = (
        "import django; django.setup()\n"
        "import importlib\n"
        "from django.conf import settings\n"
        "from django.urls import Resolver404, clear_url_caches, resolve\n"
        "import secretariat.urls\n"
        "for debug in (False, True):\n"
        "    settings.DEBUG = debug\n"
        "    importlib.reload(secretariat.urls)\n"
        "    clear_url_caches()\n"
        "    try:\n"
        "        print(resolve('/media/events/picture.jpg').func.__module__)\n"
        "    except Resolver404:\n"
        "        print('not-found')\n"
    )

    result = run_python(code, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["not-found", "django.views.static"]
