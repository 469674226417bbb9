"""Choosing a language (issue 13): public pages under /<lang>/ with English unprefixed, hreflang
alternates, the header's switcher, the browser's language on a first visit, the cookie after."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The cast and a ToR in force (/tor/)."""
    from tests.decisions.conftest import make_tor_version

    make_tor_version()
    return cast


OWN_NAMES = {
    "ar": "العربية",
    "zh-hans": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_the_six_un_languages_are_offered():
    assert [code for code, _ in settings.LANGUAGES] == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert settings.LANGUAGE_CODE == "en"


def test_english_keeps_its_addresses_and_the_others_have_a_prefix(client, cast):
    assert reverse("governance:tor") == "/tor/"
    with translation.override("fr"):
        assert reverse("governance:tor") == "/fr/tor/"
    with translation.override("zh-hans"):
        assert reverse("thematic_groups:deliverable_list") == "/zh-hans/deliverables/"
    for path in ("/", "/tor/", "/deliverables/", "/groups/", "/meetings/", "/partners/"):
        assert client.get(path).status_code == 200, path
        for code in ("ar", "zh-hans", "fr", "ru", "es"):
            response = client.get(f"/{code}{path}")
            assert response.status_code == 200, (code, path)
            assert f'lang="{code}"' in html_tag(response)
            assert response["Content-Language"] == code


def test_arabic_pages_are_right_to_left_and_the_others_left_to_right(client, cast):
    assert html_tag(client.get("/ar/tor/")) == '<html lang="ar" dir="rtl">'
    assert html_tag(client.get("/tor/")) == '<html lang="en" dir="ltr">'
    assert html_tag(client.get("/zh-hans/tor/")) == '<html lang="zh-hans" dir="ltr">'


def test_the_admin_the_api_and_the_account_screens_have_no_prefix(client, cast):
    assert client.get("/fr/admin/").status_code == 404
    assert client.get("/fr/api/v1/deliverables/").status_code == 404
    assert client.get("/fr/accounts/login/").status_code == 404
    assert client.get("/api/v1/deliverables/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


def test_every_public_page_links_its_versions_in_every_language(client, cast):
    body = client.get("/fr/tor/").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body))
    assert links == {
        "ar": "http://testserver/ar/tor/",
        "zh-hans": "http://testserver/zh-hans/tor/",
        "en": "http://testserver/tor/",
        "fr": "http://testserver/fr/tor/",
        "ru": "http://testserver/ru/tor/",
        "es": "http://testserver/es/tor/",
        "x-default": "http://testserver/tor/",
    }
    # A page that has one address only (the sign-in form) lists no alternates.
    assert "hreflang" not in client.get("/accounts/login/").content.decode()


def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one(client, cast):
    body = client.get("/es/deliverables/").content.decode()
    form = re.search(r'<form class="language-switcher".*?</form>', body, re.S).group(0)
    assert f'action="{reverse("set_language")}"' in form and 'method="post"' in form
    assert '<label for="language-select">' in form and 'id="language-select"' in form
    assert 'name="next" value="/es/deliverables/"' in form
    for code, name in OWN_NAMES.items():
        selected = " selected" if code == "es" else ""
        assert f'<option value="{code}" lang="{code}"{selected}>{name}</option>' in form


def test_switching_language_goes_to_the_same_page_in_it_and_is_remembered(cast):
    client = Client(enforce_csrf_checks=True)  # the switcher posts without a token (cached pages)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/deliverables/?q=data"})
    assert response.status_code == 302 and response["Location"] == "/fr/deliverables/?q=data"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    # An English address now sends this visitor to their language...
    response = client.get("/tor/")
    assert response.status_code == 302 and response["Location"] == "/fr/tor/"
    # ...until they choose English, which then holds whatever the browser says.
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/fr/tor/"})
    assert response["Location"] == "/tor/"
    assert client.get("/tor/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_an_unknown_language_or_a_foreign_next_changes_nothing():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/tor/"})
    assert response.status_code == 302 and settings.LANGUAGE_COOKIE_NAME not in client.cookies
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]


@pytest.mark.parametrize(
    "accept, location",
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/tor/?x=1"),
        ("ar-EG,ar;q=0.9", "/ar/tor/?x=1"),
        ("zh-CN,zh;q=0.9", "/zh-hans/tor/?x=1"),
        ("ru", "/ru/tor/?x=1"),
        ("es-419", "/es/tor/?x=1"),
    ],
)
def test_the_browsers_language_chooses_on_a_first_visit(client, cast, accept, location):
    response = client.get("/tor/?x=1", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == location
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in response["Vary"].split(",")}


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "de-DE,de;q=0.9", ""])
def test_english_or_an_unsupported_language_reads_the_english_page(client, cast, accept):
    response = client.get("/tor/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200 and 'lang="en"' in html_tag(response)


def test_a_shared_prefixed_link_reads_in_its_language_whatever_the_browser(client, cast):
    response = client.get("/ru/tor/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200 and 'lang="ru"' in html_tag(response)


def test_a_form_post_to_an_english_address_is_never_redirected(client, cast):
    client.force_login(cast.participant)
    response = client.post("/me/profile/", {"first_name": ""}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200  # the form answers (with its error), no redirect


def test_the_api_answers_in_the_language_of_accept_language(client, cast):
    """/api/ has no prefix: its human messages follow Accept-Language (a filter's error message
    comes from Django's own catalogues, which are translated)."""
    url = "/api/v1/deliverables/?status=bogus"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 400 and response["Content-Language"] == "fr"
    assert response.json()["status"] == ["Sélectionnez un choix valide. bogus n’en fait pas partie."]
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["status"][0].startswith("Escoja una opción válida.")
    english = client.get(url)
    assert english["Content-Language"] == "en"
    assert english.json()["status"] == ["Select a valid choice. bogus is not one of the available choices."]
    assert "accept-language" in english["Vary"].lower()
