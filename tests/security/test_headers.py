"""Security headers on public, admin and error pages; cookies in production."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path, reverse

from secretariat.urls import urlpatterns as site_urls
from tests import factories

pytestmark = pytest.mark.django_db

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "font-src": "'self'",
    "img-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADERS = {
    "Permissions-Policy": (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=()"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view), *site_urls]


@pytest.fixture
def pages(settings):
    """A public page, the admin's sign-in, a 404, and a 500 (a view that fails)."""
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    return {
        "public": client.get("/en/"),
        "admin": client.get(reverse("admin:login")),
        "not found": client.get("/no-such-page/"),
        "server error": client.get("/broken/"),
    }


@pytest.mark.parametrize("kind", ["public", "admin", "not found", "server error"])
def test_every_kind_of_page_carries_the_security_headers(pages, kind):
    response = pages[kind]

    assert response.status_code == {"not found": 404, "server error": 500}.get(kind, 200)
    assert {name: response.headers.get(name) for name in HEADERS} == HEADERS
    assert directives(response.headers["Content-Security-Policy"]) == CSP


def test_the_api_documentation_alone_allows_inline_styles(client):
    response = client.get(reverse("api:docs"))

    assert directives(response.headers["Content-Security-Policy"]) == {
        **CSP,
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        "worker-src": "'self' blob:",
    }


def directives(policy):
    """{directive: its sources} of a Content-Security-Policy header (in any order)."""
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_media_on_another_host_is_allowed_as_images_only():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            "DJANGO_SETTINGS_MODULE": "secretariat.settings",
            "PATH": "/usr/bin:/bin",
            "MEDIA_URL": "https://media.example.org/record/",
        },
        cwd=Path(__file__).resolve().parent.parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "[\"'self'\", 'https://media.example.org'] [\"'self'\"]"


def test_in_production_https_is_required_and_cookies_are_secure_and_hidden_from_scripts(settings):
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.CSRF_COOKIE_HTTPONLY = True
    user = factories.UserFactory(username="paula", is_staff=True)
    user.set_password("a long and proper passphrase")
    user.save()
    client = Client()

    login_page = client.get(reverse("admin:login"), secure=True)
    signed_in = client.post(
        reverse("admin:login"),
        {"username": "paula", "password": "a long and proper passphrase"},
        secure=True,
    )

    assert login_page.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    csrf = login_page.cookies["csrftoken"]
    session = signed_in.cookies["sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
