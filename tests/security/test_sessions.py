"""A new session key at sign-in; after sign-out the old one opens nothing."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.security.conftest import sign_in


@pytest.mark.django_db
def test_signing_in_issues_a_new_session_key(client, verified):
    client.get("/accounts/login/")
    session = client.session
    session["probe"] = "before sign-in"
    session.save()
    before = client.cookies[settings_cookie()].value
    response = sign_in(client, "focal_a")
    assert response.status_code == 302
    after = client.cookies[settings_cookie()].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


@pytest.mark.django_db
def test_after_sign_out_the_old_session_key_is_worthless(client, verified):
    sign_in(client, "focal_a")
    key = client.cookies[settings_cookie()].value
    assert client.get("/me/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings_cookie()] = key  # an attacker who kept the cookie
    response = replay.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_session_cookie_is_http_only_and_same_site(client, verified):
    sign_in(client, "focal_a")
    morsel = client.cookies[settings_cookie()]
    assert morsel["httponly"]
    assert morsel["samesite"].lower() == "lax"


def settings_cookie() -> str:
    from django.conf import settings

    return settings.SESSION_COOKIE_NAME
