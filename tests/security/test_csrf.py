"""Every POST needs a CSRF token: the real forms refuse a request without one."""

import re

import pytest
from django.test import Client


def _token(client: Client, url: str) -> str:
    body = client.get(url).content.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert match, f"{url} has no CSRF token in its form"
    return match.group(1)


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_login_without_a_token_is_refused(strict_client, verified):
    response = strict_client.post(
        "/accounts/login/", {"login": "focal_a", "password": "correct-horse-battery"}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in strict_client.session


@pytest.mark.django_db
def test_login_with_the_form_token_works(strict_client, verified):
    token = _token(strict_client, "/accounts/login/")
    response = strict_client.post(
        "/accounts/login/",
        {"login": "focal_a", "password": "correct-horse-battery", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in strict_client.session


@pytest.mark.django_db
def test_logout_without_a_token_keeps_the_person_signed_in(strict_client, verified):
    strict_client.force_login(verified.focal_a)
    assert strict_client.post("/accounts/logout/").status_code == 403
    assert strict_client.get("/me/").status_code == 200


@pytest.mark.django_db
def test_signup_without_a_token_creates_nobody(strict_client, django_user_model):
    before = django_user_model.objects.count()
    data = {
        "email": "new@example.org",
        "username": "newcomer",
        "password1": "a-long-pass-phrase-9",
        "password2": "a-long-pass-phrase-9",
    }
    assert strict_client.post("/accounts/signup/", data).status_code == 403
    assert django_user_model.objects.count() == before


@pytest.mark.django_db
def test_second_factor_form_without_a_token_is_refused(strict_client, verified):
    strict_client.force_login(verified.secretariat)
    assert strict_client.post("/accounts/2fa/totp/activate/", {"code": "123456"}).status_code == 403
    assert strict_client.post("/accounts/2fa/authenticate/", {"code": "123456"}).status_code == 403
