"""Two identical Hub requests at the same instant, with real threads on PostgreSQL: one is saved,
the other is refused with the same clear message (the partial unique index decides)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from governance.models import Hub
from governance.services import RequestRefused
from tests.requests.conftest import ask_hub

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_identical_hub_requests_at_once_save_one(cast):
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def request(person, partner):
        def run():
            try:
                barrier.wait()
                outcomes.append(ask_hub(person, partner))
            except RequestRefused as exc:
                outcomes.append(exc)
            finally:
                connection.close()

        return run

    threads = [
        threading.Thread(target=request(cast.participant, cast.partner_a)),
        threading.Thread(target=request(cast.leader_x, cast.partner_b)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Hub.objects.filter(status=Hub.Status.REQUESTED).count() == 1
    refusals = [o for o in outcomes if isinstance(o, RequestRefused)]
    assert len(outcomes) == 2 and len(refusals) == 1
    assert "already waiting" in refusals[0].message
