"""Redis down: the portal keeps serving reads and accepting votes, and catches up when it is back.

A private redis-server (its own port, a snapshot file in a temporary directory) is the cache, the
session cache (cached_db), the rate-limit counters and the page, Principal and fragment caches,
as in production. The test votes and reads, stops the server mid-way, goes on voting and reading,
starts it again from its snapshot (so the values cached before the outage are back, as after a
restart with persistence or a network cut) and checks that nothing written during the outage is
shadowed by them: no stale page, and the shared counters count again."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess

import pytest
import redis
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Ballot, Decision
from kernel import cache as shared_cache
from tests.reminders.harness import free_port, wait_for
from tests.services import skip_or_fail

pytestmark = pytest.mark.django_db


class SnapshotRedis:
    """A private redis-server that can be stopped and started again from its last snapshot."""

    def __init__(self, directory):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_connect_timeout=0.5)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.directory), "--dbfilename", "snapshot.rdb"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=15, what=f"redis-server on port {self.port}")

    def answers(self) -> bool:
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        """Snapshot what is cached now, then stop the server (SIGKILL: no goodbye to clients)."""
        if self.process and self.process.poll() is None:
            self.client().save()
            self.process.kill()
            self.process.wait(timeout=15)


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        skip_or_fail("needs redis-server (apt-get install redis-server)")
    server = SnapshotRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_redis(private_redis, settings):
    """The production cache configuration, on the private server (settings changes reset Django's
    cache connections). A short retry interval so the test does not wait five seconds."""
    settings.CACHES = {
        "default": {
            "BACKEND": "kernel.redis_cache.RedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1, "RETRY_SECONDS": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.U4SSC_SHARED_CACHE = True
    settings.U4SSC_PAGE_CACHE_SECONDS = 60
    settings.U4SSC_RATE_LIMITS = {"vote": (3, 60), "comment": (10, 60)}
    shared_cache.reset()
    return private_redis


@pytest.fixture
def decision(cast):
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the annual meeting of next year be held online?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )


def _vote(client, decision, partner, choice):
    prefix = f"p{partner.pk}"
    return client.post(
        reverse("governance:decision_vote", args=[decision.pk]),
        {f"{prefix}-partner": partner.pk, f"{prefix}-choice": choice, f"{prefix}-comment": ""},
    )


def _current_vote(client, decision) -> str:
    response = client.get(decision.get_absolute_url())
    assert response.status_code == 200
    return re.search(r'id="current-vote-wmo">([^<]+)<', response.content.decode()).group(1)


def _ratelimit_keys(server) -> list[bytes]:
    return server.client().keys("*u4ssc:ratelimit:vote*")


def _wait_for_retry():
    import time

    time.sleep(0.25)  # RETRY_SECONDS: the next call asks Redis again


@pytest.mark.redis
def test_votes_and_reads_go_on_while_redis_is_down_and_nothing_stale_is_served_after(
    on_redis, cast, decision, caplog
):
    server = on_redis
    voter = Client()
    voter.force_login(cast.focal_a)
    visitor = Client()
    deliverables = reverse("thematic_groups:deliverable_list")

    # Redis up: the vote counts in Redis, the ballot page's parts and the public page are cached.
    assert _vote(voter, decision, cast.partner_a, "yes").status_code == 302
    assert _current_vote(voter, decision) == "Yes"
    assert _ratelimit_keys(server)
    assert visitor.get(deliverables).status_code == 200
    assert visitor.get(deliverables)["X-U4SSC-Cache"] == "hit"

    # Redis stops mid-vote (its snapshot keeps what was cached: the page parts saying "Yes").
    server.stop()
    with caplog.at_level(logging.WARNING, logger="kernel.redis_cache"):
        assert _vote(voter, decision, cast.partner_a, "no").status_code == 302
    assert Ballot.objects.get(decision=decision, partner=cast.partner_a).choice == "no"
    assert any("Redis cache unavailable" in r.getMessage() for r in caplog.records)
    # a generation that cannot move is journalled, not a warning per write (kernel.cache.bump)
    assert not any("Could not bump" in r.getMessage() for r in caplog.records)
    assert _current_vote(voter, decision) == "No"  # the signed-in session is read from the database
    page = visitor.get(deliverables)
    assert page.status_code == 200 and "X-U4SSC-Cache" not in page
    assert b"/deliverables/published-x/" in page.content

    # The rate limit still holds, counted in this process: 3 votes a minute, then 429.
    assert _vote(voter, decision, cast.partner_a, "abstain").status_code == 302
    assert _vote(voter, decision, cast.partner_a, "no").status_code == 302
    refused = _vote(voter, decision, cast.partner_a, "yes")
    assert refused.status_code == 429
    assert Ballot.objects.get(decision=decision, partner=cast.partner_a).choice == "no"  # unchanged

    # Redis is back with its snapshot: the parts cached before the outage say "Yes" under the
    # generation of then; the bumps lost meanwhile must not let them be served.
    server.start()
    _wait_for_retry()
    with caplog.at_level(logging.WARNING, logger="kernel.redis_cache"):
        assert _current_vote(voter, decision) == "No"
    assert any("Redis cache is back" in r.getMessage() for r in caplog.records)
    assert _vote(voter, decision, cast.partner_a, "abstain").status_code == 302
    assert _current_vote(voter, decision) == "Abstain"

    # The shared counters and caches work again.
    assert _ratelimit_keys(server)
    assert visitor.get(deliverables).status_code == 200
    assert visitor.get(deliverables)["X-U4SSC-Cache"] == "hit"
    assert _current_vote(voter, decision) == "Abstain"


@pytest.mark.redis
def test_a_session_ended_while_redis_is_down_stays_ended_when_it_is_back(on_redis, cast):
    """cached_db sessions: sign-in and sign-out go to the database while Redis is down; the copy
    of the session cached before the outage must not sign the person in again afterwards."""
    from django.conf import settings

    client = Client()
    client.force_login(cast.focal_a)
    assert client.get(reverse("portal:dashboard")).status_code == 200  # the session is now cached
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    on_redis.stop()
    assert client.get(reverse("portal:dashboard")).status_code == 200  # read from the database
    assert client.post(reverse("account_logout")).status_code == 302
    on_redis.start()
    _wait_for_retry()

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = replay.get(reverse("portal:dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_with_nothing_listening_the_cache_answers_like_an_empty_one(caplog):
    """The degraded answers, on a port where no Redis listens (no server needed)."""
    from kernel.redis_cache import CacheUnavailable, RedisCache
    from tests.reminders.harness import free_port

    cache = RedisCache(f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"RETRY_SECONDS": 60}})
    with caplog.at_level(logging.WARNING, logger="kernel.redis_cache"):
        assert cache.get("page", "missing") == "missing"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("a") is False
        cache.set("a", 1)
        cache.set_many({"a": 1, "b": 2})
        cache.delete("a")
        assert cache.add("lock", 1) is True  # a lock nobody else can see
        with pytest.raises(CacheUnavailable):
            cache.incr("counter")
        with pytest.raises(ValueError):  # code written for Django's cache treats it as missing
            cache.incr("counter")
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "Redis cache unavailable" in warnings[0]  # once, not per call


def test_while_the_cache_is_down_rate_limits_count_in_the_process(rf, settings, cast):
    from kernel.ratelimit import rate_limit_hit
    from tests.reminders.harness import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "kernel.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"RETRY_SECONDS": 60},
        }
    }
    settings.U4SSC_RATE_LIMITS = {"vote": (2, 60)}
    request = rf.post("/")
    request.user = cast.focal_a
    assert [rate_limit_hit("vote", request, now=1000.0) for _ in range(3)][:2] == [None, None]
    assert rate_limit_hit("vote", request, now=1001.0) is not None  # over the limit
    request.user = cast.focal_b
    assert rate_limit_hit("vote", request, now=1001.0) is None  # per person
    request.user = cast.focal_a
    assert rate_limit_hit("vote", request, now=1061.0) is None  # the next window


@pytest.mark.redis
def test_past_the_journal_bound_every_key_of_the_cache_is_dropped_but_not_the_brokers(
    private_redis, monkeypatch
):
    from kernel import redis_cache

    monkeypatch.setattr(redis_cache, "MAX_JOURNAL", 3)
    cache = redis_cache.RedisCache(private_redis.url, {"OPTIONS": {"RETRY_SECONDS": 0.1}})
    raw = private_redis.client()
    cache.set("kept-before", "old")
    raw.set("celery-queue-key", "a task")  # the broker's keys share the database
    private_redis.stop()
    for i in range(5):
        cache.set(f"written-during-{i}", i)  # skipped, and more than the journal holds
    private_redis.start()
    _wait_for_retry()
    assert cache.get("kept-before") is None  # dropped: it might shadow a write of the outage
    assert private_redis.client().get("celery-queue-key") == b"a task"
    cache.set("after", 1)
    assert cache.get("after") == 1
