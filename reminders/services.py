"""Reminder services: turning a person's due reminders into one email exactly once, "send now",
and a person's choice to turn off the reminders the ToR does not require.

Exactly once: `digest_send` takes the digest row with `select_for_update(skip_locked=True)`,
writes one row to the outbox (kernel.outbox) and marks the digest and its reminders sent, all in
one transaction. A second worker (or the same task delivered twice) skips the locked row, or
finds it sent; a worker killed mid-way dies with its database connection and PostgreSQL rolls
the transaction back. From there the outbox delivers like every other email: after commit,
retried with backoff while the mail server fails, marked sent once, swept after a broker outage,
visible to the Secretariat ("Emails (outbox)").
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from simple_history.utils import update_change_reason

from governance.models import Ballot, Decision, FocalPoint, Hub, Mandate, ToRVersion
from governance.rulebook import require
from kernel import outbox
from kernel.lifecycle import DomainError
from kernel.queue import enqueue_on_commit
from meetings.models import Meeting, Minutes
from reminders import reasons as why
from reminders.emails import DIGEST, digest_context, digest_items, digest_subject, vacant_roles
from reminders.models import Digest, Kind, Reminder
from reminders.sweep import SweepResult, hub_report_due_on, ip_quarterly_held, reminders_sweep
from thematic_groups.models import Deliverable, Workplan

logger = logging.getLogger(__name__)


def _ids(reminders, kind) -> set[int]:
    return {r.subject_id for r in reminders if r.kind == kind}


def still_due(recipient, reminders: list[Reminder], now: dt.datetime):
    """Split reminders into those to send and those no longer due (with why).
    One query per kind present, whatever the number of reminders."""
    on = timezone.localdate(now)
    kinds = {r.kind for r in reminders}
    live_ids: dict[str, set[int]] = {}

    def open_ids(model, ids, **filters) -> set[int]:
        return set(model.objects.filter(pk__in=ids, **filters).values_list("pk", flat=True)) if ids else set()

    live_ids[Kind.TOR_COMMENT] = open_ids(
        ToRVersion,
        _ids(reminders, Kind.TOR_COMMENT),
        status=ToRVersion.Status.COMMENT_PERIOD,
        comment_deadline__gt=now,
    )
    live_ids[Kind.FINAL_REVIEW] = open_ids(
        Deliverable,
        _ids(reminders, Kind.FINAL_REVIEW),
        status=Deliverable.Status.FINAL_DRAFT,
        final_review_deadline__gt=now,
    )
    live_ids[Kind.WORKPLAN_INPUTS] = open_ids(
        Workplan,
        _ids(reminders, Kind.WORKPLAN_INPUTS),
        status=Workplan.Status.COMPILING,
        inputs_deadline__gt=now,
    )
    live_ids[Kind.TENURE] = open_ids(
        Mandate, _ids(reminders, Kind.TENURE), status=Mandate.Status.ACTIVE, ended_on__isnull=True
    )
    live_ids[Kind.BALLOT_CLOSED] = _ids(reminders, Kind.BALLOT_CLOSED)

    ballot_ids = open_ids(
        Decision, _ids(reminders, Kind.BALLOT), status=Decision.Status.OPEN, deadline__gt=now
    )
    if ballot_ids:
        partners = set(
            FocalPoint.objects.current(on=on).filter(person=recipient).values_list("partner_id", flat=True)
        )
        voted = defaultdict(set)
        for decision_id, partner_id in Ballot.objects.filter(
            decision_id__in=ballot_ids, partner_id__in=partners
        ).values_list("decision_id", "partner_id"):
            voted[decision_id].add(partner_id)
        ballot_ids = {d for d in ballot_ids if partners - voted[d]}
    live_ids[Kind.BALLOT] = ballot_ids

    minutes_ids = _ids(reminders, Kind.MINUTES_OVERDUE)
    if minutes_ids:
        with_minutes = set(
            Minutes.objects.filter(meeting_id__in=minutes_ids).values_list("meeting_id", flat=True)
        )
        cancelled = set(
            Meeting.objects.filter(pk__in=minutes_ids, status=Meeting.Status.CANCELLED).values_list(
                "pk", flat=True
            )
        )
        minutes_ids -= with_minutes | cancelled
    live_ids[Kind.MINUTES_OVERDUE] = minutes_ids

    live_ids[Kind.HUB_REPORT] = {
        pk
        for pk, approved_on, last in Hub.objects.filter(
            pk__in=_ids(reminders, Kind.HUB_REPORT), status=Hub.Status.APPROVED
        ).values_list("pk", "approved_on", "last_annual_report_on")
        if (due := hub_report_due_on(last, approved_on)) and due <= on
    }
    vacant = vacant_roles(on) if Kind.VACANT_ROLES in kinds else []
    live_ids[Kind.VACANT_ROLES] = _ids(reminders, Kind.VACANT_ROLES) if vacant else set()

    live, dropped = [], []
    held_quarters: dict[dt.date, bool] = {}
    for reminder in reminders:
        if not reminder.required and not recipient.optional_reminders:
            dropped.append((reminder, why.SKIPPED_OPTIONAL_OFF()))
            continue
        if reminder.kind == Kind.IP_QUARTERLY:
            quarter = reminder.due_on
            if quarter not in held_quarters:
                held_quarters[quarter] = ip_quarterly_held(quarter)
            due = not held_quarters[quarter]
        else:
            due = reminder.subject_id in live_ids.get(reminder.kind, set())
        if due:
            live.append(reminder)
        else:
            dropped.append((reminder, why.SKIPPED_NOT_DUE()))
    return live, dropped, vacant


def _skip(dropped) -> None:
    by_note = defaultdict(list)
    for reminder, note in dropped:
        by_note[note].append(reminder.pk)
    for note, ids in by_note.items():
        Reminder.objects.filter(pk__in=ids).update(status=Reminder.Status.SKIPPED, note=note)


def digest_key(digest_id: int) -> str:
    return f"reminder-digest:{digest_id}"


def digest_send(*, digest_id: int, now: dt.datetime | None = None) -> str:
    """Hand one person's email to the outbox once. Returns "sent" (queued in the outbox, which
    delivers it after commit), "empty" (nothing left to send) or "skipped" (already handed over,
    or being handled by another worker)."""
    now = now or timezone.now()
    with transaction.atomic():
        digest = (
            Digest.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=digest_id, status=Digest.Status.PENDING)
            .first()
        )
        if digest is None:
            return "skipped"
        recipient = digest.recipient
        reminders = list(
            Reminder.objects.select_for_update(of=("self",))
            .select_related("subject_type")
            .filter(digest_id=digest.pk, status=Reminder.Status.PENDING)
        )
        if not recipient.is_active or recipient.is_former or not recipient.email:
            live, dropped, vacant = (
                [],
                [(r, "The person has no active email address.") for r in reminders],
                [],
            )
        else:
            live, dropped, vacant = still_due(recipient, reminders, now)
        today = timezone.localdate(now)
        items = digest_items(recipient, live, today)
        carried = {r.pk for item in items for r in item.reminders}
        dropped += [(r, "Its subject no longer exists.") for r in live if r.pk not in carried]
        _skip(dropped)
        digest.attempts += 1
        if not items:
            digest.status = Digest.Status.EMPTY
            digest.save(update_fields=["status", "attempts"])
            return "empty"
        outbox.enqueue(
            to=recipient,
            template=DIGEST,
            kind="reminder_digest",
            context={
                "recipient_id": recipient.pk,
                "reminder_ids": sorted(carried),
                "day": today.isoformat(),
                "vacant": vacant,
            },
            dedupe_key=digest_key(digest.pk),
        )
        sent_at = timezone.now()
        Reminder.objects.filter(pk__in=carried).update(status=Reminder.Status.SENT, sent_at=sent_at, note="")
        digest.status = Digest.Status.SENT
        digest.sent_at = sent_at
        with translation.override(recipient.language or settings.LANGUAGE_CODE):  # as the email will read
            digest.subject = digest_subject(digest_context(recipient, items, vacant=vacant))[:300]
        digest.to_address = recipient.email
        digest.last_error = ""
        digest.next_attempt_at = None
        digest.save(
            update_fields=[
                "status",
                "sent_at",
                "subject",
                "to_address",
                "attempts",
                "last_error",
                "next_attempt_at",
            ]
        )
        return "sent"


@transaction.atomic
def reminders_send_now(*, by, reminder_ids) -> tuple[int, int]:
    """The Secretariat sends pending or failed reminders now, each person's in one email,
    through the same task as the daily emails. Sent reminders are never sent again.
    Returns (reminders queued, emails queued)."""
    from reminders.tasks import send_digest

    require(by, "registers.keep")
    rows = list(
        Reminder.objects.select_for_update()
        .filter(pk__in=list(reminder_ids), status__in=[Reminder.Status.PENDING, Reminder.Status.FAILED])
        .order_by("pk")
    )
    by_recipient: dict[int, list[int]] = defaultdict(list)
    for reminder in rows:
        by_recipient[reminder.recipient_id].append(reminder.pk)
    today = timezone.localdate()
    for recipient_id, ids in by_recipient.items():
        digest = Digest.objects.create(recipient_id=recipient_id, day=today, manual=True, requested_by=by)
        Reminder.objects.filter(pk__in=ids).update(status=Reminder.Status.PENDING, digest=digest, note="")
        enqueue_on_commit(send_digest, digest.pk)
    return len(rows), len(by_recipient)


@transaction.atomic
def ballot_remind_non_voters(*, by, decision: Decision, now: dt.datetime | None = None) -> tuple[int, int]:
    """The Secretariat reminds the focal points of the Partners that have not voted on a running
    ballot, now. The rows are the ballot reminders of the sweep, due today: one per person per
    ballot per day (the unique constraint), so a second click the same day sends nothing more.
    Returns (focal points reminded now, focal points already reminded today)."""
    require(by, "decision.remind")
    now = now or timezone.now()
    on = timezone.localdate(now)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.OPEN or (decision.deadline and now >= decision.deadline):
        raise DomainError(gettext("Only a running ballot is reminded of."))
    voted = Ballot.objects.filter(decision=decision).values("partner_id")
    recipients = sorted(
        set(
            FocalPoint.objects.current(on=on)
            .exclude(partner_id__in=voted)
            .filter(person__is_active=True)
            .exclude(person__email="")
            .values_list("person_id", flat=True)
        )
    )
    if not recipients:
        raise DomainError(gettext("Every Partner that has a focal point with an email address has voted."))
    subject_type = ContentType.objects.get_for_model(Decision)
    today = {"subject_type": subject_type, "subject_id": decision.pk, "kind": Kind.BALLOT, "due_on": on}
    Reminder.objects.bulk_create(
        [
            Reminder(recipient_id=person_id, required=True, created_at=now, **today)
            for person_id in recipients
        ],
        ignore_conflicts=True,
    )
    fresh = list(
        Reminder.objects.filter(
            recipient_id__in=recipients, status=Reminder.Status.PENDING, digest__isnull=True, **today
        ).values_list("pk", flat=True)
    )
    if fresh:
        reminders_send_now(by=by, reminder_ids=fresh)
    return len(fresh), len(recipients) - len(fresh)


def reminders_send_due_without_broker(*, on: dt.date | None = None, now: dt.datetime | None = None) -> dict:
    """The sweep and the sending in this process (manage.py send_reminders): no Redis needed.
    Each digest is written to the outbox and delivered here at once; a failing mail server
    counts an attempt on the outbox row, which the outbox sweep retries later."""
    from kernel.models import OutboxMessage

    result: SweepResult = reminders_sweep(on=on, now=now)
    counts = {"created": result.created, "sent": 0, "empty": 0, "skipped": 0, "failed": 0, "retry": 0}
    for digest_id in result.digest_ids:
        outcome = digest_send(digest_id=digest_id, now=now)
        if outcome == "sent":
            row = (
                OutboxMessage.objects.filter(dedupe_key=digest_key(digest_id))
                .values_list("pk", flat=True)
                .first()
            )
            outcome = outbox.deliver(row, now=now) if row else "skipped"
            outcome = outcome if outcome in counts else "skipped"
        counts[outcome] += 1
    return counts


@transaction.atomic
def reminder_preferences_set(*, person, optional_reminders: bool):
    """A person turns the reminders the ToR does not require on or off (their own choice)."""
    Person = get_user_model()
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.optional_reminders == optional_reminders:
        return person
    person.optional_reminders = optional_reminders
    person.save(update_fields=["optional_reminders"])
    update_change_reason(person, why.OPTIONAL_ON() if optional_reminders else why.OPTIONAL_OFF())
    return person
