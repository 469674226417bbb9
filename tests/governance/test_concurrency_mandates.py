"""Two appointments of the same person at the same instant, with real threads on PostgreSQL: the row
lock on the person serialises them, so the second sees the first and follows it (a renewal) or is
refused; two held mandates of one person in one role never share a day (issue 19)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from governance import services as gov
from governance.models import Mandate
from kernel.lifecycle import DomainError
from tests.cast import build_cast, make_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(*targets) -> list[BaseException]:
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def wrap(target):
        def run():
            try:
                barrier.wait()
                target()
            except BaseException as exc:  # collected and asserted by the test
                errors.append(exc)
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def held_overlaps(person, role) -> int:
    held = list(
        Mandate.objects.filter(
            person=person, role=role, status__in=[Mandate.Status.ACTIVE, Mandate.Status.RENEWED]
        )
    )
    return sum(
        1 for a in held for b in held if a.pk < b.pk and a.starts_on < b.ends_on and b.starts_on < a.ends_on
    )


def test_two_elections_of_the_same_person_at_once_never_overlap():
    cast = build_cast()
    person = make_person("twice_elected")

    def elect():
        gov.mandate_record_election(
            by=cast.secretariat, meeting=cast.annual_meeting, role=Mandate.Role.VICE_CHAIR, person=person
        )

    assert at_once(elect, elect) == []
    first, second = Mandate.objects.filter(person=person).order_by("starts_on")
    assert second.starts_on == first.ends_on and second.renewal_of_id == first.pk
    assert held_overlaps(person, Mandate.Role.VICE_CHAIR) == 0


def test_two_proposals_of_the_same_leader_at_once_leave_one_waiting():
    cast = build_cast()
    person = make_person("twice_proposed")

    def propose():
        gov.mandate_propose_leader(by=cast.chair, person=person, thematic_group=cast.group_y)

    errors = at_once(propose, propose)
    assert len(errors) == 1 and isinstance(errors[0], DomainError)
    assert "already waiting for the Secretariat" in errors[0].message
    assert Mandate.objects.filter(person=person, status=Mandate.Status.PROPOSED).count() == 1
