"""kernel.queue.enqueue_on_commit: a task queued twice with the same arguments in one transaction
is sent once after the commit; other arguments, or a first queuing undone by a savepoint's
rollback, still send."""

from __future__ import annotations

import pytest
from django.db import transaction

from kernel.queue import enqueue_on_commit

pytestmark = pytest.mark.django_db


class Task:
    """Records what would have gone to the broker (the broker itself is tested in
    tests/kernel/test_outbox_worker.py and tests/reminders/test_worker.py)."""

    def __init__(self, name: str):
        self.name, self.sent = name, []

    def apply_async(self, *, args, kwargs, retry):
        self.sent.append((args, kwargs))


def test_the_same_task_and_arguments_queued_twice_in_a_transaction_are_sent_once(
    django_capture_on_commit_callbacks,
):
    scores, edition = Task("kpis.scores_recompute"), Task("index.compute_edition")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _ in range(3):
            enqueue_on_commit(scores, [7])
        enqueue_on_commit(scores, [8])
        enqueue_on_commit(scores, [7], chunk=2)
        enqueue_on_commit(edition, [7])
    assert scores.sent == [(([7],), {}), (([8],), {}), (([7],), {"chunk": 2})]
    assert edition.sent == [(([7],), {})]


def test_a_queuing_rolled_back_with_its_savepoint_does_not_hide_a_later_one(
    django_capture_on_commit_callbacks,
):
    scores = Task("kpis.scores_recompute")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                enqueue_on_commit(scores, [7])
                raise RuntimeError("the savepoint is rolled back")
        except RuntimeError:
            pass
        enqueue_on_commit(scores, [7])
    assert scores.sent == [(([7],), {})]


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    scores = Task("kpis.scores_recompute")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(scores, [7])
        transaction.set_rollback(True)
    assert scores.sent == []


def test_once_sent_the_same_task_queued_again_is_sent_again(django_capture_on_commit_callbacks):
    """Callbacks run early inside a test's transaction stay in Django's list; they hide nothing."""
    scores = Task("kpis.scores_recompute")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            enqueue_on_commit(scores, [7])
    assert scores.sent == [(([7],), {}), (([7],), {})]


def test_a_queuing_whose_callback_never_ran_does_not_hide_a_later_one(django_capture_on_commit_callbacks):
    """A test that lets a first queuing wait (as if its task was lost) and runs a second one sees
    the second sent (what the outbox's "send now" does after failed attempts)."""
    scores = Task("kpis.scores_recompute")
    enqueue_on_commit(scores, [7])  # waits for a commit the test never makes
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(scores, [7])
    assert scores.sent == [(([7],), {})]
