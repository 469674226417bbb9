"""The language links of a page: `{% language_alternates as alternates %}` gives, for a page that
exists in every language (under i18n_patterns), one (code, absolute URL) per language, for the
`hreflang` links in <head>; `{% language_choices as choices %}` gives each language named in itself
for the switcher."""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kernel.i18n import has_language_prefix, own_names
from kernel.pdf import font_family

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return []
    if request.method not in ("GET", "HEAD"):
        return []
    path = request.get_full_path()
    unprefixed = request.path_info
    current = translation.get_language_from_path(unprefixed)
    if current:
        unprefixed = unprefixed[len(current) + 1 :]
    if not has_language_prefix(unprefixed):
        return []  # the admin, the API, the account screens: one address, no alternates
    codes = (*(code for code, _ in settings.LANGUAGES), settings.LANGUAGE_CODE)
    translated = _translated(path, codes, translation.get_language(), get_urlconf(), get_script_prefix())
    links = [(code, request.build_absolute_uri(url)) for code, url in zip(codes, translated, strict=True)]
    links[-1] = ("x-default", links[-1][1])
    return links


@functools.lru_cache(maxsize=4096)
def _translated(path: str, codes: tuple[str, ...], active, urlconf, script_prefix) -> tuple[str, ...]:
    """The page's address in each language: resolved and reversed seven times for every page
    rendered (issue 17: ~1 ms of each), the same for a path as long as the URLs are: what
    `translate_url` depends on is in the key (the active language, which decides how the path
    resolves, the urlconf and the script prefix); the URL patterns do not change while a
    process runs."""
    return tuple(translate_url(path, code) for code in codes)


@register.simple_tag
def html_lang_dir() -> str:
    """`lang="ar" dir="rtl"` for the <html> of a page, an email or a PDF rendered without a
    request (render_to_string has no context processors): the active language."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return format_html('lang="{}" dir="{}"', code, "rtl" if translation.get_language_bidi() else "ltr")


@register.simple_tag
def pdf_font_family() -> str:
    """The font stack of PDFs (kernel.pdf.font_family) for the active language: Latin, Cyrillic,
    Arabic and Chinese."""
    return mark_safe(font_family(translation.get_language()))  # constants of ours, CSS quotes included


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    return own_names()
