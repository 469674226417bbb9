"""Reads for people pages and the personal-data export, with their joins and filters."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from people.models import Invitation

Person = get_user_model()


def invitation_list() -> QuerySet[Invitation]:
    """All invitations, newest first, for the Secretariat (callers check `people.invite`)."""
    return Invitation.objects.select_related("partner", "thematic_group", "invited_by", "person").order_by(
        "-created_at", "-pk"
    )


def participant_list(*, joined_within_days: int | None = None, status: str = "", q: str = "") -> QuerySet:
    """Accounts for the Secretariat, newest first, with their email addresses in one more query."""
    people = Person.objects.filter(is_former=False).prefetch_related(
        Prefetch("emailaddress_set", queryset=EmailAddress.objects.order_by("-primary", "email"))
    )
    if joined_within_days:
        people = people.filter(date_joined__gte=timezone.now() - dt.timedelta(days=joined_within_days))
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "inactive":
        people = people.filter(is_active=False)
    if q:
        people = people.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
            | Q(username__icontains=q)
            | Q(organisation__icontains=q)
        )
    return people.order_by("-date_joined", "-pk")


def verified_addresses(person) -> list[str]:
    """The addresses the person has proved they own (the account's email and verified ones)."""
    addresses = {
        e.lower()
        for e in EmailAddress.objects.filter(user=person, verified=True).values_list("email", flat=True)
    }
    if person.email:
        addresses.add(person.email.lower())
    return sorted(addresses)


def _iso(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    return value.isoformat()


def personal_data(person) -> dict:
    """Everything the portal holds about `person`, and nothing about anyone else (a fixed number of queries).

    Meeting registrations count when they point at the account or use one of its verified
    addresses; other tables are read by the person's own foreign key.
    """
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
    from meetings.models import Registration
    from thematic_groups.models import (
        ContributionSignup,
        DeliverableComment,
        ExpertApplication,
        Membership,
        TeamMember,
    )

    today = timezone.localdate()
    addresses = verified_addresses(person)
    email_q = Q()
    for address in addresses:
        email_q |= Q(email__iexact=address)
    registration_q = Q(person=person) | email_q if addresses else Q(person=person)

    return {
        "exported_at": _iso(timezone.now()),
        "profile": {
            "username": person.username,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "organisation": person.organisation,
            "country": person.country,
            "expertise": person.expertise,
            "optional_reminders": person.optional_reminders,
            "date_joined": _iso(person.date_joined),
            "last_login": _iso(person.last_login),
            "is_active": person.is_active,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=person).order_by("-primary", "email")
        ],
        "focal_points": [
            {
                "partner": fp.partner.name,
                "partner_acronym": fp.partner.acronym,
                "title": fp.title,
                "started_on": _iso(fp.started_on),
                "ended_on": _iso(fp.ended_on),
                "current": fp.ended_on is None or fp.ended_on > today,
            }
            for fp in FocalPoint.objects.filter(person=person)
            .select_related("partner")
            .order_by("-started_on")
        ],
        "mandates": [
            {
                "role": m.get_role_display(),
                "thematic_group": m.thematic_group.title if m.thematic_group_id else None,
                "starts_on": _iso(m.starts_on),
                "ends_on": _iso(m.ends_on),
                "ended_on": _iso(m.ended_on),
                "status": m.get_status_display(),
                "current": m.is_active(today),
            }
            for m in Mandate.objects.filter(person=person)
            .select_related("thematic_group")
            .order_by("-starts_on")
        ],
        "ballots_cast": [
            {
                "decision": b.decision.question,
                "decision_id": b.decision_id,
                "partner": b.partner.acronym,
                "choice": b.get_choice_display(),
                "comment": b.comment,
                "cast_at": _iso(b.cast_at),
                "receipt_code": b.receipt_code,
            }
            for b in Ballot.objects.filter(cast_by=person)
            .select_related("decision", "partner")
            .order_by("cast_at")
        ],
        "nominations": [
            {
                "role": n.get_role_display(),
                "nominated_by": n.nominated_by.acronym,
                "statement": n.statement,
                "created_at": _iso(n.created_at),
            }
            for n in Nomination.objects.filter(nominee=person).select_related("nominated_by")
        ],
        "meeting_registrations": [
            {
                "meeting": r.meeting.title,
                "meeting_starts_at": _iso(r.meeting.starts_at),
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation,
                "country": r.country,
                "attendance": r.get_attendance_display(),
                "status": r.get_status_display(),
                "registered_at": _iso(r.created_at),
                "address_confirmed_at": _iso(r.email_confirmed_at),
            }
            for r in Registration.objects.filter(registration_q)
            .select_related("meeting")
            .order_by("created_at")
        ],
        "tor_comments": [
            {
                "tor_version": c.tor_version.number,
                "clause": c.clause.label if c.clause_id else None,
                "text": c.text,
                "created_at": _iso(c.created_at),
                "handling": c.get_handling_display(),
            }
            for c in ToRComment.objects.filter(author=person).select_related("tor_version", "clause")
        ],
        "deliverable_comments": [
            {
                "deliverable": c.deliverable.title,
                "kind": c.get_kind_display(),
                "text": c.text,
                "created_at": _iso(c.created_at),
            }
            for c in DeliverableComment.objects.filter(author=person).select_related("deliverable")
        ],
        "group_memberships": [
            {
                "thematic_group": m.thematic_group.title,
                "joined_on": _iso(m.joined_on),
                "left_on": _iso(m.left_on),
            }
            for m in Membership.objects.filter(person=person).select_related("thematic_group")
        ],
        "team_memberships": [
            {"deliverable": t.deliverable.title, "role": t.get_role_display(), "joined_on": _iso(t.joined_on)}
            for t in TeamMember.objects.filter(person=person).select_related("deliverable")
        ],
        "contribution_signups": [
            {"deliverable": s.deliverable.title, "message": s.message, "created_at": _iso(s.created_at)}
            for s in ContributionSignup.objects.filter(person=person).select_related("deliverable")
        ],
        "expert_applications": [
            {
                "call": a.call.title,
                "motivation": a.motivation,
                "status": a.get_status_display(),
                "created_at": _iso(a.created_at),
            }
            for a in ExpertApplication.objects.filter(applicant=person).select_related("call")
        ],
        "logo_use_requests": [
            {"organisation": r.organisation, "purpose": r.purpose, "status": r.get_status_display()}
            for r in LogoUseRequest.objects.filter(requester=person)
        ],
        "engagement_notices": [
            {"event": n.event, "kind": n.get_kind_display(), "takes_place_on": _iso(n.takes_place_on)}
            for n in ExternalEngagementNotice.objects.filter(person=person)
        ],
        "communication_reviews": [
            {"title": c.title, "status": c.get_status_display(), "created_at": _iso(c.created_at)}
            for c in CommunicationReview.objects.filter(submitted_by=person)
        ],
        "invitations": [
            {
                "role": i.role_label,
                "email": i.email,
                "status": i.state_label,
                "sent_at": _iso(i.sent_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in Invitation.objects.filter(Q(person=person) | (email_q if addresses else Q(pk__in=[])))
            .select_related("partner", "thematic_group")
            .order_by("created_at")
        ],
    }


DATA_SECTIONS = [
    ("email_addresses", "Email addresses"),
    ("focal_points", "Partners you represent (focal points)"),
    ("mandates", "Mandates"),
    ("ballots_cast", "Ballots you cast"),
    ("nominations", "Nominations"),
    ("meeting_registrations", "Meeting registrations"),
    ("tor_comments", "Comments on the Terms of Reference"),
    ("deliverable_comments", "Comments on deliverables"),
    ("group_memberships", "Thematic Group memberships"),
    ("team_memberships", "Deliverable teams"),
    ("contribution_signups", "Sign-ups to contribute"),
    ("expert_applications", "Applications to calls for experts"),
    ("logo_use_requests", "Logo use requests"),
    ("engagement_notices", "External engagement notices"),
    ("communication_reviews", "Communications submitted for review"),
    ("invitations", "Invitations"),
]
