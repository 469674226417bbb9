"""`{% nav_url %}` (kernel/templatetags/links.py): base.html's links reversed once per language,
the same addresses as `{% url %}` in every language, escaped as it escapes them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

NAMES = [
    "portal:home",
    "governance:tor",
    "thematic_groups:deliverable_list",
    "portal:dashboard",
    "set_language",
]


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_nav_url_is_url_in_every_language(code):
    with translation.override(code):
        for name in NAMES:
            cached = Template("{% load links %}{% nav_url name %}").render(Context({"name": name}))
            fresh = Template("{% url name %}").render(Context({"name": name}))
            assert cached == fresh == reverse(name)
    with translation.override("fr"):
        assert Template("{% load links %}{% nav_url 'governance:tor' %}").render(Context()).startswith("/fr/")


def test_base_html_links_with_nav_url(client, db):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/tor/"' in html and 'href="/fr/deliverables/"' in html
    html = client.get("/").content.decode()
    assert 'href="/tor/"' in html
