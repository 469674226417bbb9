"""/sitemap.xml lists every public page in every language with its alternates; robots.txt
points to it; nothing unpublished is in it."""

from __future__ import annotations

import re

import pytest

from tests.decisions.conftest import make_tor_version

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_public_pages_in_every_language_with_alternates(client, cast, settings):
    settings.SITE_URL = "https://u4ssc.example.org"
    make_tor_version()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    body = response.content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", body))
    for code in ("", "ar/", "zh-hans/", "fr/", "ru/", "es/"):
        assert f"https://u4ssc.example.org/{code}tor/" in locations
        assert f"https://u4ssc.example.org/{code}deliverables/{cast.published_x.slug}/" in locations
        assert f"https://u4ssc.example.org/{code}groups/{cast.group_x.slug}/" in locations
        assert f"https://u4ssc.example.org/{code}partners/{cast.partner_a.slug}/" in locations
    # Each entry carries its alternates, English as x-default.
    assert '<xhtml:link rel="alternate" hreflang="ar" href="https://u4ssc.example.org/ar/tor/"/>' in body
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="https://u4ssc.example.org/tor/"/>' in body
    # Drafts are not public: they are not listed, in any language.
    assert cast.draft_x.slug not in body and cast.draft_y.slug not in body


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
