import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# Read from the environment by the settings; each test sets those it is about.
SETTINGS_VARIABLES = {"SECRET_KEY", "ALLOWED_HOSTS", "CACHE_URL", "PAGE_CACHE_SECONDS"}
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}


def start_django(then="print('started')", **env_overrides):
    """Start Django in a fresh interpreter with the given environment, then run `then`.

    Returns the finished process.
    """
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="secretariat.settings", **env_overrides)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {then}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_start_refused_without_secret_key():
    result = start_django(DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is missing" in result.stderr
    assert "started" not in result.stdout


def test_production_start_refused_with_short_secret_key():
    result = start_django(DEBUG="false", SECRET_KEY="short", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is missing or too short" in result.stderr


@pytest.mark.parametrize("hosts", ["", "*"])
def test_production_start_refused_without_allowed_hosts(hosts):
    result = start_django(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS=hosts)

    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS is missing" in result.stderr


def test_production_starts_with_secret_key_and_hosts():
    result = start_django(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_log_level_is_read_in_any_case():
    # gunicorn's own setting is lower case; the same variable configures both.
    result = start_django(
        then="import logging; print(logging.getLevelName(logging.getLogger().level))",
        DEBUG="true",
        LOG_LEVEL="warning",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "WARNING"


def test_development_defaults_start_without_any_variable():
    result = start_django(DEBUG="true", SECRET_KEY="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_cache_url_selects_redis():
    result = start_django(
        then="from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        CACHE_URL="redis://127.0.0.1:6379/2",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["secretariat.cache.RedisCache", "redis://127.0.0.1:6379/2"]


SHOW_PAGE_CACHE = "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"


def test_in_production_the_page_cache_is_on_with_a_shared_cache():
    result = start_django(then=SHOW_PAGE_CACHE, CACHE_URL="redis://127.0.0.1:6379/2", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3600"


def test_in_production_the_page_cache_is_off_with_each_process_its_own_cache():
    # Each gunicorn worker would keep pages that a change made in another never clears.
    result = start_django(then=SHOW_PAGE_CACHE, CACHE_URL="locmemcache://", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_in_production_the_page_cache_is_refused_without_a_shared_cache():
    result = start_django(CACHE_URL="locmemcache://", PAGE_CACHE_SECONDS="600", **PRODUCTION)

    assert result.returncode != 0
    assert "ImproperlyConfigured: PAGE_CACHE_SECONDS needs a cache shared" in result.stderr
    assert "started" not in result.stdout


DATABASE_URL_HELP = (
    "set it to postgres://user:password@host:5432/name or sqlite:////absolute/path/db.sqlite3, "
    "or unset it for the development database."
)


def refusal(result):
    """The last line of a refused start: the one an operator reads."""
    assert result.returncode != 0
    assert "started" not in result.stdout
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("url", ["", "  "])
def test_start_refused_with_an_empty_database_url(url):
    result = start_django(DATABASE_URL=url)

    assert refusal(result) == (
        "django.core.exceptions.ImproperlyConfigured: DATABASE_URL is set but empty: "
        + DATABASE_URL_HELP
    )


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("mysql://site:s3cret@db.example.org/record", "mysql://"),
        ("oracle://site:s3cret@db.example.org/record", "oracle://"),
        ("foo://site:s3cret@db.example.org/record", "foo://"),
        ("postgres//site:s3cret@db.example.org/record", "missing"),
        ("db.example.org", "missing"),
    ],
)
def test_start_refused_with_a_database_url_of_another_database(url, scheme):
    result = start_django(DATABASE_URL=url)

    assert refusal(result) == (
        "django.core.exceptions.ImproperlyConfigured: DATABASE_URL is not a PostgreSQL or "
        f"SQLite address (its scheme is {scheme}): " + DATABASE_URL_HELP
    )
    assert "s3cret" not in result.stderr


def test_start_refused_with_a_database_url_that_cannot_be_read():
    result = start_django(DATABASE_URL="postgres://site:s3cret@db.example.org:port/record")

    assert refusal(result) == (
        "django.core.exceptions.ImproperlyConfigured: DATABASE_URL cannot be read (Port could "
        "not be cast to integer value as 'port'): " + DATABASE_URL_HELP
    )
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("postgresql://site@db.example.org:5433/record", "django.db.backends.postgresql", "record"),
        (
            "sqlite:////srv/record/db.sqlite3",
            "django.db.backends.sqlite3",
            "/srv/record/db.sqlite3",
        ),
    ],
)
def test_database_url_selects_postgresql_or_sqlite(url, engine, name):
    result = start_django(
        then="from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        DATABASE_URL=url,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [engine, name]
