"""Django's Redis cache, with one redis-py client per connection pool instead of one per call,
that keeps the portal serving while Redis is down.

One client per pool: Django's RedisCacheClient wraps its pool in a new `redis.Redis` for every
cache operation, and building one fills a table of about 170 response callbacks: on the
signed-in ballot page (then five cache calls) that was a tenth of the time. A `redis.Redis` is
thread-safe and takes its connections from the pool, so one per pool does. Django keeps a cache
backend per thread; redis-py's pool resets itself after a fork.

Redis down (a connection refused or timed out): every operation degrades to what an empty cache
would answer, and the process stops asking Redis for RETRY_SECONDS (OPTIONS, default 5) so that
a request does not wait on a dead server several times:
- a read is a miss (`get` → default, `get_many` → {}, `has_key` → False);
- a write is skipped (`set`, `set_many`, `delete`, `touch`); `add` answers True (a lock taken
  in a cache nobody shares); `incr` raises CacheUnavailable, a ValueError as for a missing key,
  so callers start afresh; kernel.ratelimit counts in the process instead;
- one warning when the outage starts, one a minute while it lasts, one when Redis is back.
Every key this process failed to write is remembered; when Redis answers again, those keys are
deleted before anything is read, so nothing written during the outage is shadowed by an older
value: a generation bump lost while Redis was down (kernel.cache) cannot let a page cached before
it be served, and a session ended or changed meanwhile (cached_db) is read again from the
database. Past MAX_JOURNAL keys, every key of this cache (its prefix, not the Celery broker's
keys in the same database) is deleted instead.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

DOWN = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 60
MAX_JOURNAL = 50_000


class CacheUnavailable(ValueError):
    """`incr` while Redis is down. A ValueError, like a missing key, so that code written for
    Django's cache starts the counter afresh; code that must count anyway catches this first."""


class _Outage:
    """What one process knows about one Redis server (shared by the backends of its threads)."""

    def __init__(self, retry_seconds: float):
        self.lock = threading.Lock()
        self.retry_seconds = retry_seconds
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.logged_at = 0.0
        self.recovering = False
        self.journal: set[str] = set()
        self.overflow = False
        self.failures = 0

    @property
    def down(self) -> bool:
        return self.down_since is not None


_OUTAGES: dict[tuple, _Outage] = {}
_OUTAGES_LOCK = threading.Lock()


def outage_for(servers, retry_seconds: float = 5) -> _Outage:
    key = tuple(servers)
    with _OUTAGES_LOCK:
        if key not in _OUTAGES:
            _OUTAGES[key] = _Outage(retry_seconds)
        return _OUTAGES[key]


# INCRBY of a key that exists; nil (None) for a missing one, which INCRBY alone would start at 0.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


# The same for several keys in one round trip: each key's new value, 0 for a missing one (a
# generation is never 0; a nil would end Lua's array). One Redis server (not a cluster: the keys
# of a script must share a slot there).
_INCR_EXISTING_MANY = """
local out = {}
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then out[i] = redis.call('INCRBY', key, ARGV[1]) else out[i] = 0 end
end
return out
"""


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, servers, *, retry_seconds: float = 5, key_prefix: str = ":", **options):
        super().__init__(servers, **options)
        self._clients = {}
        self._scripts = {}
        self._key_prefix = key_prefix
        self.outage = outage_for(servers, retry_seconds)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # The guard ---------------------------------------------------------------------------------

    def _usable(self) -> bool:
        """May this call ask Redis? Not while it is known down (until the retry time) nor while
        another thread deletes what was written during the outage. The first call after the retry
        time tries, catching up first."""
        outage = self.outage
        if not outage.down:
            return True
        with outage.lock:
            if not outage.down:
                return True
            if outage.recovering or time.monotonic() < outage.retry_at:
                return False
            outage.recovering = True
        try:
            self._catch_up()
        except DOWN as exc:
            with outage.lock:
                outage.recovering = False
                outage.retry_at = time.monotonic() + outage.retry_seconds
            self._log_still_down(exc)
            return False
        except BaseException:
            with outage.lock:
                outage.recovering = False
            raise
        return True

    def _catch_up(self) -> None:
        outage = self.outage
        client = self.get_client(None, write=True)
        client.ping()
        with outage.lock:
            keys, overflow = list(outage.journal), outage.overflow
        if overflow:
            deleted = 0
            for batch in _batches(client.scan_iter(match=f"{self._key_prefix}*", count=1000), 500):
                deleted += client.delete(*batch)
        else:
            for batch in _batches(keys, 500):
                client.delete(*batch)
        with outage.lock:
            outage.journal.difference_update(keys)
            outage.overflow = False
            was_down = time.monotonic() - (outage.down_since or time.monotonic())
            failures = outage.failures
            outage.down_since = None
            outage.recovering = False
            outage.failures = 0
        log.warning(
            "Redis cache is back after %.0f s (%d calls answered without it); %s written meanwhile dropped.",
            was_down,
            failures,
            "every key of the cache" if overflow else f"{len(keys)} key(s)",
        )

    def _failed(self, exc: BaseException | None, keys=()) -> None:
        outage = self.outage
        now = time.monotonic()
        with outage.lock:
            outage.failures += 1
            if keys and not outage.overflow:
                outage.journal.update(keys)
                if len(outage.journal) > MAX_JOURNAL:
                    outage.overflow = True
                    outage.journal.clear()
            if exc is None:
                return
            started = outage.down_since is None
            if started:
                outage.down_since = now
            outage.retry_at = now + outage.retry_seconds
        if started:
            log.warning(
                "Redis cache unavailable (%s): reads miss, writes are skipped, rate limits count per "
                "process; retrying every %s s.",
                exc,
                outage.retry_seconds,
            )
        else:
            self._log_still_down(exc)

    def _log_still_down(self, exc: BaseException) -> None:
        outage = self.outage
        now = time.monotonic()
        with outage.lock:
            if now - outage.logged_at < LOG_EVERY_SECONDS:
                return
            outage.logged_at = now
            since = now - (outage.down_since or now)
        log.warning("Redis cache still unavailable after %.0f s (%s).", since, exc)

    def _read(self, method, fallback, *args):
        if not self._usable():
            return fallback
        try:
            return method(*args)
        except DOWN as exc:
            self._failed(exc)
            return fallback

    def _write(self, method, fallback, keys, *args):
        if not self._usable():
            self._failed(None, keys)
            return fallback
        try:
            return method(*args)
        except DOWN as exc:
            self._failed(exc, keys)
            return fallback

    # Django's client API, guarded ----------------------------------------------------------------

    def get(self, key, default):
        return self._read(super().get, default, key, default)

    def get_many(self, keys):
        keys = list(keys)
        return self._read(super().get_many, {}, keys)

    def has_key(self, key):
        return self._read(super().has_key, False, key)

    def add(self, key, value, timeout):
        return self._write(super().add, True, [key], key, value, timeout)

    def set(self, key, value, timeout):
        return self._write(super().set, None, [key], key, value, timeout)

    def set_many(self, data, timeout):
        return self._write(super().set_many, None, list(data), data, timeout)

    def touch(self, key, timeout):
        return self._write(super().touch, False, [key], key, timeout)

    def delete(self, key):
        return self._write(super().delete, False, [key], key)

    def delete_many(self, keys):
        keys = list(keys)
        return self._write(super().delete_many, None, keys, keys)

    def incr(self, key, delta):
        missing = object()
        result = self._write(self._incr_existing, missing, [key], key, delta)
        if result is missing:
            raise CacheUnavailable(f"The cache is unavailable: {key} was not incremented.")
        return result

    def _incr_existing(self, key, delta):
        """Django's incr (a missing key is a ValueError, never started at 0) in one round trip
        instead of two (EXISTS, then INCRBY): every write bumps generations with it, and every
        rate-limited request counts with it (issue 17: a vote made three bumps and a count)."""
        client = self.get_client(key, write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(_INCR_EXISTING)
        result = script(keys=[key], args=[delta])
        if result is None:
            raise ValueError(f"Key '{key}' not found.")
        return result

    def incr_existing_many(self, keys, delta) -> list[bool]:
        """Whether each key existed (and was incremented), in one round trip (kernel.cache.bump:
        a vote moves the ballots generation and its ballot's own at once)."""
        missing = object()
        result = self._write(self._incr_existing_many, missing, list(keys), list(keys), delta)
        if result is missing:
            raise CacheUnavailable(f"The cache is unavailable: {', '.join(keys)} not incremented.")
        return result

    def _incr_existing_many(self, keys, delta):
        client = self.get_client(keys[0], write=True)
        script = self._scripts.get(("many", id(client)))
        if script is None:
            script = self._scripts[("many", id(client))] = client.register_script(_INCR_EXISTING_MANY)
        return [value != 0 for value in script(keys=keys, args=[delta])]

    def clear(self):
        return self._write(super().clear, False, ())


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = options.pop("RETRY_SECONDS", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = RedisCacheClient
        self._options = {
            **options,
            "retry_seconds": retry_seconds,
            "key_prefix": f"{self.key_prefix}:",  # make_key: prefix:version:key
        }

    def incr_existing_many(self, keys, delta=1, version=None) -> list[str]:
        """Increment the keys that exist, in one round trip; the keys that are missing (none is
        started: as `incr`, which raises for a missing key). CacheUnavailable if Redis is down."""
        keys = list(keys)
        if not keys:
            return []
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        found = self._cache.incr_existing_many(made, delta)
        return [key for key, existed in zip(keys, found, strict=True) if not existed]
