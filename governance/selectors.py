"""Reads of the ToR and of the decisions, with their visibility rules and their joins.

Drafts of the ToR and running decisions are seen by the Partners, the Management Team and
the Secretariat only (rulebook "decision.view_running"); everyone else gets a 404 for them.
The version in force, superseded versions and closed decisions are public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from governance import reasons as why
from governance.diff import ToRDiff, diff_clauses
from governance.models import (
    Ballot,
    Clause,
    Decision,
    ExternalEngagementNotice,
    FocalPoint,
    Hub,
    LogoUseRequest,
    Mandate,
    Nomination,
    Partner,
    ToRComment,
    ToRVersion,
)
from governance.rulebook import can, principal_for
from governance.services.decisions import BALLOTED, count_votes, current_partner_q
from governance.services.decisions import Count as Tally
from governance.services.tor import PUBLIC_STATUSES
from kernel.reasons import starts

S = ToRVersion.Status
AUDIENCE = "decision.view_running"


def sees_running(user) -> bool:
    """Partners, Management Team and Secretariat follow drafts and running ballots."""
    return can(user, AUDIENCE)


# The ToR -------------------------------------------------------------------------------


def _versions() -> QuerySet[ToRVersion]:
    return ToRVersion.objects.select_related("adopted_by_decision", "based_on")


def tor_in_force() -> ToRVersion | None:
    return _versions().filter(status=S.IN_FORCE).first()


def tor_clauses(version: ToRVersion) -> list[Clause]:
    return list(version.clauses.order_by("position"))


def tor_versions_for_user(user) -> QuerySet[ToRVersion]:
    versions = _versions().annotate(clause_count=Count("clauses"))
    if not sees_running(user):
        versions = versions.filter(status__in=PUBLIC_STATUSES)
    return versions.order_by("-number")


def tor_version_for_user(user, number: int) -> ToRVersion:
    version = _versions().filter(number=number).first()
    if version is None or (version.status not in PUBLIC_STATUSES and not sees_running(user)):
        raise Http404("No such version of the Terms of Reference.")
    return version


def tor_next_version(version: ToRVersion) -> ToRVersion | None:
    """The version adopted after `version` (what its diff is shown against)."""
    return (
        _versions().filter(status__in=PUBLIC_STATUSES, number__gt=version.number).order_by("number").first()
    )


def tor_diff_base(version: ToRVersion) -> ToRVersion | None:
    """What a draft is compared with: the version it was drafted from."""
    if version.based_on_id:
        return version.based_on
    return (
        _versions().filter(status__in=PUBLIC_STATUSES, number__lt=version.number).order_by("-number").first()
    )


def tor_diff(old: ToRVersion, new: ToRVersion) -> ToRDiff:
    return diff_clauses(tor_clauses(old), tor_clauses(new))


def tor_comments(version: ToRVersion) -> QuerySet[ToRComment]:
    return version.comments.select_related("clause", "author", "partner", "handled_by").order_by("created_at")


def tor_clauses_with_comments(version: ToRVersion) -> tuple[list[Clause], list[ToRComment]]:
    """The draft's clauses, each with the comments about it (`clause.draft_comments`), and the
    comments on the whole draft: two queries, whatever the number of clauses and comments."""
    clauses = tor_clauses(version)
    by_clause: dict[int, list[ToRComment]] = {clause.pk: [] for clause in clauses}
    whole = []
    for comment in version.comments.select_related("author", "partner", "handled_by").order_by(
        "created_at", "pk"
    ):
        by_clause.get(comment.clause_id, whole).append(comment)
    for clause in clauses:
        clause.draft_comments = by_clause[clause.pk]
    return clauses, whole


def tor_drafts_for_ballot() -> QuerySet[ToRVersion]:
    return ToRVersion.objects.filter(status__in=[S.DRAFT, S.COMMENT_PERIOD]).order_by("-number")


# Decisions -----------------------------------------------------------------------------


def _decisions() -> QuerySet[Decision]:
    """Decisions for lists, which show the decision's own fields and its ballot count, never a
    related record: no joins (a join over the five related tables cost PostgreSQL 3 ms to plan
    per query). The count is a correlated subquery, not a GROUP BY: the same answer, planned in
    a fraction of the time."""
    ballots = (
        Ballot.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Decision.objects.annotate(ballot_count=Coalesce(Subquery(ballots), 0))


def decision_list_for_user(user) -> QuerySet[Decision]:
    """Every decision the person may see: all of them for the audience, closed ones for others."""
    decisions = _decisions().exclude(status=Decision.Status.DRAFT)
    if not sees_running(user):
        decisions = decisions.filter(status=Decision.Status.CLOSED)
    return decisions.order_by("-deadline", "-pk")


def decisions_awaiting_vote(user, *, counted: bool = True) -> QuerySet[Decision]:
    """Open decisions on which one of the person's Partners has not voted yet; with `counted`
    False their question and deadline only (My roles' reminder: no ballot count, no other column)."""
    partner_ids = principal_for(user).partner_ids if user.is_authenticated else frozenset()
    if not partner_ids:
        return Decision.objects.none()
    voted = [
        Exists(Ballot.objects.filter(decision=OuterRef("pk"), partner_id=pid)) for pid in sorted(partner_ids)
    ]
    voted_by_all = voted[0]
    for more in voted[1:]:
        voted_by_all &= more
    decisions = _decisions() if counted else Decision.objects.only("pk", "question", "deadline")
    return decisions.filter(status=Decision.Status.OPEN).exclude(voted_by_all).order_by("deadline", "pk")


def decision_for_user(user, pk: int) -> Decision:
    """One decision for its page: the row alone. Its related records come from
    `with_related` where a page shows them: a join over all five (ToR draft, nomination and its
    two people, deliverable, Hub) costs PostgreSQL 3 ms to plan, ten times reading the row."""
    return decision_visible_to(user, Decision.objects.filter(pk=pk).first())


def decision_visible_to(user, decision: Decision | None) -> Decision:
    """The decision if the person may see it; otherwise 404, as if it did not exist."""
    if decision is None or decision.status == Decision.Status.DRAFT:
        raise Http404("No such decision.")
    if decision.status != Decision.Status.CLOSED and not sees_running(user):
        raise Http404("No such decision.")
    return decision


def _deliverables():
    """Deliverables, reached through the decision's reference (thematic_groups is above governance)."""
    return Decision._meta.get_field("deliverable").related_model.objects.all()


def with_related(decision: Decision) -> Decision:
    """The records a decision's facts name, one small query for each it has (none for most)."""
    prefetch_related_objects(
        [decision],
        "tor_version",
        "nomination__nominee",
        "nomination__nominated_by",
        Prefetch("deliverable", queryset=_deliverables().only("pk", "title", "slug", "status")),
        "hub",
    )
    return decision


def decision_extensions(decision: Decision) -> list:
    """Each extension of the deadline, oldest first, with the reason the Partners were told."""
    return list(
        decision.history.filter(
            Q(**starts(why.DEADLINE_EXTENDED))
            | Q(history_change_reason__startswith="Deadline extended")  # rows from before the codes
        )
        .order_by("history_date")
        .only("history_date", "history_change_reason", "change_note", "deadline")
    )


def decision_ballots(decision: Decision) -> list[Ballot]:
    return list(decision.ballots.select_related("partner", "cast_by").order_by("partner__acronym"))


@dataclass(frozen=True)
class BallotProgress:
    """How far a running ballot is: ballots of current Partners against their number, the quorum,
    and what the rule would say if it were counted now."""

    partners: int
    cast: int
    now: Tally

    @property
    def missing(self) -> int:
        return max(self.partners - self.cast, 0)

    @property
    def quorum_missing(self) -> int:
        return max((self.now.quorum or 0) - self.cast, 0)


def ballot_progress(decision: Decision, *, on: dt.date | None = None) -> BallotProgress:
    """Two queries: the current Partners, and the choices of their ballots."""
    on = on or timezone.localdate()
    partners = Partner.objects.filter(current_partner_q(on)).count()
    choices = list(
        decision.ballots.filter(current_partner_q(on, "partner__")).values_list("choice", flat=True)
    )
    return BallotProgress(
        partners=partners,
        cast=len(choices),
        now=count_votes(rule=decision.rule, choices=choices, partners=partners),
    )


def partners_not_voted(decision: Decision, *, on: dt.date | None = None) -> list[Partner]:
    """Current Partners without a ballot on the decision, each with its current focal points
    (`current_focal_points`): two queries, whatever the number of Partners."""
    on = on or timezone.localdate()
    focal = (
        FocalPoint.objects.filter(started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return list(
        Partner.objects.filter(current_partner_q(on))
        .exclude(pk__in=Ballot.objects.filter(decision=decision).values("partner_id"))
        .prefetch_related(Prefetch("focal_points", queryset=focal, to_attr="current_focal_points"))
        .order_by("acronym")
    )


def partner_ballot(decision: Decision, partner_id: int) -> Ballot | None:
    return decision.ballots.select_related("cast_by").filter(partner_id=partner_id).first()


def ballot_history(ballot: Ballot) -> QuerySet:
    return ballot.history.select_related("cast_by", "history_user").order_by("-history_date")


def voting_partners_for_user(user) -> list[Partner]:
    partner_ids = principal_for(user).partner_ids if user.is_authenticated else frozenset()
    return list(Partner.objects.filter(pk__in=partner_ids).order_by("acronym"))


def nominations_for_user(user) -> QuerySet[Nomination]:
    if not sees_running(user):
        return Nomination.objects.none()
    return Nomination.objects.select_related("nominee", "nominated_by", "proposed_by").prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.only("pk", "status", "result", "nomination_id"))
    )


def nominations_open() -> QuerySet[Nomination]:
    """Nominations not yet put to a ballot, or whose ballot was withdrawn (for the Secretariat's form)."""
    return Nomination.objects.exclude(decisions__status__in=BALLOTED).select_related(
        "nominee", "nominated_by"
    )


# Requests a person made from the portal (/requests/) ------------------------------------------


def logo_requests_of(person) -> QuerySet[LogoUseRequest]:
    return (
        LogoUseRequest.objects.filter(requester=person)
        .select_related("decided_by")
        .order_by("-created_at", "-pk")
    )


def hub_requests_of(person) -> QuerySet[Hub]:
    """Hubs the person is the contact of, with the day each was requested (its first history row)."""
    first_recorded = Hub.history.filter(id=OuterRef("pk")).order_by("history_date").values("history_date")[:1]
    return (
        Hub.objects.filter(contact=person)
        .select_related("partner")
        .annotate(requested_at=Subquery(first_recorded))
        .order_by("-requested_at", "-pk")
    )


def engagement_notices_of(person) -> QuerySet[ExternalEngagementNotice]:
    return ExternalEngagementNotice.objects.filter(person=person).order_by("-created_at", "-pk")


# Leaders' appointments (ToR 19) ----------------------------------------------------------------


def leader_proposals_waiting() -> QuerySet[Mandate]:
    """The Chair's proposals of Leaders waiting for the Secretariat's concurrence, oldest first."""
    return (
        Mandate.objects.filter(role=Mandate.Role.LEADER, status=Mandate.Status.PROPOSED)
        .select_related("person", "thematic_group", "proposed_by")
        .order_by("pk")
    )


def group_leader_mandates(group_id: int, on) -> QuerySet[Mandate]:
    """A Thematic Group's Leaders now and later, and the proposals waiting (the Chair's page)."""
    return (
        Mandate.objects.filter(role=Mandate.Role.LEADER, thematic_group_id=group_id)
        .filter(
            Q(status=Mandate.Status.PROPOSED)
            | (Mandate.active_q(on) | Mandate.state_q(Mandate.State.UPCOMING, on))
        )
        .select_related("person", "proposed_by")
        .order_by("starts_on", "pk")
    )
