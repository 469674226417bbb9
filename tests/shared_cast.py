"""The standard cast (tests/cast.py) built once for a run of tests instead of once for each.

`build_cast` goes through the services (263 statements, ~0.12 s) and about two thirds of the
suite's tests ask for it. Django's own `TestCase.setUpTestData` answers this: the data is written
in an outer transaction that is never committed, each test runs in a savepoint inside it and is
rolled back to it, and each test gets its own copies of the objects. Here the outer transaction
spans consecutive tests that ask for the cast:

- before a test that can share it (`before`), the cast is built in an outer transaction if none is
  open (pytest-django's transaction for the test then becomes a savepoint inside it);
- the `cast` fixture hands that test a deep copy of the objects (`take`), so what a test changes in
  memory never reaches the next one, and what it writes is rolled back with its savepoint;
- after a test (`after`), the outer transaction is rolled back unless the next test shares it.

A test shares it only when nothing differs from building the cast in its own transaction: not a
`transaction=True`/live-server test (those commit), not under time-machine (the cast's dates come
from the day it is built), not in a module that commits the demo (tests/shared_demo.py). The
transaction is never committed, so the after-commit work of the cast's services never runs, as in
a test's own transaction. A cast built on another day is not handed out.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

# Fixtures that make a test commit, move the clock or commit module data under it.
_NOT_SHARED_WITH = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "time_machine",
    "demo_once",
    "_frozen_calendar",  # tests/reminders: every test travels to its own day
}


@dataclass
class _Outer:
    atomics: dict  # database alias -> the open transaction.Atomic
    cast: object
    built_on: object  # the day it was built


_state: dict = {"outer": None, "database_ready": False}


def shares(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if "cast" not in names or names & _NOT_SHARED_WITH:
        return False
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return False
    return not item.get_closest_marker("time_machine")


def _open() -> None:
    from tests.cast import build_cast

    atomics = {}
    for alias in settings.DATABASES:
        atomics[alias] = transaction.atomic(using=alias)
        # As Django's TestCase marks its own: the code that asks "am I inside a transaction of the
        # portal's?" (kernel/cache.py, durable atomics) looks through it, as through the test's.
        atomics[alias]._from_testcase = True
        atomics[alias].__enter__()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            cast = build_cast()
    except BaseException:
        _rollback(atomics)
        raise
    _state["outer"] = _Outer(atomics=atomics, cast=cast, built_on=timezone.localdate())


def _rollback(atomics: dict) -> None:
    for alias, atomic in reversed(atomics.items()):
        transaction.set_rollback(True, using=alias)
        atomic.__exit__(None, None, None)


def close() -> None:
    outer, _state["outer"] = _state["outer"], None
    if outer is not None:
        _rollback(outer.atomics)


def _blocker(item):
    from pytest_django.plugin import blocking_manager_key

    return item.config.stash[blocking_manager_key]


def before(item) -> None:
    """Before the test's fixtures: open the shared cast for it, or make sure none is open."""
    outer = _state["outer"]
    if outer is not None and (not shares(item) or outer.built_on != timezone.localdate()):
        with _blocker(item).unblock():
            close()
    if _state["outer"] is None and shares(item) and _state["database_ready"]:
        with _blocker(item).unblock():
            _open()


def after(item, nextitem) -> None:
    """After the test's fixtures are torn down: keep the cast only for a next test that shares it."""
    if _state["outer"] is not None and (nextitem is None or not shares(nextitem)):
        with _blocker(item).unblock():
            close()


def take():
    """The shared cast, copied for one test, when the test runs inside it."""
    outer = _state["outer"]
    if outer is None:
        return None
    if outer.built_on != timezone.localdate():  # the clock moved between `before` and the fixture
        pytest.fail(
            "the shared cast was built on another day than this test's (does a fixture move the "
            "clock? list it in tests/shared_cast.py _NOT_SHARED_WITH)"
        )
    return copy.deepcopy(outer.cast)


def built(cast):
    """A cast built by the test itself: the test database exists from now on."""
    _state["database_ready"] = True
    return cast


def build_own():
    """The cast built by a test that does not share one. In a test that commits (`transaction=True`,
    a live server) it is built in one transaction whose after-commit work is dropped, as a shared
    cast's is (never committed) and a test's own transaction's is (rolled back): the notices its
    services queue stay in the outbox, unsent, whichever way a test gets its cast. (Their eager
    delivery cost ~0.15 s a browser test: tests/browser/test_journeys.py 45.2 -> 43.9 s.)"""
    from django.db import connection

    from tests.cast import build_cast

    if connection.in_atomic_block:  # the test's own transaction: rolled back with it
        return build_cast()
    with transaction.atomic():
        cast = build_cast()
        connection.run_on_commit = []
    return cast
