"""Fixtures for ToR revisions and decisions: a small ToR in force, drafts and open ballots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from governance import services
from governance.models import Clause, Decision, ToRVersion
from tests.cast import installer, make_partner, make_person

SECTION_A = "A. Background Information"
SECTION_C = "C. Partners of the U4SSC and their responsibilities"

# (section, kind, number, letter, text)
TOR_V1 = [
    (
        SECTION_A,
        "clause",
        "1",
        "",
        "The ITU and UNECE have developed a definition of a smart sustainable city.",
    ),
    (SECTION_A, "clause", "2", "", "The U4SSC Initiative was launched on 18 May 2016."),
    (SECTION_A, "clause", "3", "", "The U4SSC meetings are open to all interested participants."),
    (
        SECTION_A,
        "clause",
        "4",
        "",
        "U4SSC Terms of References are proposed by the Secretariat and approved by the Partners.",
    ),
    (SECTION_A, "clause", "5", "", "The U4SSC workplan is:"),
    (SECTION_A, "subclause", "5", "a", "Compiled by the secretariat based on inputs by the Partners;"),
    (SECTION_A, "subclause", "5", "b", "Further reviewed by the Management Team;"),
    (SECTION_A, "subclause", "5", "c", "Agreed to by the Partners at the Annual Meeting."),
    (SECTION_C, "clause", "6", "", "The U4SSC Partners form the U4SSC Partners Board."),
    (SECTION_C, "clause", "7", "", "Individual Partners are encouraged to support the secretariat."),
    ("Notes", "footnote", "fn1", "", "Responsibilities of the Secretariat are defined in Section G."),
]


def make_tor_version(
    number: int = 1, *, clauses=TOR_V1, status=ToRVersion.Status.IN_FORCE, **extra
) -> ToRVersion:
    """A ToR version made directly (the text loader is the foundation's; these tests need a small one)."""
    version = ToRVersion.objects.create(
        number=number,
        status=status,
        adopted_on=extra.pop(
            "adopted_on", dt.date(2023, 5, 10) if status == ToRVersion.Status.IN_FORCE else None
        ),
        adopted_note=extra.pop("adopted_note", "Adopted at the annual meeting of 2023"),
        **extra,
    )
    for i, (section, kind, num, letter, text) in enumerate(clauses, start=1):
        Clause.objects.create(
            tor_version=version,
            position=i,
            section=section,
            kind=kind,
            number=num,
            letter=letter,
            key=f"{num}{letter}",
            text=text,
        )
    return version


@pytest.fixture
def tor_v1(db) -> ToRVersion:
    return make_tor_version()


@pytest.fixture
def draft(cast, tor_v1) -> ToRVersion:
    return services.tor_revision_create(by=cast.secretariat, summary="Clarify the workplan.")


def in_days(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def open_other(
    cast, *, rule=Decision.Rule.SIMPLE_MAJORITY, deadline=None, question="Shall the Board meet in Geneva?"
):
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question=question,
        rule=rule,
        deadline=deadline or in_days(7),
    )


@pytest.fixture
def decision(cast) -> Decision:
    return open_other(cast)


def make_board(partners: int, focal_points: int, *, prefix: str = "P") -> list[tuple]:
    """`partners` Partners with `focal_points` focal points each: [(partner, [people…]), …]."""
    board = []
    for i in range(partners):
        partner = make_partner(f"{prefix}{i:02d}")
        people = []
        for j in range(focal_points):
            person = make_person(f"{prefix.lower()}{i:02d}_fp{j}")
            services.focal_point_add(partner=partner, person=person, by=installer())
            people.append(person)
        board.append((partner, people))
    return board


def close_at_deadline(decision: Decision) -> Decision:
    decision.refresh_from_db()
    return services.decision_close(by=None, decision=decision, now=decision.deadline)
