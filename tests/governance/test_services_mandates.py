"""Mandates come only from the body the ToR names, and never overlap (issues 16 and 19).

- Chair and Vice-Chairs: an adopted decision of the Partners Board, or the annual meeting's
  election recorded by the Secretariat (ToR 13a, 15); the IP Leader: the annual meeting (Annex I).
- Leaders: the Chair proposes, the Secretariat concurs or declines with a reason; the mandate starts
  on concurrence, for two years (ToR 19, 28); everyone concerned is told.
- A new term of someone who holds the role follows the current one (a renewal, ToR 28).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from governance import services as gov
from governance.models import Mandate, add_years
from governance.rulebook import RuleDenied, can, forget_principal
from kernel.lifecycle import DomainError
from kernel.reasons import said
from meetings.models import Meeting
from tests.cast import make_person


def elected_on(meeting) -> str:
    """The reason an election at `meeting` is recorded with, in English."""
    from django.utils import timezone
    from django.utils.formats import date_format

    return f"Elected at the meeting of {date_format(timezone.localtime(meeting.starts_at).date(), 'DATE_FORMAT')}"


pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def overlapping_pairs(person, role) -> list[tuple[int, int]]:
    """Pairs of held mandates of the person in the role that share a day."""
    held = list(
        Mandate.objects.filter(
            person=person, role=role, status__in=[Mandate.Status.ACTIVE, Mandate.Status.RENEWED]
        )
    )
    return [
        (a.pk, b.pk)
        for a in held
        for b in held
        if a.pk < b.pk
        and a.thematic_group_id == b.thematic_group_id
        and a.starts_on < b.ends_on
        and b.starts_on < a.ends_on
    ]


# The one door: where a mandate comes from ------------------------------------------------------


def test_a_mandate_from_nowhere_is_refused(cast):
    person = make_person("nobody_decided")
    with pytest.raises(DomainError, match="adopted decision of the Partners Board or from an election"):
        gov.mandate_appoint(by=cast.secretariat, role=Mandate.Role.CHAIR, person=person, starts_on=today())
    assert not Mandate.objects.filter(person=person).exists()


def test_an_election_is_recorded_only_by_the_secretariat(cast):
    person = make_person("elected")
    for who in (cast.chair, cast.focal_a, cast.participant):
        with pytest.raises(RuleDenied):
            gov.mandate_record_election(
                by=who, meeting=cast.annual_meeting, role=Mandate.Role.VICE_CHAIR, person=person
            )
    mandate = gov.mandate_record_election(
        by=cast.secretariat, meeting=cast.annual_meeting, role=Mandate.Role.VICE_CHAIR, person=person
    )
    assert mandate.status == Mandate.Status.ACTIVE and mandate.meeting == cast.annual_meeting
    assert mandate.starts_on == timezone.localtime(cast.annual_meeting.starts_at).date()
    assert mandate.decided_by == Mandate.DecidedBy.ANNUAL_MEETING
    assert said(mandate.history.first().history_change_reason) == elected_on(cast.annual_meeting)


def test_a_leader_is_not_elected_at_a_meeting_nor_anyone_at_an_e_meeting(cast):
    person = make_person("side_door")
    with pytest.raises(DomainError, match="The Chair appoints Leaders"):
        gov.mandate_record_election(
            by=cast.secretariat, meeting=cast.annual_meeting, role=Mandate.Role.LEADER, person=person
        )
    e_meeting = Meeting.objects.create(
        kind=Meeting.Kind.E_MEETING,
        title="A call",
        slug="a-call",
        starts_at=timezone.now(),
        thematic_group=cast.group_x,
    )
    with pytest.raises(DomainError, match="annual meeting"):
        gov.mandate_record_election(
            by=cast.secretariat, meeting=e_meeting, role=Mandate.Role.IP_LEADER, person=person
        )
    assert not Mandate.objects.filter(person=person).exists()


def test_a_decision_appoints_only_when_adopted_and_only_its_nominee(cast):
    from governance.models import Decision, Nomination

    nominee = make_person("nominee")
    nomination = Nomination.objects.create(
        role=Mandate.Role.VICE_CHAIR, nominee=nominee, nominated_by=cast.partner_a, proposed_by=cast.focal_a
    )
    decision = Decision.objects.create(
        kind=Decision.Kind.VICE_CHAIR_APPOINTMENT,
        question="Appoint?",
        status=Decision.Status.OPEN,
        nomination=nomination,
        created_by=cast.secretariat,
    )
    with pytest.raises(DomainError, match="only an adopted decision"):
        gov.mandate_appoint(by=None, role=Mandate.Role.VICE_CHAIR, person=nominee, decision=decision)
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.CLOSED, result=Decision.Result.ADOPTED
    )
    decision.refresh_from_db()
    with pytest.raises(DomainError, match="does not appoint"):
        gov.mandate_appoint(by=None, role=Mandate.Role.VICE_CHAIR, person=cast.participant, decision=decision)
    mandate = gov.mandate_appoint(by=None, role=Mandate.Role.VICE_CHAIR, person=nominee, decision=decision)
    assert (mandate.status, mandate.decided_by, mandate.decision) == (
        Mandate.Status.ACTIVE,
        Mandate.DecidedBy.ELECTRONIC,
        decision,
    )


def test_closing_a_ballot_needs_the_secretariat(cast):
    from governance.models import Decision

    decision = Decision.objects.create(
        kind=Decision.Kind.OTHER,
        question="Hold the meeting online?",
        status=Decision.Status.OPEN,
        deadline=timezone.now() - dt.timedelta(hours=1),
        created_by=cast.secretariat,
    )
    for who in (cast.chair, cast.focal_a):
        with pytest.raises(RuleDenied):
            gov.decision_close(by=who, decision=decision)
    closed = gov.decision_close(by=cast.secretariat, decision=decision)
    assert closed.status == Decision.Status.CLOSED


# Renewals never overlap ------------------------------------------------------------------------------


def test_re_electing_the_chair_renews_the_current_mandate_instead_of_overlapping(cast):
    current = cast.chair_mandate
    renewal = gov.mandate_record_election(
        by=cast.secretariat,
        meeting=cast.annual_meeting,
        role=Mandate.Role.CHAIR,
        person=cast.chair,
        starts_on=today(),
    )
    current.refresh_from_db()
    assert renewal.starts_on == current.ends_on and renewal.renewal_of == current
    assert renewal.ends_on == add_years(current.ends_on, 2)
    assert current.status == Mandate.Status.RENEWED
    assert overlapping_pairs(cast.chair, Mandate.Role.CHAIR) == []
    assert can(cast.chair, "meeting.frame_agenda", on=current.ends_on)


def test_proposing_the_current_leader_warns_and_a_renewal_follows_the_current_term(cast):
    current = Mandate.objects.get(person=cast.leader_x, role=Mandate.Role.LEADER)
    with pytest.raises(DomainError, match="already leads City Platforms until") as refused:
        gov.mandate_propose_leader(by=cast.chair, person=cast.leader_x, thematic_group=cast.group_x)
    assert refused.value.field == "renew"
    proposal = gov.mandate_propose_leader(
        by=cast.chair, person=cast.leader_x, thematic_group=cast.group_x, renew=True
    )
    assert proposal.starts_on == current.ends_on
    with pytest.raises(DomainError, match="already waiting for the Secretariat"):
        gov.mandate_propose_leader(
            by=cast.chair, person=cast.leader_x, thematic_group=cast.group_x, renew=True
        )
    renewal = gov.mandate_concur(by=cast.secretariat, mandate=proposal)
    current.refresh_from_db()
    assert (renewal.starts_on, renewal.renewal_of, current.status) == (
        current.ends_on,
        current,
        Mandate.Status.RENEWED,
    )
    assert overlapping_pairs(cast.leader_x, Mandate.Role.LEADER) == []


def test_a_leader_of_another_group_may_be_proposed_for_this_one(cast):
    proposal = gov.mandate_propose_leader(by=cast.chair, person=cast.leader_x, thematic_group=cast.group_y)
    gov.mandate_concur(by=cast.secretariat, mandate=proposal)
    forget_principal(cast.leader_x)
    assert can(cast.leader_x, "deliverable.propose", cast.group_y)
    assert can(cast.leader_x, "deliverable.propose", cast.group_x)


# The Chair proposes, the Secretariat concurs or declines (ToR 19) ------------------------------------


def test_the_mandate_starts_on_concurrence_for_two_years_and_everyone_is_told(
    cast, django_capture_on_commit_callbacks
):
    newcomer = make_person("newcomer")
    proposed_on = today() - dt.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = gov.mandate_propose_leader(
            by=cast.chair, person=newcomer, thematic_group=cast.group_y, starts_on=proposed_on, on=proposed_on
        )
    assert proposal.status == Mandate.Status.PROPOSED and not can(
        newcomer, "deliverable.propose", cast.group_y
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([newcomer.email, cast.secretariat.email])
    assert all("/leaders/proposals/" in m.body for m in mail.outbox if m.to == [cast.secretariat.email])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        mandate = gov.mandate_concur(by=cast.secretariat, mandate=proposal)
    assert (mandate.status, mandate.starts_on, mandate.ends_on) == (
        Mandate.Status.ACTIVE,
        today(),
        add_years(today(), 2),
    )
    assert mandate.concurred_by == cast.secretariat and mandate.proposed_by == cast.chair
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [newcomer.email, cast.chair.email, cast.secretariat.email]
    )
    assert all("Leader of U4SSC Index" in m.subject for m in mail.outbox)
    forget_principal(newcomer)
    assert can(newcomer, "deliverable.propose", cast.group_y)


def test_only_the_chair_proposes_and_only_the_secretariat_concurs_or_declines(cast):
    newcomer = make_person("newcomer")
    for who in (cast.secretariat, cast.vice_chair, cast.leader_x, cast.focal_a):
        with pytest.raises(RuleDenied):
            gov.mandate_propose_leader(by=who, person=newcomer, thematic_group=cast.group_y)
    proposal = gov.mandate_propose_leader(by=cast.chair, person=newcomer, thematic_group=cast.group_y)
    for who in (cast.chair, cast.leader_x, cast.focal_a):
        with pytest.raises(RuleDenied):
            gov.mandate_concur(by=who, mandate=proposal)
        with pytest.raises(RuleDenied):
            gov.mandate_decline(by=who, mandate=proposal, reason="No.")
    assert Mandate.objects.get(pk=proposal.pk).status == Mandate.Status.PROPOSED


def test_the_secretariat_declines_with_a_reason_and_the_chair_and_nominee_are_told(
    cast, django_capture_on_commit_callbacks
):
    newcomer = make_person("newcomer")
    proposal = gov.mandate_propose_leader(by=cast.chair, person=newcomer, thematic_group=cast.group_y)
    with pytest.raises(DomainError, match="Say why"):
        gov.mandate_decline(by=cast.secretariat, mandate=proposal, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        declined = gov.mandate_decline(
            by=cast.secretariat, mandate=proposal, reason="The group needs a Leader from a city."
        )
    assert declined.status == Mandate.Status.DECLINED and declined.state() == Mandate.State.DECLINED
    assert (
        said(declined.history.first().history_change_reason)
        == "Secretariat declined: The group needs a Leader from a city."
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([newcomer.email, cast.chair.email])
    assert all("The group needs a Leader from a city." in m.body for m in mail.outbox)
    with pytest.raises(DomainError, match="cannot go from"):
        gov.mandate_concur(by=cast.secretariat, mandate=proposal)
    assert not can(newcomer, "deliverable.propose", cast.group_y)


def test_a_proposal_cannot_start_in_the_past_nor_name_an_inactive_account(cast):
    former = make_person("former", is_active=False)
    with pytest.raises(DomainError, match="active account"):
        gov.mandate_propose_leader(by=cast.chair, person=former, thematic_group=cast.group_y)
    with pytest.raises(DomainError, match="cannot start in the past"):
        gov.mandate_propose_leader(
            by=cast.chair,
            person=cast.participant,
            thematic_group=cast.group_y,
            starts_on=today() - dt.timedelta(days=1),
        )
    assert not Mandate.objects.filter(person__in=[former, cast.participant]).exists()


# Ending and renewing ---------------------------------------------------------------------------------


def test_ending_a_mandate_needs_the_secretariat_or_the_holder(cast):
    for who in (cast.chair, cast.focal_a, cast.leader_y):
        with pytest.raises(RuleDenied):
            gov.mandate_end(by=who, mandate=cast.vice_chair_mandate)
    ended = gov.mandate_end(by=cast.vice_chair, mandate=cast.vice_chair_mandate)
    assert ended.status == Mandate.Status.ENDED and ended.state() == Mandate.State.ENDED


def test_a_leader_is_renewed_by_the_chair_not_by_the_register(cast):
    mandate = Mandate.objects.get(person=cast.leader_x, role=Mandate.Role.LEADER)
    with pytest.raises(DomainError, match="the Chair proposes the renewal"):
        gov.mandate_renew(by=cast.secretariat, mandate=mandate, meeting=cast.annual_meeting)
    with pytest.raises(DomainError, match="adopted decision of the Partners Board or from an election"):
        gov.mandate_renew(by=cast.secretariat, mandate=cast.ip_leader.mandates.get())


# One truthful state ----------------------------------------------------------------------------------


def test_the_state_says_expired_for_a_mandate_whose_term_is_over(cast):
    old = make_person("old_vice_chair")
    mandate = gov.mandate_record_election(
        by=cast.secretariat,
        meeting=cast.annual_meeting,
        role=Mandate.Role.VICE_CHAIR,
        person=old,
        starts_on=dt.date(2020, 11, 3),
    )
    assert mandate.status == Mandate.Status.ACTIVE  # stored as decided; its term ended in 2022
    assert mandate.state() == Mandate.State.EXPIRED
    assert mandate.state(on=dt.date(2021, 1, 1)) == Mandate.State.ACTIVE
    assert mandate.state(on=dt.date(2020, 1, 1)) == Mandate.State.UPCOMING


def test_the_state_filter_agrees_with_the_state_of_each_row(cast):
    gov.mandate_record_election(
        by=cast.secretariat,
        meeting=cast.annual_meeting,
        role=Mandate.Role.VICE_CHAIR,
        person=make_person("old_vc"),
        starts_on=dt.date(2020, 11, 3),
    )
    gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    gov.mandate_propose_leader(by=cast.chair, person=cast.leader_x, thematic_group=cast.group_x, renew=True)
    gov.mandate_end(by=cast.secretariat, mandate=cast.vice_chair_mandate)
    for on in (today(), today() + dt.timedelta(days=800), dt.date(2021, 1, 1)):
        for state in Mandate.State.values:
            by_filter = set(Mandate.objects.filter(Mandate.state_q(state, on)).values_list("pk", flat=True))
            by_row = {m.pk for m in Mandate.objects.all() if m.state(on) == state}
            assert by_filter == by_row, (state, on)
