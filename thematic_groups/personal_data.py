"""thematic_groups' sections of a person's data ("My data", the download), registered in ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from people import personal_data
from people.personal_data import iso
from thematic_groups.models import (
    ContributionSignup,
    DeliverableComment,
    ExpertApplication,
    Membership,
    TeamMember,
)


def _deliverable_comments(person, ask):
    return [
        {
            "deliverable": c.deliverable.title,
            "kind": c.get_kind_display(),
            "text": c.text,
            "created_at": iso(c.created_at),
        }
        for c in DeliverableComment.objects.filter(author=person).select_related("deliverable")
    ]


def _group_memberships(person, ask):
    return [
        {"thematic_group": m.thematic_group.title, "joined_on": iso(m.joined_on), "left_on": iso(m.left_on)}
        for m in Membership.objects.filter(person=person).select_related("thematic_group")
    ]


def _team_memberships(person, ask):
    return [
        {"deliverable": t.deliverable.title, "role": t.get_role_display(), "joined_on": iso(t.joined_on)}
        for t in TeamMember.objects.filter(person=person).select_related("deliverable")
    ]


def _contribution_signups(person, ask):
    return [
        {"deliverable": s.deliverable.title, "message": s.message, "created_at": iso(s.created_at)}
        for s in ContributionSignup.objects.filter(person=person).select_related("deliverable")
    ]


def _expert_applications(person, ask):
    return [
        {
            "call": a.call.title,
            "motivation": a.motivation,
            "status": a.get_status_display(),
            "created_at": iso(a.created_at),
        }
        for a in ExpertApplication.objects.filter(applicant=person).select_related("call")
    ]


def register() -> None:
    personal_data.register(
        "deliverable_comments", _("Comments on deliverables"), position=80, rows=_deliverable_comments
    )
    personal_data.register(
        "group_memberships", _("Thematic Group memberships"), position=90, rows=_group_memberships
    )
    personal_data.register("team_memberships", _("Deliverable teams"), position=100, rows=_team_memberships)
    personal_data.register(
        "contribution_signups", _("Sign-ups to contribute"), position=110, rows=_contribution_signups
    )
    personal_data.register(
        "expert_applications", _("Applications to calls for experts"), position=120, rows=_expert_applications
    )
