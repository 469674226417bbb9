"""Which language a request is answered in (issue 13), and the helpers pages and emails share.

Public pages live under a language prefix (`/fr/tor/`, `/ar/tor/`); English has none (`/tor/`,
u4ssc/urls.py, `i18n_patterns(prefix_default_language=False)`). The language of a request:

- a prefixed URL: its language, whatever the browser or the cookie say (a shared link reads
  the same for everyone);
- an unprefixed public page (English): English, except on a GET from someone whose choice is
  another language (the language cookie set by the switcher or at sign-in, else the browser's
  Accept-Language on a first visit): they are sent to the same page under their prefix;
- what has no prefix by design (the admin, /api/, /accounts/, /healthz, the set_language view):
  the cookie, else Accept-Language, else English. Django's LocaleMiddleware would answer these
  in English only once `prefix_default_language=False` is used: that is why this subclass exists.

Signing in sets the cookie to the person's language (`people.signals`, through
`remember_language`), and so does saving it on the profile page.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import get_urlconf, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

PROBE_LANGUAGE = "fr"  # any language other than the default, to ask whether a path has a prefix
_REMEMBER = "_u4ssc_language_cookie"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# Each language named in itself, as the UN writes them (Django's own names are lower-case in French
# and Spanish and say "简体中文"); a language added to LANGUAGES without one here shows Django's.
OWN_NAMES = {
    "ar": "العربية",
    "zh-hans": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def own_names() -> list[tuple[str, str]]:
    """Each language named in itself (العربية, 中文, English, Français, Русский, Español), for
    the switcher and the profile's choices."""
    return [
        (code, OWN_NAMES.get(code) or translation.get_language_info(code)["name_local"])
        for code in language_codes()
    ]


# PostgreSQL's text-search configuration for each language (stemming, stop words); Chinese has none
# in PostgreSQL (no word segmentation) and is matched by the "simple" one.
SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
    "ar": "arabic",
    "zh-hans": "simple",
}


def search_config(language: str | None = None) -> str:
    """The text-search configuration of `language` (default: the active one)."""
    return SEARCH_CONFIGS.get(language or translation.get_language() or "", "simple")


def supported(code: str | None) -> str | None:
    """`code` if it is one of LANGUAGES (or a variant of one: "fr-CH", "zh-CN"), else None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def has_language_prefix(path_info: str, urlconf=None) -> bool:
    """Whether `path_info` (unprefixed) is a page that also exists under a language prefix."""
    return _has_language_prefix(path_info, urlconf or get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _has_language_prefix(path_info: str, urlconf) -> bool:
    """Asked by every request (LocaleMiddleware) and every page's language links: resolving a
    path through every URL pattern was ~1 ms of each request, a failed one (an unprefixed
    screen) the most (issue 17). The answer for a path is the same as long as the urlconf is,
    and the URL patterns do not change while a process runs; a bounded cache (any path may be
    asked) keyed by both."""
    with translation.override(PROBE_LANGUAGE):
        return bool(is_valid_path(f"/{PROBE_LANGUAGE}{path_info}", urlconf))


def remember_language(request, code: str | None, *, activate: bool = True) -> None:
    """Set (a code) or clear (None or "") the language cookie on this request's response, and
    (`activate`) answer the rest of the request in that language."""
    code = supported(code) or ""
    setattr(request, _REMEMBER, code)
    if code and activate:
        translation.activate(code)
        request.LANGUAGE_CODE = code


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        from_path = translation.get_language_from_path(request.path_info)
        if from_path:
            language = from_path
        else:
            chosen = translation.get_language_from_request(request, check_path=False)
            if has_language_prefix(request.path_info, urlconf):
                if request.method in ("GET", "HEAD") and chosen != settings.LANGUAGE_CODE:
                    redirect = self.response_redirect_class(self._prefixed(request, chosen))
                    patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                    return redirect
                language = settings.LANGUAGE_CODE
            else:
                language = chosen
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    @staticmethod
    def _prefixed(request, language: str) -> str:
        script_prefix = request.META.get("SCRIPT_NAME", "").rstrip("/") + "/"
        full_path = request.get_full_path()
        return full_path.replace(script_prefix, f"{script_prefix}{language}/", 1)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not translation.get_language_from_path(request.path_info):
            # An unprefixed page answers English or a redirect depending on the cookie too.
            patch_vary_headers(response, ("Cookie",))
        if hasattr(request, _REMEMBER):
            code = getattr(request, _REMEMBER)
            if code:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    code,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
            else:
                response.delete_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
        return response
