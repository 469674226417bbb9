"""The periodic sweep: what reminders are due, computed from the database.

`reminders_sweep()` reads every register that has deadlines in a fixed number of queries
(about twenty, whatever the number of rows), inserts the reminder rows in batches with
`ON CONFLICT DO NOTHING` (the unique constraint makes a second sweep, or two at once, a
no-op), then groups each person's due reminders into one email for the day
(`digests_plan`). It never sends: the caller (the beat task or `manage.py send_reminders`)
sends each planned email through `services.digest_send`.

Tasks enqueued when something is saved are only nudges; a nudge lost while the broker was
down is caught up here, because the rows are derived from the registers, not from events.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from governance.models import Ballot, Decision, Hub, Mandate, ToRVersion, add_years
from kpis.models import CityUserObjectPermission, CycleUserObjectPermission, ReportingCycle
from meetings.models import Meeting, Minutes
from reminders import conf
from reminders.audiences import Audiences, load_audiences
from reminders.milestones import (
    current_milestone,
    dated_milestone,
    day_of,
    deadline_milestone,
    milestones,
    quarter_of,
)
from reminders.models import REQUIRED_KINDS, Digest, Kind, Reminder
from thematic_groups.models import Deliverable, TeamMember, Workplan

SUBJECT_MODELS = (ToRVersion, Decision, Deliverable, Workplan, Mandate, Meeting, Hub, ReportingCycle)


@dataclass(frozen=True)
class Due:
    recipient_id: int
    model: type
    subject_id: int
    kind: str
    due_on: dt.date


@dataclass
class SweepResult:
    on: dt.date
    candidates: int = 0
    created: int = 0
    digest_ids: list[int] = field(default_factory=list)


def _each(recipients, model, subject_id, kind, day) -> Iterator[Due]:
    for person_id in recipients:
        if person_id is not None:
            yield Due(person_id, model, subject_id, kind, day)


# Review deadlines --------------------------------------------------------------------------


def _tor_comment(on, now, aud: Audiences):
    audience = aud.management_team | aud.focal_points
    rows = ToRVersion.objects.filter(
        status=ToRVersion.Status.COMMENT_PERIOD, comment_deadline__gt=now
    ).values_list("id", "comment_deadline")
    for tor_id, deadline in rows:
        day = deadline_milestone(Kind.TOR_COMMENT, deadline, on)
        if day:
            yield from _each(audience, ToRVersion, tor_id, Kind.TOR_COMMENT, day)


def _ballots(on, now, aud: Audiences):
    """Focal points of current Partners that have not voted yet (ToR 9, 13b)."""
    running = Q(status=Decision.Status.OPEN, deadline__gt=now)
    voted: dict[int, set[int]] = defaultdict(set)
    ballots = Ballot.objects.filter(
        decision__status=Decision.Status.OPEN, decision__deadline__gt=now
    ).values_list("decision_id", "partner_id")
    for decision_id, partner_id in ballots:
        voted[decision_id].add(partner_id)
    for decision_id, deadline in Decision.objects.filter(running).values_list("id", "deadline"):
        day = deadline_milestone(Kind.BALLOT, deadline, on)
        if not day:
            continue
        done = voted.get(decision_id, ())
        for partner_id, people in aud.focal_by_partner.items():
            if partner_id not in done:
                yield from _each(people, Decision, decision_id, Kind.BALLOT, day)


def _ballots_closed(on, now, aud: Audiences):
    """The outcome, to every focal point, on the day the ballot closed."""
    since = now - dt.timedelta(days=conf.catch_up_days() + 1)
    rows = Decision.objects.filter(status=Decision.Status.CLOSED, closed_at__gte=since).values_list(
        "id", "closed_at"
    )
    audience = aud.focal_points
    for decision_id, closed_at in rows:
        day = dated_milestone(Kind.BALLOT_CLOSED, day_of(closed_at), on)
        if day:
            yield from _each(audience, Decision, decision_id, Kind.BALLOT_CLOSED, day)


def _final_review(on, now, aud: Audiences):
    """Partners' focal points and the deliverable's team (MR 3.6)."""
    running = Q(status=Deliverable.Status.FINAL_DRAFT, final_review_deadline__gt=now)
    team: dict[int, set[int]] = defaultdict(set)
    members = TeamMember.objects.filter(
        deliverable__status=Deliverable.Status.FINAL_DRAFT, deliverable__final_review_deadline__gt=now
    ).values_list("deliverable_id", "person_id")
    for deliverable_id, person_id in members:
        team[deliverable_id].add(person_id)
    focal = aud.focal_points
    for deliverable_id, deadline in Deliverable.objects.filter(running).values_list(
        "id", "final_review_deadline"
    ):
        day = deadline_milestone(Kind.FINAL_REVIEW, deadline, on)
        if day:
            recipients = focal | team.get(deliverable_id, set())
            yield from _each(recipients, Deliverable, deliverable_id, Kind.FINAL_REVIEW, day)


def _workplan_inputs(on, now, aud: Audiences):
    """Partners, Leaders and the IP Leader give inputs (ToR 10a)."""
    audience = aud.focal_points | aud.leaders | set(aud.ip_leaders)
    rows = Workplan.objects.filter(status=Workplan.Status.COMPILING, inputs_deadline__gt=now).values_list(
        "id", "inputs_deadline"
    )
    for workplan_id, deadline in rows:
        day = deadline_milestone(Kind.WORKPLAN_INPUTS, deadline, on)
        if day:
            yield from _each(audience, Workplan, workplan_id, Kind.WORKPLAN_INPUTS, day)


# Tenure ---------------------------------------------------------------------------------------


def _tenure(on, now, aud: Audiences):
    """90, 30, 7 days before a mandate ends and on the day (ToR 28): holder, Secretariat and,
    for Leaders, the Chair. On the day it ends the Secretariat also gets the vacant roles."""
    horizon = max(0, *conf.offsets(Kind.TENURE))
    catch_up = conf.catch_up_days()
    rows = Mandate.objects.filter(
        status=Mandate.Status.ACTIVE,
        ended_on__isnull=True,
        ends_on__gte=on - dt.timedelta(days=catch_up),
        ends_on__lte=on + dt.timedelta(days=horizon),
    ).values_list("id", "role", "person_id", "ends_on")
    for mandate_id, role, person_id, ends_on in rows:
        day = dated_milestone(Kind.TENURE, ends_on, on)
        if day:
            recipients = {person_id} | aud.secretariat
            if role == Mandate.Role.LEADER:
                recipients |= aud.chairs
            yield from _each(recipients, Mandate, mandate_id, Kind.TENURE, day)
        vacant_day = dated_milestone(Kind.VACANT_ROLES, ends_on, on)
        if vacant_day:
            yield from _each(aud.secretariat, Mandate, mandate_id, Kind.VACANT_ROLES, vacant_day)


# Meetings and Hubs ----------------------------------------------------------------------------


def minutes_due_on(held: dt.date) -> dt.date:
    """Minutes are due U4SSC_MINUTES_DUE_DAYS after the e-meeting; overdue the day after."""
    return held + dt.timedelta(days=settings.U4SSC_MINUTES_DUE_DAYS + 1)


def _minutes_overdue(on, now, aud: Audiences):
    """E-meetings held with no minutes: the group's Leaders (the IP Leader for quarterly
    e-meetings) and the Secretariat (ToR 20e, Annex I)."""
    reach = (
        settings.U4SSC_MINUTES_DUE_DAYS
        + 2
        + conf.catch_up_days()
        - min(0, *conf.offsets(Kind.MINUTES_OVERDUE))
    )
    rows = (
        Meeting.objects.filter(kind=Meeting.Kind.E_MEETING, starts_at__lt=now)
        .filter(starts_at__gte=now - dt.timedelta(days=reach))
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(~Exists(Minutes.objects.filter(meeting_id=OuterRef("pk"))))
        .values_list(
            "id",
            "held_on",
            "starts_at",
            "thematic_group_id",
            "deliverable__thematic_group_id",
            "is_ip_quarterly",
        )
    )
    for meeting_id, held_on, starts_at, group_id, deliverable_group_id, ip in rows:
        day = dated_milestone(Kind.MINUTES_OVERDUE, minutes_due_on(held_on or day_of(starts_at)), on)
        if not day:
            continue
        if ip:
            recipients = set(aud.ip_leaders)
        else:
            recipients = set(aud.leaders_by_group.get(group_id or deliverable_group_id, ()))
        yield from _each(recipients | aud.secretariat, Meeting, meeting_id, Kind.MINUTES_OVERDUE, day)


def quarter_bounds(on: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first, last = quarter_of(on)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def ip_quarterly_held(on: dt.date) -> bool:
    start, end = quarter_bounds(on)
    return (
        Meeting.objects.filter(is_ip_quarterly=True, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Meeting.Status.CANCELLED)
        .exists()
    )


def _ip_quarterly(on, now, aud: Audiences):
    """The IP Leader convenes at least quarterly e-meetings with the Secretariat (Annex I)."""
    _, last = quarter_of(on)
    day = current_milestone(milestones(Kind.IP_QUARTERLY, last), on, last_until=last)
    if not day or ip_quarterly_held(on):
        return
    for mandate_id, person_id in (
        Mandate.objects.active(on=on).filter(role=Mandate.Role.IP_LEADER).values_list("id", "person_id")
    ):
        yield from _each({person_id} | aud.secretariat, Mandate, mandate_id, Kind.IP_QUARTERLY, day)


def hub_report_due_on(hub_last_report: dt.date | None, approved_on: dt.date | None) -> dt.date | None:
    base = hub_last_report or approved_on
    return add_years(base, 1) if base else None


def _hub_report(on, now, aud: Audiences):
    """Each Hub reports yearly (ToR 30): its contact, its Partner's focal points, the Secretariat."""
    rows = Hub.objects.filter(status=Hub.Status.APPROVED).values_list(
        "id", "partner_id", "contact_id", "approved_on", "last_annual_report_on"
    )
    for hub_id, partner_id, contact_id, approved_on, last in rows:
        anchor = hub_report_due_on(last, approved_on)
        day = anchor and dated_milestone(Kind.HUB_REPORT, anchor, on)
        if day:
            recipients = {contact_id} | aud.focal_by_partner.get(partner_id, set()) | aud.secretariat
            yield from _each(recipients, Hub, hub_id, Kind.HUB_REPORT, day)


# KPI reporting cycles (issue 14) ------------------------------------------------------------------


def _kpi_deadlines(on, now, aud: Audiences):
    """A reporting cycle's data deadline reminds the city's data stewards while the cycle is open or
    returned to the city; its verification deadline reminds its verifier while the data waits for
    them. The stewards and verifiers are the guardian grants kpis.services gives. One query when
    no deadline is pending, three otherwise."""
    S = ReportingCycle.Status
    rows = list(
        ReportingCycle.objects.filter(
            Q(status__in=(S.OPEN, S.RETURNED), submission_deadline__gt=now)
            | Q(status__in=(S.SUBMITTED, S.UNDER_VERIFICATION), verification_deadline__gt=now)
        ).values_list("id", "city_id", "status", "submission_deadline", "verification_deadline")
    )
    if not rows:
        return
    stewards: dict[int, set[int]] = defaultdict(set)
    for city_id, person_id in CityUserObjectPermission.objects.filter(
        content_object_id__in={row[1] for row in rows}, permission__codename="steward_city"
    ).values_list("content_object_id", "user_id"):
        stewards[city_id].add(person_id)
    verifiers: dict[int, set[int]] = defaultdict(set)
    for cycle_id, person_id in CycleUserObjectPermission.objects.filter(
        content_object_id__in={row[0] for row in rows}, permission__codename="verify_cycle"
    ).values_list("content_object_id", "user_id"):
        verifiers[cycle_id].add(person_id)
    for cycle_id, city_id, status, data_due, verification_due in rows:
        if status in (S.OPEN, S.RETURNED):
            kind, deadline, people = Kind.KPI_DATA_DUE, data_due, stewards.get(city_id, ())
        else:
            kind, deadline, people = Kind.KPI_VERIFICATION_DUE, verification_due, verifiers.get(cycle_id, ())
        day = deadline_milestone(kind, deadline, on)
        if day:
            yield from _each(people, ReportingCycle, cycle_id, kind, day)


COLLECTORS = (
    _tor_comment,
    _ballots,
    _ballots_closed,
    _final_review,
    _workplan_inputs,
    _tenure,
    _minutes_overdue,
    _ip_quarterly,
    _hub_report,
    _kpi_deadlines,
)


def reminders_due(*, on: dt.date, now: dt.datetime, audiences: Audiences) -> Iterator[Due]:
    for collect in COLLECTORS:
        yield from collect(on, now, audiences)


def subject_type_ids() -> dict[type, int]:
    """Content type ids in one query, bypassing ContentType's process-wide cache (a long-lived
    worker must not keep ids from before a database was flushed and rebuilt)."""
    q = Q(pk__in=[])
    for model in SUBJECT_MODELS:
        q |= Q(app_label=model._meta.app_label, model=model._meta.model_name)
    found = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.filter(q)}
    ids = {}
    for model in SUBJECT_MODELS:
        key = (model._meta.app_label, model._meta.model_name)
        ids[model] = found[key] if key in found else ContentType.objects.get_for_model(model).pk
    return ids


def reminders_sweep(
    *, on: dt.date | None = None, now: dt.datetime | None = None, batch_size: int = 1000
) -> SweepResult:
    """Create the reminder rows due on `on` (today) and plan today's emails. Idempotent."""
    now = now or timezone.now()
    on = on or timezone.localdate(now)
    audiences = load_audiences(on)
    type_ids = subject_type_ids()
    result = SweepResult(on=on)
    stamp = timezone.now()
    batch: list[Reminder] = []

    def flush():
        if batch:
            Reminder.objects.bulk_create(batch, ignore_conflicts=True, batch_size=batch_size)
            batch.clear()

    # One transaction for all the batches: one BEGIN/COMMIT however many batches there are.
    with transaction.atomic():
        for due in reminders_due(on=on, now=now, audiences=audiences):
            if due.recipient_id in audiences.unreachable:
                continue
            required = due.kind in REQUIRED_KINDS
            if not required and due.recipient_id in audiences.opted_out:
                continue
            result.candidates += 1
            batch.append(
                Reminder(
                    recipient_id=due.recipient_id,
                    subject_type_id=type_ids[due.model],
                    subject_id=due.subject_id,
                    kind=due.kind,
                    due_on=due.due_on,
                    required=required,
                    created_at=stamp,
                )
            )
            if len(batch) >= batch_size:
                flush()
        flush()
    result.created = Reminder.objects.filter(created_at=stamp).count()
    result.digest_ids = digests_plan(on=on, now=now, batch_size=batch_size)
    return result


@transaction.atomic
def digests_plan(*, on: dt.date, now: dt.datetime | None = None, batch_size: int = 1000) -> list[int]:
    """Put each person's due, unsent reminders into one email: their pending email if they
    have one, otherwise a new one for `on`. A person whose email for `on` already went
    gets the rest the next day (one email per person per day). Returns the emails to send."""
    now = now or timezone.now()
    unplanned = Reminder.objects.filter(status=Reminder.Status.PENDING, due_on__lte=on, digest__isnull=True)
    pending_of_recipient = Digest.objects.filter(
        recipient_id=OuterRef("recipient_id"), status=Digest.Status.PENDING
    )
    recipients = (
        unplanned.filter(~Exists(pending_of_recipient))
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    Digest.objects.bulk_create(
        [Digest(recipient_id=recipient_id, day=on) for recipient_id in recipients],
        ignore_conflicts=True,
        batch_size=batch_size,
    )
    unplanned.update(digest_id=Subquery(pending_of_recipient.order_by("day", "id").values("id")[:1]))
    return list(
        Digest.objects.filter(status=Digest.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("id")
        .values_list("id", flat=True)
    )
