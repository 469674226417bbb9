"""Security headers on every response: CSP without inline scripts, HSTS, nosniff, Referrer-Policy,
no framing."""

import pytest
from django.urls import reverse

PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/admin/login/",
    "/accounts/2fa/authenticate/",
    "/healthz",
]


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url, secure=True)
    assert response.status_code in (200, 302)
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


@pytest.mark.django_db
def test_the_admin_works_under_the_policy(client, cast):
    """The admin's own scripts are files, so the strict policy does not break it."""
    client.force_login(cast.secretariat)
    response = client.get(reverse("admin:index"), secure=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>" not in body and '<script type="text/javascript">' not in body
    assert ' style="' not in body
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_plain_http_gets_no_hsts_header(client):
    """HSTS is only sent over HTTPS (browsers ignore it on HTTP; the proxy redirects)."""
    response = client.get("/")
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_pages_carry_no_inline_script(client):
    for url in ("/", "/accounts/login/", "/accounts/signup/"):
        body = client.get(url).content.decode()
        assert "<script>" not in body, url
        assert " onclick=" not in body and " onload=" not in body, url
        assert ' style="' not in body, url
