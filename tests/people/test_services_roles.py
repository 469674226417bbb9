"""people sits below governance (issue 16): it asks the rulebook through kernel.rules and a
person's roles through people.roles, both installed by governance's AppConfig.ready()."""

from __future__ import annotations

import pytest

from governance.models import FocalPoint, Mandate
from governance.rulebook import RuleDenied
from kernel import rules
from people import roles
from people import services as people


def test_governance_installs_the_rulebook_for_the_apps_below_it(cast):
    assert rules.can(cast.secretariat, "people.invite")
    assert not rules.can(cast.participant, "people.invite")
    with pytest.raises(RuleDenied):
        rules.require(cast.participant, "registers.keep")


def test_a_person_who_leaves_u4ssc_loses_focal_points_and_mandates_through_governance(cast):
    people.person_anonymise(by=cast.vice_chair, person=cast.vice_chair)
    assert not Mandate.objects.active().filter(person=cast.vice_chair).exists()
    people.person_anonymise(by=cast.secretariat, person=cast.focal_a)
    assert not FocalPoint.objects.filter(person=cast.focal_a, ended_on__isnull=True).exists()


def test_accepting_a_role_is_governances_answer(cast):
    from governance.services.invitations import invitation_apply_role, person_end_roles

    assert roles._apply_invitation is invitation_apply_role
    assert roles._end_roles is person_end_roles
