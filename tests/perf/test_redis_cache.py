"""kernel.redis_cache: Django's Redis cache with one redis-py client per pool, on a real Redis."""

from __future__ import annotations

import threading

import pytest

from kernel.redis_cache import RedisCache
from tests.reminders.harness import redis_db_url

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    backend = RedisCache(redis_db_url(8), {"KEY_PREFIX": "redis-cache-test"})
    backend.clear()
    yield backend
    backend.clear()


@pytest.fixture
def sent(redis_cache, monkeypatch):
    """The commands sent to Redis from now on (a spy on the real client)."""
    client = redis_cache._cache.get_client(write=True)
    commands = []
    real = client.execute_command

    def counting(*args, **options):
        commands.append(args[0])
        return real(*args, **options)

    monkeypatch.setattr(client, "execute_command", counting)
    return commands


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client("some-key") is client
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool, one client


def test_the_cache_api_works_through_the_shared_client(redis_cache):
    assert redis_cache.get("missing") is None
    redis_cache.set("principal", {"roles": ["partner"], "ids": frozenset({1, 2})}, timeout=60)
    assert redis_cache.get("principal") == {"roles": ["partner"], "ids": frozenset({1, 2})}
    assert redis_cache.add("generation", 10, timeout=None)
    assert not redis_cache.add("generation", 99, timeout=None)
    assert redis_cache.incr("generation") == 11
    redis_cache.set_many({"a": "<p>fragment</p>", "b": 2}, timeout=60)
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": "<p>fragment</p>", "b": 2}
    redis_cache.delete_many(["a", "b"])
    assert redis_cache.get_many(["a", "b"]) == {}


def test_threads_share_the_client_without_losing_a_write(redis_cache):
    redis_cache.set("counter", 0, timeout=None)

    def bump():
        for _ in range(200):
            redis_cache.incr("counter")

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert redis_cache.get("counter") == 1600


def test_incr_is_one_round_trip_and_never_starts_a_missing_key(redis_cache, sent):
    """Issue 17: every write bumps generations and every vote counts its rate with `incr`;
    Django's asks EXISTS, then INCRBY. Ours is one script, with the same answer for a missing key."""
    redis_cache.set("generation", 40, timeout=None)
    assert redis_cache.incr("generation") == 41  # loads the script into a fresh server
    sent.clear()
    assert redis_cache.incr("generation") == 42
    assert redis_cache.incr("generation", 8) == 50
    assert sent == ["EVALSHA", "EVALSHA"]
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("never-started")
    assert redis_cache.get("never-started") is None
    assert not redis_cache._cache.get_client().exists(redis_cache.make_and_validate_key("never-started"))


def test_several_keys_are_incremented_in_one_round_trip(redis_cache, sent):
    """kernel.cache.bump: a vote moves the ballots generation and its ballot's own together."""
    redis_cache.set_many({"ballots": 10, "ballot:1:2": 70}, timeout=None)
    assert redis_cache.incr_existing_many(["ballots", "ballot:1:2"]) == []  # loads the script
    sent.clear()
    assert redis_cache.incr_existing_many(["ballots", "never-started", "ballot:1:2"], 5) == ["never-started"]
    assert sent == ["EVALSHA"]
    assert redis_cache.get_many(["ballots", "ballot:1:2", "never-started"]) == {
        "ballots": 16,
        "ballot:1:2": 76,
    }
    assert redis_cache.incr_existing_many([]) == []


def test_bump_moves_every_key_and_starts_the_missing_ones(settings):
    from django.core.cache import cache

    from kernel import cache as shared_cache

    keys = ("u4ssc:gen:test:a", "u4ssc:gen:test:b")
    cache.delete_many(keys)
    cache.set(keys[0], 5, timeout=None)
    shared_cache.bump(*keys)
    assert cache.get(keys[0]) == 6 and cache.get(keys[1]) > 10**15  # started afresh (a time)
    shared_cache.bump(*keys)
    assert cache.get(keys[0]) == 7
    cache.delete_many(keys)
