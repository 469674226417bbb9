"""Grants follow mandates and focal points, through services (ToR 18, 19, 28, 42)."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import services as gov
from governance.models import Mandate
from governance.rulebook import RuleDenied, can, forget_principal, principal_for, visibility
from governance.tasks import daily_sweep
from kernel.lifecycle import DomainError
from tests.cast import make_deliverable, make_person
from thematic_groups.models import Deliverable, ThematicGroupUserObjectPermission
from thematic_groups.selectors import deliverable_list_visible


def lead_grant_exists(person, group) -> bool:
    return ThematicGroupUserObjectPermission.objects.filter(
        user=person, content_object=group, permission__codename="lead_group"
    ).exists()


def test_leader_acts_on_own_group_only(cast):
    assert can(cast.leader_x, "deliverable.propose", cast.group_x)
    assert not can(cast.leader_x, "deliverable.propose", cast.group_y)
    assert not can(cast.leader_x, "minutes.upload", cast.group_y)


def test_ending_a_leader_mandate_removes_the_grant_at_once(cast):
    mandate = Mandate.objects.get(person=cast.leader_x)
    gov.mandate_end(mandate=mandate, by=cast.secretariat)
    forget_principal(cast.leader_x)
    assert not lead_grant_exists(cast.leader_x, cast.group_x)
    assert not can(cast.leader_x, "deliverable.propose", cast.group_x)


def test_expired_leader_has_no_powers_even_before_the_daily_job(cast):
    mandate = Mandate.objects.get(person=cast.leader_x)
    day_after = mandate.ends_on
    assert lead_grant_exists(cast.leader_x, cast.group_x)
    assert not can(cast.leader_x, "deliverable.propose", cast.group_x, on=day_after)
    assert can(cast.leader_x, "deliverable.propose", cast.group_x, on=day_after - dt.timedelta(days=1))


def test_daily_job_removes_expired_grants_and_is_idempotent(cast):
    from tests.cast import appoint_leader, make_group

    group = make_group("Old group", "old-group")
    leader = make_person("old_leader")
    appoint_leader(cast.chair, cast.secretariat, leader, group, timezone.localdate() - dt.timedelta(days=800))
    assert lead_grant_exists(leader, group)
    daily_sweep.delay()
    daily_sweep.delay()
    assert not lead_grant_exists(leader, group)


def test_renewal_keeps_the_powers_across_the_boundary(cast):
    mandate = Mandate.objects.get(person=cast.leader_x)
    proposal = gov.mandate_propose_leader(
        by=cast.chair, person=cast.leader_x, thematic_group=cast.group_x, renew=True
    )
    renewal = gov.mandate_concur(by=cast.secretariat, mandate=proposal)
    assert renewal.starts_on == mandate.ends_on
    assert renewal.renewal_of_id == mandate.pk
    assert can(cast.leader_x, "deliverable.propose", cast.group_x, on=mandate.ends_on)
    assert Mandate.objects.get(pk=mandate.pk).status == Mandate.Status.RENEWED
    assert mandate.history.count() >= 2


def test_leader_appointment_needs_chair_proposal_and_secretariat_concurrence(cast):
    newcomer = make_person("newcomer")
    with pytest.raises(RuleDenied):
        gov.mandate_propose_leader(
            by=cast.focal_a, person=newcomer, thematic_group=cast.group_y, starts_on=timezone.localdate()
        )
    proposed = gov.mandate_propose_leader(
        by=cast.chair, person=newcomer, thematic_group=cast.group_y, starts_on=timezone.localdate()
    )
    assert not can(newcomer, "deliverable.propose", cast.group_y)
    with pytest.raises(RuleDenied):
        gov.mandate_concur(by=cast.chair, mandate=proposed)
    gov.mandate_concur(by=cast.secretariat, mandate=proposed)
    forget_principal(newcomer)
    assert can(newcomer, "deliverable.propose", cast.group_y)
    with pytest.raises(DomainError):
        gov.mandate_concur(by=cast.secretariat, mandate=proposed)


def test_ended_focal_point_cannot_vote_the_next_minute(cast):
    focal_point = cast.focal_a.focal_points.get()
    assert can(cast.focal_a, "decision.vote", cast.partner_a)
    gov.focal_point_end(focal_point=focal_point, by=cast.secretariat)
    forget_principal(cast.focal_a)  # a new request has a fresh user object; this one cached its roles
    assert not can(cast.focal_a, "decision.vote", cast.partner_a)
    assert can(cast.focal_a2, "decision.vote", cast.partner_a)


def test_partner_that_left_gives_no_powers(cast):
    cast.partner_b.left_on = timezone.localdate()
    cast.partner_b.save(update_fields=["left_on"])
    forget_principal(cast.focal_b)
    assert not can(cast.focal_b, "decision.vote", cast.partner_b)


def test_only_the_secretariat_keeps_registers(cast):
    with pytest.raises(RuleDenied):
        gov.focal_point_add(partner=cast.partner_b, person=cast.participant, by=cast.chair)


def test_principal_costs_a_constant_number_of_queries(cast, django_assert_max_num_queries):
    for user in cast.role_users().values():
        if user is None:
            continue
        forget_principal(user)
        with django_assert_max_num_queries(7):
            principal_for(user)
        with django_assert_max_num_queries(0):
            principal_for(user)


@pytest.mark.parametrize("rows", [2, 50])
def test_visible_deliverable_list_costs_the_same_for_2_and_50_rows(cast, rows, django_assert_max_num_queries):
    for i in range(rows):
        make_deliverable(cast.group_y, f"extra-{i}", status=Deliverable.Status.DRAFTING)
    forget_principal(cast.leader_x)
    with django_assert_max_num_queries(8):
        titles = [d.thematic_group.title for d in deliverable_list_visible(user=cast.leader_x)]
    assert len(titles) == 2  # draft_x and published_x; nothing of group_y's drafts


def test_partners_see_unpublished_material_through_the_selector(cast):
    visible = set(deliverable_list_visible(user=cast.focal_b).values_list("slug", flat=True))
    assert visible == {"draft-x", "draft-y", "published-x"}
    assert visibility(cast.participant, "unpublished.view").q() is not None
    assert set(deliverable_list_visible(user=cast.participant).values_list("slug", flat=True)) == {
        "published-x"
    }
