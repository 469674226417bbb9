"""Django's Redis cache, with one redis-py client per connection pool instead of one per call.

Django's RedisCacheClient wraps its pool in a new `redis.Redis` for every cache operation, and
building one fills a table of about 170 response callbacks: on the signed-in ballot page (then
five cache calls) that was a tenth of the time.
A `redis.Redis` is thread-safe and takes its connections from the pool, so one per pool does.
Django keeps a cache backend per thread; redis-py's pool resets itself after a fork."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
