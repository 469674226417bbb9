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


# A meeting room: many people, one address ---------------------------------------------------------

ROOM = "198.51.100.20"


def _people(n: int, prefix: str = "delegate"):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    people = []
    for i in range(n):
        person = get_user_model().objects.create_user(
            username=f"{prefix}{i}", email=f"{prefix}{i}@example.org", password=PASSWORD
        )
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        people.append(person)
    return people


def _post(username: str, password: str, address: str = ROOM):
    from django.test import Client

    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": username, "password": password})
    return client, response


@pytest.mark.django_db
def test_sixty_people_signing_in_from_one_address_within_a_minute_all_get_in(verified):
    """allauth's default (30 a minute per address) locked out half of a meeting room."""
    people = _people(60)
    for person in people:
        client, response = _post(person.username, PASSWORD)
        assert response.status_code == 302, person.username
        assert client.session["_auth_user_id"] == str(person.pk)
    # A few typing mistakes in the room lock no one else out.
    for person in people[:5]:
        assert _post(person.username, "wrong-password")[1].status_code == 200
    assert _post(people[5].username, PASSWORD)[1].status_code == 302


@pytest.mark.django_db
def test_twenty_wrong_passwords_for_one_account_from_one_address_are_stopped(verified):
    outcomes = []
    for i in range(20):
        client, response = _post("focal_a", f"guess-{i}")
        assert not _signed_in(client)
        if response.status_code == 429:
            outcomes.append("locked")  # axes: this account from this address
        elif "Too many failed login attempts" in response.content.decode():
            outcomes.append("throttled")  # allauth: this account from anywhere
        else:
            outcomes.append("wrong password")
    assert outcomes == ["wrong password"] * 4 + ["locked"] * 6 + ["throttled"] * 10
    client, response = _post("focal_a", PASSWORD)
    assert not _signed_in(client)
    client, response = _post("focal_b", PASSWORD)  # another account from the same address: fine
    assert response.status_code == 302 and _signed_in(client)


@pytest.mark.django_db
def test_twenty_wrong_passwords_for_one_account_from_twenty_addresses_are_stopped(verified):
    """A guess spread over many addresses escapes the per-address lockout, not the per-account one."""
    assert settings.U4SSC_SIGNIN_FAILURES_PER_ACCOUNT == 10
    refused = []
    for i in range(20):
        client, response = _post("focal_a", f"guess-{i}", address=f"203.0.113.{i + 1}")
        assert response.status_code == 200 and not _signed_in(client)
        refused.append("Too many failed login attempts" in response.content.decode())
    assert refused == [False] * 10 + [True] * 10
    client, response = _post("focal_a", PASSWORD, address="203.0.113.99")
    assert not _signed_in(client) and "Too many failed login attempts" in response.content.decode()
    client, response = _post("focal_b", PASSWORD, address="203.0.113.99")  # other accounts: fine
    assert response.status_code == 302 and _signed_in(client)


@pytest.mark.django_db
def test_the_per_address_ceilings_still_apply(verified, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "4/m/ip", "login_failed": "3/m/ip,10/15m/key"}
    people = _people(6, prefix="sprayed")
    # Password spraying: one wrong password on each of many accounts from one address.
    statuses = [_post(p.username, "Summer2026!")[1] for p in people[:3]]
    assert all(r.status_code == 200 for r in statuses)
    _, refused = _post(people[3].username, "Summer2026!")
    assert "Too many failed login attempts" in refused.content.decode()
    _, over = _post(people[4].username, PASSWORD)  # the fifth attempt a minute from the address
    assert over.status_code == 429 and "Too many requests" in over.content.decode()
    client, response = _post(people[4].username, PASSWORD, address="192.0.2.7")
    assert response.status_code == 302 and _signed_in(client)


@pytest.mark.django_db
def test_behind_the_proxy_allauth_counts_the_client_address_too(verified, settings):
    settings.U4SSC_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip", "login_failed": "100/m/ip,10/15m/key"}
    from django.test import Client

    def post(forwarded):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        return client.post("/accounts/login/", {"login": "focal_b", "password": "wrong"}).status_code

    assert [post("203.0.113.5") for _ in range(3)] == [200, 200, 429]
    assert post("198.51.100.7") == 200  # another client behind the same proxy
