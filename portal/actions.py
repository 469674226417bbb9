"""My roles' "What you may do": the rulebook's actions a person holds, each as a link to the page
where it is done (an action with no page of its own, such as reading, is not listed)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance.rulebook import RULES, Principal


@dataclass(frozen=True)
class ActionLink:
    label: str
    url: str
    tor: str


# (rule, what the person does, where): in the order a person reads them, the most pressing first.
ACTION_PAGES: list[tuple[str, object, str]] = [
    ("decision.vote", _("Vote for your Partner on the open ballots"), "governance:decisions"),
    (
        "tor.comment",
        _("Comment on ToR drafts in their comment period, clause by clause"),
        "governance:tor_versions",
    ),
    ("mandate.nominate", _("Nominate a candidate for Chair or Vice-Chair"), "governance:nomination_create"),
    ("workplan.input", _("Give your inputs to the workplan"), "thematic_groups:workplan_list"),
    ("workplan.review", _("Review the workplan (Management Team)"), "thematic_groups:workplan_list"),
    ("meeting.frame_agenda", _("Frame the annual meeting's agenda"), "meetings:meeting_list"),
    (
        "mandate.propose_leader",
        _("Appoint a Thematic Group Leader: choose the group, then “Appoint a Leader”"),
        "thematic_groups:group_list",
    ),
    ("emeeting.schedule", _("Schedule an e-meeting"), "meetings:emeeting_create"),
    ("emeeting.schedule_ip", _("Schedule the quarterly IP e-meeting"), "meetings:emeeting_create"),
    ("minutes.upload", _("Upload the minutes of e-meetings"), "meetings:minutes_overdue"),
    ("call.vet", _("Vet expert applications to the calls"), "thematic_groups:call_list"),
    (
        "tor.propose_revision",
        _("Draft a revision of the ToR and open its comment period"),
        "governance:tor_versions",
    ),
    ("decision.open", _("Put a question to the Partners Board"), "governance:decision_open"),
    (
        "decision.remind",
        _("Run the open ballots: see who has not voted, remind, extend, withdraw or close"),
        "governance:decisions",
    ),
    (
        "mandate.concur_leader",
        _("Concur with the Chair's Leader appointments, or decline them"),
        "governance:leader_proposals",
    ),
    ("chair_absence.record", _("Record the Chair as absent"), "admin:governance_chairabsence_changelist"),
    ("logo.approve", _("Decide the logo-use requests"), "admin:governance_logouserequest_changelist"),
    (
        "people.invite",
        _("Invite focal points, Leaders and the Management Team"),
        "governance:invitation_create",
    ),
    ("registers.keep", _("Keep the registers (the admin)"), "admin:index"),
    ("call.apply", _("Apply to an open call for experts"), "thematic_groups:call_list"),
    ("deliverable.sign_up", _("Sign up to contribute to a deliverable"), "thematic_groups:deliverable_list"),
    ("hub.request", _("Request a Hub"), "governance:hub_request_create"),
    ("logo.request", _("Ask to use the U4SSC logo"), "governance:logo_request_create"),
    (
        "engagement.notify",
        _("Tell the Secretariat of an external engagement"),
        "governance:engagement_notice_create",
    ),
]


def action_links(principal: Principal, *, led_groups=()) -> list[ActionLink]:
    """The actions the person holds, as links; a Leader's "propose a deliverable" links to each
    group they lead. No query (the groups are passed in)."""
    links = [
        ActionLink(label, reverse(url_name), RULES[rule].tor)
        for rule, label, url_name in ACTION_PAGES
        if principal.can(rule)
    ]
    if principal.can("deliverable.propose"):
        links[1:1] = [
            ActionLink(
                gettext("Propose a deliverable for %(group)s") % {"group": group.title},
                reverse("thematic_groups:deliverable_propose", args=[group.slug]),
                RULES["deliverable.propose"].tor,
            )
            for group in led_groups
        ]
    return links
