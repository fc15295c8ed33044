"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

The tools come from the system, not from Playwright's own downloads: Chromium
from Debian (`apt-get install chromium`), and for the HTML validity test a Java
runtime plus the Nu HTML checker from npm (`vnu-jar`, installed by `make test`).
Without them these tests are skipped with the reason; with
REQUIRE_BROWSER_TESTS set (as .ci/run does) a missing tool fails the run instead.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.tools import missing_tool

# Playwright's sync API keeps an asyncio event loop running in the test thread,
# and Django refuses ORM calls from such a thread unless this is set. The test
# code stays synchronous, so the check guards nothing here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    # No traffic to Google's services: the machines reach package registries only.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    )
)
DEMO_ADMIN_PASSWORD = "browser-tests-only-Kunming-2020"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        missing_tool(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
            "(or set CHROMIUM_PATH)"
        )
    headed = browser_type_launch_args.get("headless") is False  # pytest --headed
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [flag for flag in CHROMIUM_FLAGS if not (headed and flag == "--headless")],
    }


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db, live_server, monkeypatch):
    """The live server's address, with the demo content (the Kunming roundtable) loaded.

    The live server answers from another thread, so the data must be committed:
    hence `transactional_db`, which empties the tables after each test. The
    serialized rollback then puts back what the migrations wrote (the staff
    roles, the site), which later tests rely on.
    """
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def browser_context_args(browser_context_args, demo_site):
    # One context per test (pytest-playwright's `context`/`new_context`), one browser per session.
    return {
        **browser_context_args,
        "base_url": demo_site,
        "locale": "en-GB",
        # axe is injected into the page; a Content-Security-Policy must not block it.
        "bypass_csp": True,
    }


@pytest.fixture
def new_context(new_context):
    """pytest-playwright's context factory, waiting 10 s rather than 30 s for what never comes."""

    def create(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(10_000)
        return context

    return create


@pytest.fixture
def demo_content(db, monkeypatch):
    """The demo content, for tests that read pages through Django's test client."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def vnu():
    """A function that runs the Nu HTML checker once on some files and returns its errors.

    Each error is vnu's JSON message (`url`, `lastLine`, `message`, `extract`, …).
    One run for all files: the JVM's start-up costs more than checking a page.
    """
    java = shutil.which("java")
    if not java:
        missing_tool(
            "java not found: the Nu HTML checker needs Java 17 or newer "
            "(`apt-get install default-jre-headless`)"
        )
    if not VNU_JAR.exists():
        missing_tool(
            f"{VNU_JAR} not found: install the Nu HTML checker with `npm ci` "
            "(`make test` does when npm is there)"
        )

    def validate(paths):
        command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
        completed = subprocess.run(
            [*command, "--exit-zero-always", *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if completed.returncode:
            raise RuntimeError(f"vnu failed ({completed.returncode}): {completed.stderr}")
        return json.loads(completed.stdout)["messages"]

    return validate


@pytest.fixture
def strict_page(browser, demo_site):
    """A page in a context that enforces the site's policy, and the violations it reports."""
    context = browser.new_context(base_url=demo_site, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.violations.append(message.text)
        ),
    )
    yield page
    context.close()
