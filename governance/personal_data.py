"""governance's sections of a person's data ("My data", the download), registered in ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from governance.models import (
    Ballot,
    CommunicationReview,
    ExternalEngagementNotice,
    FocalPoint,
    LogoUseRequest,
    Mandate,
    Nomination,
    ToRComment,
)
from people import personal_data
from people.personal_data import iso


def _focal_points(person, ask):
    return [
        {
            "partner": fp.partner.name,
            "partner_acronym": fp.partner.acronym,
            "title": fp.title,
            "started_on": iso(fp.started_on),
            "ended_on": iso(fp.ended_on),
            "current": fp.ended_on is None or fp.ended_on > ask.today,
        }
        for fp in FocalPoint.objects.filter(person=person).select_related("partner").order_by("-started_on")
    ]


def _mandates(person, ask):
    return [
        {
            "role": m.get_role_display(),
            "thematic_group": m.thematic_group.title if m.thematic_group_id else None,
            "starts_on": iso(m.starts_on),
            "ends_on": iso(m.ends_on),
            "ended_on": iso(m.ended_on),
            "status": m.get_status_display(),
            "current": m.is_active(ask.today),
        }
        for m in Mandate.objects.filter(person=person).select_related("thematic_group").order_by("-starts_on")
    ]


def _ballots_cast(person, ask):
    return [
        {
            "decision": b.decision.question,
            "decision_id": b.decision_id,
            "partner": b.partner.acronym,
            "choice": b.get_choice_display(),
            "comment": b.comment,
            "cast_at": iso(b.cast_at),
            "receipt_code": b.receipt_code,
        }
        for b in Ballot.objects.filter(cast_by=person)
        .select_related("decision", "partner")
        .order_by("cast_at")
    ]


def _nominations(person, ask):
    return [
        {
            "role": n.get_role_display(),
            "nominated_by": n.nominated_by.acronym,
            "statement": n.statement,
            "created_at": iso(n.created_at),
        }
        for n in Nomination.objects.filter(nominee=person).select_related("nominated_by")
    ]


def _tor_comments(person, ask):
    return [
        {
            "tor_version": c.tor_version.number,
            "clause": c.clause.label if c.clause_id else None,
            "text": c.text,
            "created_at": iso(c.created_at),
            "handling": c.get_handling_display(),
        }
        for c in ToRComment.objects.filter(author=person).select_related("tor_version", "clause")
    ]


def _logo_use_requests(person, ask):
    return [
        {"organisation": r.organisation, "purpose": r.purpose, "status": r.get_status_display()}
        for r in LogoUseRequest.objects.filter(requester=person)
    ]


def _engagement_notices(person, ask):
    return [
        {"event": n.event, "kind": n.get_kind_display(), "takes_place_on": iso(n.takes_place_on)}
        for n in ExternalEngagementNotice.objects.filter(person=person)
    ]


def _communication_reviews(person, ask):
    return [
        {"title": c.title, "status": c.get_status_display(), "created_at": iso(c.created_at)}
        for c in CommunicationReview.objects.filter(submitted_by=person)
    ]


def register() -> None:
    personal_data.register(
        "focal_points", _("Partners you represent (focal points)"), position=20, rows=_focal_points
    )
    personal_data.register("mandates", _("Mandates"), position=30, rows=_mandates)
    personal_data.register("ballots_cast", _("Ballots you cast"), position=40, rows=_ballots_cast)
    personal_data.register("nominations", _("Nominations"), position=50, rows=_nominations)
    personal_data.register(
        "tor_comments", _("Comments on the Terms of Reference"), position=70, rows=_tor_comments
    )
    personal_data.register("logo_use_requests", _("Logo use requests"), position=130, rows=_logo_use_requests)
    personal_data.register(
        "engagement_notices", _("External engagement notices"), position=140, rows=_engagement_notices
    )
    personal_data.register(
        "communication_reviews",
        _("Communications submitted for review"),
        position=150,
        rows=_communication_reviews,
    )
