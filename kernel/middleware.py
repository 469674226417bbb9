"""The anonymous page cache: whole responses of public pages, served without a view or a query.

Last in MIDDLEWARE, so every response it serves still passes through the security, CSP,
session, CSRF and clickjacking middleware above it (HSTS, nosniff, CSP, X-Frame-Options are
added to a cached page as to a fresh one). Keys and invalidation: kernel.cache.

Only what is the same for every anonymous visitor is kept:
- the request: GET or HEAD, no cookie but the CSRF one (no session, no messages), no
  Authorization header, not under an excluded prefix (admin, accounts, health);
- the response: 200, not streamed, no cookie set, no CSRF token used (a form for anonymous
  visitors, such as meeting registration, makes the page uncached), nothing written to the
  session, no message added, no signed-in user, not private/no-store/no-cache, an HTML,
  JSON, Atom or calendar body, varying on nothing but the headers in the key.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_vary_headers

from kernel import cache as page_cache

log = logging.getLogger(__name__)

CACHEABLE_TYPES = frozenset(
    {"text/html", "application/json", "application/atom+xml", "application/xml", "text/calendar"}
)
# Headers the key includes, so a response may vary on them (DRF varies on Accept).
KEYED_HEADERS = ("HTTP_ACCEPT", "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT_LANGUAGE")
VARY_OK = frozenset({"accept", "accept-encoding", "accept-language", "cookie"})
HIT_HEADER = "X-U4SSC-Cache"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        try:
            entry = cache.get(key)
        except Exception:
            log.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            patch_vary_headers(response, ["Cookie"])  # as the session middleware says of a fresh page
            response.headers[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            headers = [(n, v) for n, v in response.headers.items() if n.lower() != "set-cookie"]
            try:
                cache.set(
                    key, (response.status_code, headers, response.content), settings.U4SSC_PAGE_CACHE_SECONDS
                )
            except Exception:
                log.warning("Page cache unavailable", exc_info=True)
        return response

    @staticmethod
    def _key(request) -> str | None:
        if not page_cache.enabled() or settings.U4SSC_PAGE_CACHE_SECONDS <= 0:
            return None
        if request.method not in ("GET", "HEAD"):
            return None
        if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
            return None  # a session, messages or any other cookie: this visitor may see more
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        if request.path.startswith(tuple(settings.U4SSC_PAGE_CACHE_EXCLUDE)):
            return None
        try:
            url = request.build_absolute_uri()
        except DisallowedHost:
            return None
        variant = "|".join(request.META.get(name, "") for name in KEYED_HEADERS)
        try:
            return page_cache.page_key(request.method, url, variant)
        except Exception:
            log.warning("Page cache unavailable", exc_info=True)
            return None

    @staticmethod
    def _cacheable_response(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds a CSRF token (a form): it is the visitor's own
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False  # (reading it is fine: without a session cookie it is empty)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and getattr(messages, "added_new", False):
            return False
        cache_control = {
            part.split("=", 1)[0].strip().lower()
            for part in cc_delim_re.split(response.headers.get("Cache-Control", ""))
        }
        if cache_control & {"private", "no-store", "no-cache"}:
            return False
        vary = {part.strip().lower() for part in cc_delim_re.split(response.headers.get("Vary", "")) if part}
        if not vary <= VARY_OK:
            return False
        content_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        return content_type in CACHEABLE_TYPES
