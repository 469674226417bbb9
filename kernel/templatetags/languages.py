"""The language links of a page: `{% language_alternates as alternates %}` gives, for a page that
exists in every language (under i18n_patterns), one (code, absolute URL) per language, for the
`hreflang` links in <head>; `{% language_choices as choices %}` gives each language named in itself
for the switcher."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
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
    links = [(code, request.build_absolute_uri(translate_url(path, code))) for code, _ in settings.LANGUAGES]
    links.append(("x-default", request.build_absolute_uri(translate_url(path, settings.LANGUAGE_CODE))))
    return links


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
