"""Staff accounts: sign-in throttling, session lifetime, password rules."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a long and proper passphrase"


@pytest.fixture
def staff():
    user = factories.UserFactory(username="paula", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, address="192.0.2.10", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **headers,
    )


def test_five_failures_pause_that_username_from_that_address(settings, staff):
    client = Client()
    failures = [sign_in(client, "paula", f"wrong {n}") for n in range(settings.AXES_FAILURE_LIMIT)]

    paused = sign_in(client, "paula", PASSWORD)

    assert [r.status_code for r in failures[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "Please enter the correct username and password" in failures[0].text
    assert failures[-1].status_code == 429
    assert paused.status_code == 429
    assert "failed 5 times in a row, so it is paused" in paused.text
    assert "Try again in 60 minutes." in paused.text
    assert "_auth_user_id" not in client.session


def test_a_pause_does_not_lock_the_person_out_from_elsewhere(settings, staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "paula", f"wrong {n}", address="198.51.100.7")

    elsewhere = Client()
    response = sign_in(elsewhere, "paula", PASSWORD, address="192.0.2.10")

    assert response.status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(staff.pk)


def test_behind_a_proxy_the_forwarded_address_is_the_client(settings, staff):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.1"
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "paula", f"wrong {n}", proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")

    paused = sign_in(Client(), "paula", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    colleague = sign_in(Client(), "paula", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="192.0.2.10")

    assert paused.status_code == 429
    assert colleague.status_code == 302


def test_a_success_clears_the_count(settings, staff):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "paula", f"wrong {n}")
    assert sign_in(client, "paula", PASSWORD).status_code == 302
    client.logout()

    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "paula", f"wrong again {n}")

    assert sign_in(client, "paula", PASSWORD).status_code == 302


def test_a_staff_session_lasts_a_working_day(staff):
    client = Client()
    sign_in(client, "paula", PASSWORD)

    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert not client.session.get_expire_at_browser_close()


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("kunming", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("20201205", "This password is entirely numeric."),
        ("paula-smith", "The password is too similar to the username."),
    ],
)
def test_weak_passwords_are_refused_when_staff_are_added(admin_client, password, error):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "paula-smith",
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
    )

    assert response.status_code == 200
    assert error in response.text
    assert not get_user_model().objects.filter(username="paula-smith").exists()
