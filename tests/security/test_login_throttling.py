"""django-axes: five wrong passwords lock the account from that address, through the real form."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from tests.security.conftest import PASSWORD, sign_in


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_for_the_right_password(client, verified):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        response = sign_in(client, "focal_a", "wrong-password")
        assert not _signed_in(client)
    response = sign_in(client, "focal_a", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert "locked" in response.content.decode().lower()
    assert AccessAttempt.objects.get(username="focal_a").failures_since_start >= 5


@pytest.mark.django_db
def test_four_failures_then_the_right_password_signs_in_and_resets_the_count(client, verified):
    for _ in range(4):
        sign_in(client, "focal_a", "wrong-password")
    response = sign_in(client, "focal_a", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)
    assert not AccessAttempt.objects.filter(username="focal_a").exists()


@pytest.mark.django_db
def test_a_lockout_is_per_account_and_address_not_global(client, verified):
    for _ in range(5):
        sign_in(client, "focal_a", "wrong-password")
    response = sign_in(client, "focal_b", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


@pytest.mark.django_db
def test_behind_the_proxy_each_client_address_is_locked_out_separately(client, verified, settings):
    """docker-compose puts nginx in front (U4SSC_PROXY_COUNT=1): the lockout follows X-Forwarded-For,
    so an attacker at one address does not lock the person out from everywhere."""
    settings.U4SSC_PROXY_COUNT = 1
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _ in range(5):
        client.post("/accounts/login/", {"login": "focal_a", "password": "wrong"}, **attacker)
    assert (
        client.post("/accounts/login/", {"login": "focal_a", "password": PASSWORD}, **attacker).status_code
        == 429
    )
    response = client.post(
        "/accounts/login/", {"login": "focal_a", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 302 and _signed_in(client)


def test_without_a_proxy_a_forged_forwarded_header_is_ignored(rf, settings):
    from kernel.ratelimit import client_ip

    settings.U4SSC_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.1")
    assert client_ip(request) == "192.0.2.1"
    settings.U4SSC_PROXY_COUNT = 1  # the proxy appends the real client to what the client sent
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "198.51.100.7"
