"""The language links of a page: `{% language_alternates as alternates %}` gives, for a page that
exists in every language (under i18n_patterns), one (code, absolute URL) per language, for the
`hreflang` links in <head>; `{% language_choices as choices %}` gives each language named in itself
for the switcher."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url

from kernel.i18n import has_language_prefix, own_names

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return []
    if request.method not in ("GET", "HEAD"):
        return []
    path = request.get_full_path()
    from django.utils import translation

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
def language_choices() -> list[tuple[str, str]]:
    return own_names()
