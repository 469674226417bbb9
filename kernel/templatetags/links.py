"""`{% nav_url "portal:home" %}`: `{% url %}` for an address without arguments, reversed once per
process for each language instead of at every render (issue 17: base.html's 21 links were about a
tenth of a signed-in page's first visit). What `reverse` depends on is in the key: the active
language (the i18n prefix), the urlconf and the script prefix; the URL patterns do not change
while a process runs."""

from __future__ import annotations

import functools

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

register = template.Library()


@register.simple_tag
def nav_url(name: str) -> str:
    return _reversed(name, translation.get_language(), get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=1024)
def _reversed(name: str, language, urlconf, script_prefix) -> str:
    return reverse(name)
