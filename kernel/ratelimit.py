"""Rate limits on the actions a person repeats: voting and commenting.

A fixed-window counter in the cache (Redis in production, so every web server shares
it): at most N requests per W seconds per person (or per address when signed out).

    @rate_limited("vote")          # on a view: the N+1th POST in the window gets a 429 page
    def ballot_vote(request, pk): ...

    rate_limit_hit("comment", request)   # in a view that needs to decide itself

The limits live in settings.U4SSC_RATE_LIMITS as {"scope": (requests, seconds)}.
A request over the limit reaches no service, so it changes nothing.

While the cache is unavailable (Redis down: kernel.redis_cache raises CacheUnavailable on incr),
each process counts in its own memory, so the limits still hold per process (a person spread
over N web servers may get N times the limit until Redis is back), and votes are still accepted.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from kernel.redis_cache import CacheUnavailable

log = logging.getLogger(__name__)

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "vote": (20, 60),
    "comment": (10, 60),
}


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


def limit_for(scope: str) -> Limit:
    configured = {**DEFAULT_LIMITS, **getattr(settings, "U4SSC_RATE_LIMITS", {})}
    try:
        requests, seconds = configured[scope]
    except KeyError as exc:
        raise ValueError(f"No rate limit is configured for {scope!r} (settings.U4SSC_RATE_LIMITS).") from exc
    return Limit(int(requests), int(seconds))


def client_ip(request) -> str | None:
    """The client's address. Behind settings.U4SSC_PROXY_COUNT trusted proxies (nginx in
    docker-compose) it is the entry the outermost proxy put in X-Forwarded-For; a client cannot
    forge it, since only entries added by the trusted proxies are read. Also django-axes' source
    (AXES_CLIENT_IP_CALLABLE), so a lockout is per client and not per proxy."""
    proxies = getattr(settings, "U4SSC_PROXY_COUNT", 0)
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _who(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request) or 'unknown'}"


def rate_limit_hit(scope: str, request, *, now: float | None = None) -> int | None:
    """Count this request; return the seconds to wait when it is over the limit, else None."""
    limit = limit_for(scope)
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    key = f"u4ssc:ratelimit:{scope}:{_who(request)}:{window}"
    # add() starts the window's counter only if it is new; incr() is atomic on Redis.
    try:
        cache.add(key, 0, timeout=limit.seconds + 1)
        try:
            count = cache.incr(key)
        except CacheUnavailable:
            raise
        except ValueError:  # the key expired between add() and incr()
            cache.add(key, 1, timeout=limit.seconds + 1)
            count = 1
    except CacheUnavailable:
        count = _local.incr(key, expires=now + limit.seconds + 1, now=now)
    if count > limit.requests:
        return max(1, int((window + 1) * limit.seconds - now))
    return None


class _LocalCounters:
    """Fixed-window counters in this process's memory, for while the shared cache is down."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, float]] = {}
        self._logged_at = 0.0

    def incr(self, key: str, *, expires: float, now: float) -> int:
        with self._lock:
            if len(self._counts) > 10_000 or now - self._logged_at > 60:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            if now - self._logged_at > 60:
                self._logged_at = now
                log.warning("Rate limits are counted in this process only: the cache is unavailable.")
            count, until = self._counts.get(key, (0, expires))
            if until <= now:
                count, until = 0, expires
            self._counts[key] = (count + 1, until)
            return count + 1


_local = _LocalCounters()


def too_many_requests(request, scope: str, retry_after: int):
    limit = limit_for(scope)
    response = render(
        request,
        "portal/rate_limited.html",
        {"scope": scope, "limit": limit, "retry_after": retry_after},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(scope: str, *, methods: tuple[str, ...] = ("POST",)):
    """View decorator: count the given methods against the scope's limit; over it, answer 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                retry_after = rate_limit_hit(scope, request)
                if retry_after is not None:
                    return too_many_requests(request, scope, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
