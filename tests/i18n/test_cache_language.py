"""Every cache that holds rendered words keys them by language: a French page is never served
from the English entry, nor a fragment rendered in English to a French reader."""

from __future__ import annotations

import pytest
from django.utils import translation

from kernel import cache as page_cache
from kernel.middleware import HIT_HEADER
from tests.decisions.conftest import make_tor_version

pytestmark = pytest.mark.django_db


def test_the_page_cache_keeps_one_entry_per_language(client, cast, settings):
    settings.U4SSC_PAGE_CACHE_SECONDS = 60
    make_tor_version()
    english = client.get("/tor/")
    assert HIT_HEADER not in english and client.get("/tor/")[HIT_HEADER] == "hit"
    for code in ("fr", "ar", "zh-hans"):
        first = client.get(f"/{code}/tor/")
        assert HIT_HEADER not in first, code  # not the English entry
        assert f'<html lang="{code}"' in first.content.decode()
        again = client.get(f"/{code}/tor/")
        assert again[HIT_HEADER] == "hit" and again.content == first.content
    assert 'lang="en"' in client.get("/tor/").content.decode()


def test_the_page_key_names_the_language_even_for_the_same_address(db):
    url = "http://testserver/api/v1/"
    with translation.override("en"):
        english = page_cache.page_key("GET", url, "")
    with translation.override("fr"):
        french = page_cache.page_key("GET", url, "")
    assert english != french and ":fr:" in french and ":en:" in english


def test_a_prefixed_page_keeps_its_scope(db):
    """/fr/tor/ shows what /tor/ shows: it stays cached through votes as /tor/ does."""
    page_cache.pages_show("/tor/", "content")
    assert page_cache._page_scopes("/fr/tor/") == page_cache._page_scopes("/tor/") == ("content",)


def test_fragments_are_kept_per_language(db):
    computed = []

    def render(words):
        def compute():
            computed.append(words)
            return words

        return compute

    with translation.override("en"):
        parts = page_cache.Fragments(["card"])
        assert parts.get("card", render("Ballot closed")) == "Ballot closed"
        parts.save()
    with translation.override("fr"):
        parts = page_cache.Fragments(["card"])
        assert parts.get("card", render("Scrutin clos")) == "Scrutin clos"
        parts.save()
    with translation.override("en"):
        assert page_cache.Fragments(["card"]).get("card", render("again")) == "Ballot closed"
    with translation.override("fr"):
        assert page_cache.Fragments(["card"]).get("card", render("encore")) == "Scrutin clos"
    assert computed == ["Ballot closed", "Scrutin clos"]
