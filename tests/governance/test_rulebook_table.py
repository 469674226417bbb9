"""The rulebook of DESIGN.md, as a table written independently of governance/rulebook.py.

For every action, every role of the cast is allowed or denied exactly as DESIGN.md says.
Adding a rule to RULES without a row here fails `test_every_rule_has_a_row`.
"""

import pytest

from governance.rulebook import RULES, can

EVERYONE = {
    "anonymous",
    "participant",
    "focal_a",
    "focal_b",
    "leader_x",
    "leader_y",
    "chair",
    "vice_chair",
    "ip_leader",
    "secretariat",
}
SIGNED_IN = EVERYONE - {"anonymous"}
PARTNERS = {"focal_a", "focal_b", "secretariat"}  # the Secretariat's members are ITU focal points
MT = {"chair", "vice_chair"}

# action, object in the cast (or None), who is allowed. DESIGN.md "Who may do what".
TABLE = [
    ("tor.propose_revision", None, {"secretariat"}),
    ("tor.comment", None, PARTNERS | MT),
    ("tor.handle_comment", None, {"secretariat"}),
    ("decision.open", None, {"secretariat"}),
    ("content.translate", None, {"secretariat"}),
    ("decision.extend", None, {"secretariat"}),
    ("decision.withdraw", None, {"secretariat"}),
    ("decision.close", None, {"secretariat"}),
    ("decision.remind", None, {"secretariat"}),
    ("decision.vote", "partner_a", {"focal_a"}),
    ("decision.vote", "partner_b", {"focal_b"}),
    ("decision.view_running", None, PARTNERS | MT),
    ("mandate.nominate", "partner_a", {"focal_a"}),
    ("mandate.propose_leader", None, {"chair"}),
    ("mandate.concur_leader", None, {"secretariat"}),
    ("mandate.record_ip_leader", None, {"secretariat"}),
    ("mandate.record_election", None, {"secretariat"}),
    ("chair_absence.record", None, {"secretariat"}),
    ("deliverable.propose", "group_x", {"leader_x"}),
    ("deliverable.propose", "group_y", {"leader_y"}),
    ("deliverable.record_approval", "draft_x", {"secretariat"}),
    ("deliverable.manage", "draft_x", {"leader_x", "secretariat"}),
    ("deliverable.upload_draft", "draft_x", {"leader_x", "secretariat"}),
    ("deliverable.comment", "draft_x", PARTNERS | {"leader_x"}),
    ("deliverable.editorial_review", "draft_x", {"secretariat"}),
    ("deliverable.publish", "draft_x", {"secretariat"}),
    ("deliverable.withdraw", "draft_x", {"secretariat"}),
    ("deliverable.sign_up", "draft_x", SIGNED_IN),
    ("call.open", "draft_x", {"leader_x"}),
    ("call.apply", "draft_x", SIGNED_IN),
    ("call.vet", "draft_x", {"secretariat"} | MT),
    ("unpublished.view", "draft_x", PARTNERS | MT | {"leader_x"}),
    ("unpublished.view", "draft_y", PARTNERS | MT | {"leader_y"}),
    ("published.view", "published_x", EVERYONE),
    ("workplan.input", None, PARTNERS | {"leader_x", "leader_y", "ip_leader"}),
    ("workplan.compile", None, {"secretariat"}),
    ("workplan.review", None, MT),
    ("workplan.record", None, {"secretariat"}),
    ("meeting.manage", None, {"secretariat"}),
    ("meeting.report.publish", None, {"secretariat"}),
    ("meeting.frame_agenda", None, {"chair"}),
    ("meeting.register", None, EVERYONE),
    ("meeting.view_partners_only", None, PARTNERS | MT),
    ("emeeting.schedule", "group_x", {"leader_x", "secretariat"}),
    ("emeeting.schedule_ip", None, {"ip_leader", "secretariat"}),
    ("minutes.upload", "group_x", {"leader_x", "secretariat"}),
    ("minutes.upload_ip", None, {"ip_leader", "secretariat"}),
    ("emeeting.view", "group_x", PARTNERS | MT | {"leader_x"}),
    ("emeeting.view_ip", None, PARTNERS | MT | {"ip_leader"}),
    ("hub.request", None, SIGNED_IN),
    ("logo.request", None, SIGNED_IN),
    ("logo.approve", None, {"secretariat"}),
    ("engagement.notify", None, SIGNED_IN),
    ("registers.keep", None, {"secretariat"}),
    ("people.invite", None, {"secretariat"}),
    # The KPI web-tool: nobody in the cast stewards a city or verifies a cycle; those grants are
    # tested role by role in tests/kpis/test_services_cycle.py and test_views_cycle.py.
    ("kpis.catalogue.keep", None, {"secretariat"}),
    ("kpis.city.keep", None, {"secretariat"}),
    ("kpis.cycle.view", None, {"secretariat"}),
    ("kpis.cycle.enter", None, set()),
    ("kpis.cycle.submit", None, set()),
    ("kpis.cycle.publish", None, set()),
    ("kpis.cycle.assign_verifier", None, {"secretariat"}),
    ("kpis.cycle.verify", None, set()),
    ("kpis.cycle.discuss", None, set()),
    ("index.keep", None, {"secretariat"}),
]


def test_every_rule_has_a_row():
    assert {action for action, _, _ in TABLE} >= set(RULES), "add a row for each new rule"


@pytest.mark.parametrize(("action", "obj_name", "allowed"), TABLE, ids=[f"{a}:{o}" for a, o, _ in TABLE])
def test_rulebook_table(cast, action, obj_name, allowed):
    obj = getattr(cast, obj_name) if obj_name else None
    outcome = {name: can(user, action, obj) for name, user in cast.role_users().items()}
    assert {name for name, ok in outcome.items() if ok} == allowed


def test_team_sees_its_own_drafts_only(cast):
    assert can(cast.team_x, "unpublished.view", cast.draft_x)
    assert can(cast.team_x, "deliverable.upload_draft", cast.draft_x)
    assert can(cast.team_x, "deliverable.comment", cast.draft_x)
    assert not can(cast.team_x, "unpublished.view", cast.draft_y)


def test_group_member_sees_own_group_emeetings_only(cast):
    assert can(cast.member_x, "emeeting.view", cast.group_x)
    assert not can(cast.member_x, "emeeting.view", cast.group_y)
    assert not can(cast.member_x, "minutes.upload", cast.group_x)
