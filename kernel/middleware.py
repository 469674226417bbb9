"""The page caches: whole responses of public pages, served without a view or a query, and of
signed-in pages for the session that read them (PrivatePageCacheMiddleware, at the end).

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

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import translation
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


def _view_of(request):
    """The view the request's path resolves to (None: none), before the view runs."""
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None)).func
    except Resolver404:
        return None


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
            return page_cache.page_key(request.method, url, variant, view=_view_of(request))
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


class PrivatePageCacheMiddleware:
    """Signed-in pages cached whole, for the session that read them (issue 17: the busy hour).

    The key is the session (its key and everything in it), the CSRF cookie (a form's token is
    made from it), the URL, the active language and the headers the anonymous key holds: no
    entry is ever served to another session, so never to another person. The entry holds the
    numbers of the generations the page depends on when the view started (kernel.cache.
    private_page_keys: the scopes it shows, the roles, the person's own, the private one) and
    counts only while every one is unchanged, so a write that changes what the page shows, a
    role, the person or their account drops it at once; and it expires after
    U4SSC_PRIVATE_PAGE_CACHE_SECONDS (pages show deadlines and today's date).

    Served from the cache only: a plain GET of a signed-in session with no message waiting (no
    cookie but the session, CSRF and language ones; no message in the session), no
    Authorization header, not under an excluded prefix. Stored only: a 200 HTML page that set no
    cookie (a CSRF cookie renewed with the secret it came with is fine: a hit renews it the same
    way), wrote nothing to the session, added no message, is not no-store, varies on nothing but
    the keyed headers, rendered for the session's own person by a view that was resolved.
    Everything above it in MIDDLEWARE (the person's session checked, the second factor, axes)
    runs before a hit, as for a fresh page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        user_id = request.user.pk
        try:
            candidates = page_cache.private_page_candidates(user_id)
            found = cache.get_many([key, *candidates])
        except Exception:
            log.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and all(found.get(k) == number for k, number in entry["stamp"]):
            response = HttpResponse(entry["content"], status=entry["status"])
            for name, value in entry["headers"]:
                response.headers[name] = value
            if entry["csrf"]:
                get_token(request)  # the CSRF cookie renewed as a fresh page renews it
            response.headers[HIT_HEADER] = "hit"
            return response
        request._u4ssc_private_key = key
        response = self.get_response(request)
        stamp = getattr(request, "_u4ssc_private_stamp", None)
        if stamp is not None and self._cacheable_response(request, response, user_id):
            headers = [(n, v) for n, v in response.headers.items() if n.lower() != "set-cookie"]
            entry = {
                "stamp": stamp,
                "status": response.status_code,
                "headers": headers,
                "content": response.content,
                "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
            }
            try:
                cache.set(key, entry, settings.U4SSC_PRIVATE_PAGE_CACHE_SECONDS)
            except Exception:
                log.warning("Page cache unavailable", exc_info=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before the view reads anything: the numbers of the generations its page depends on
        (a write committed while it renders moves one, so the page is not kept)."""
        if getattr(request, "_u4ssc_private_key", None) is None:
            return None
        try:
            keys = page_cache.private_page_keys(
                page_cache.view_scopes(view_func, request.path_info), request.user.pk
            )
            request._u4ssc_private_stamp = tuple(zip(keys, page_cache.generations(*keys), strict=True))
        except Exception:
            log.warning("Page cache unavailable", exc_info=True)
        return None

    @staticmethod
    def _key(request) -> str | None:
        if not page_cache.enabled() or settings.U4SSC_PRIVATE_PAGE_CACHE_SECONDS <= 0:
            return None
        if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
            return None
        allowed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
        cookies = {name for name, value in request.COOKIES.items() if value}  # (not a deleted one)
        if settings.SESSION_COOKIE_NAME not in cookies or not cookies <= allowed:
            return None  # messages waiting in their cookie, or a cookie this page may read
        if request.path.startswith(tuple(settings.U4SSC_PAGE_CACHE_EXCLUDE)):
            return None
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated or session.session_key is None:
            return None
        if "_messages" in session:  # messages waiting in the session: this visit shows them
            return None
        try:
            url = request.build_absolute_uri()
        except DisallowedHost:
            return None
        variant = "|".join(request.META.get(name, "") for name in KEYED_HEADERS)
        language = translation.get_language() or ""
        data = repr(sorted(session.items()))
        raw = "|".join(
            [
                session.session_key,
                data,
                request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
                str(user.pk),
                url,
                language,
                variant,
            ]
        )
        return f"u4ssc:private:{language}:{hashlib.sha256(raw.encode()).hexdigest()}"

    @staticmethod
    def _cacheable_response(request, response, user_id) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and request.META.get(
            "CSRF_COOKIE"
        ) != request.COOKIES.get(settings.CSRF_COOKIE_NAME):
            return False  # a new CSRF secret: the page's token is not the cookie's
        session = getattr(request, "session", None)
        if session is None or session.modified:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.pk != user_id:
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and getattr(messages, "added_new", False):
            return False
        cache_control = {
            part.split("=", 1)[0].strip().lower()
            for part in cc_delim_re.split(response.headers.get("Cache-Control", ""))
        }
        if cache_control & {"no-store", "no-cache"}:
            return False
        vary = {part.strip().lower() for part in cc_delim_re.split(response.headers.get("Vary", "")) if part}
        if not vary <= VARY_OK:
            return False
        content_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        return content_type == "text/html"
