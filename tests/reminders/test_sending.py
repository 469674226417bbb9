"""Sending: one email per person per day carrying their reminders, in HTML and text, with
links to act; each reminder once, handed to the outbox, which delivers it (failures counted on
the outbox row, then marked failed). SMTP is Django's locmem backend here (the worker tests use
a real SMTP server)."""

import datetime as dt
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from governance.models import Mandate
from kernel import outbox
from kernel.models import OutboxMessage
from kernel.reasons import said
from reminders import services
from reminders.models import Digest, Kind, Reminder
from reminders.sweep import digests_plan, reminders_sweep
from reminders.tasks import send_digest
from tests.reminders.factories import cast_ballot, open_decision, tor_in_comment


def _deliver():
    """What the outbox task does after commit (on_commit does not run inside a test's transaction)."""
    return outbox.sweep(now=timezone.now() + dt.timedelta(hours=1))


def _send_all(result):
    outcomes = [services.digest_send(digest_id=d) for d in result.digest_ids]
    _deliver()
    return outcomes


def _email_to(person):
    found = [m for m in mail.outbox if m.to == [person.email]]
    assert len(found) == 1, f"{len(found)} emails to {person}"
    return found[0]


def test_the_digest_groups_a_persons_reminders_in_one_email_with_links_to_act(cast, site_url):
    today = timezone.localdate()
    decision = open_decision("Appoint the new Vice-Chair?")
    tor_in_comment()
    Mandate.objects.filter(pk=cast.chair_mandate.pk).update(ends_on=today + dt.timedelta(days=30))
    result = reminders_sweep()
    assert set(_send_all(result)) == {"sent"}

    # The secretariat (ITU's focal point) has a ballot, a comment period and the Chair's tenure.
    message = _email_to(cast.secretariat)
    assert Reminder.objects.filter(recipient=cast.secretariat, status=Reminder.Status.SENT).count() == 3
    assert message.subject.startswith("[U4SSC] 3 reminders")
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    for body in (message.body, html):
        assert "Vote: Appoint the new Vice-Chair?" in body
        assert "Comment on Terms of Reference, version 2" in body
        assert "ends in 30 days" in body
        assert "How to renew" in body
        assert f"{site_url}/" in body
    assert f'href="{site_url}' in html
    digest = Digest.objects.get(recipient=cast.secretariat)
    assert digest.status == Digest.Status.SENT and digest.to_address == cast.secretariat.email
    assert digest.sent_at is not None
    # The Chair gets their own tenure reminder, worded for the holder.
    assert "Your mandate as Chair ends in 30 days" in _email_to(cast.chair).body
    assert decision.pk  # the ballot link names the decision
    assert f"/decisions/{decision.pk}/" in message.body or decision.get_absolute_url() in message.body


def test_sending_twice_sends_once(cast):
    open_decision()
    result = reminders_sweep()
    _send_all(result)
    count = len(mail.outbox)
    assert [services.digest_send(digest_id=d) for d in result.digest_ids] == ["skipped"] * len(
        result.digest_ids
    )
    assert len(mail.outbox) == count == 4


def test_one_email_per_person_per_day_the_rest_goes_the_next_day(cast):
    now = timezone.now()
    today = timezone.localdate()
    open_decision()
    _send_all(reminders_sweep())
    assert len(_emails := [m for m in mail.outbox if m.to == [cast.focal_b.email]]) == 1
    tor_in_comment()  # a comment period opens later the same day
    _send_all(reminders_sweep())
    assert len([m for m in mail.outbox if m.to == [cast.focal_b.email]]) == 1
    pending = Reminder.objects.get(recipient=cast.focal_b, kind=Kind.TOR_COMMENT)
    assert pending.status == Reminder.Status.PENDING and pending.digest is None
    tomorrow = today + dt.timedelta(days=1)
    for digest_id in digests_plan(on=tomorrow, now=now + dt.timedelta(days=1)):
        services.digest_send(digest_id=digest_id)
    _deliver()
    assert len([m for m in mail.outbox if m.to == [cast.focal_b.email]]) == 2
    assert _emails


def test_a_ballot_cast_before_the_email_goes_drops_the_reminder(cast):
    decision = open_decision()
    result = reminders_sweep()
    cast_ballot(decision, cast.partner_b, cast.focal_b)
    digest = Digest.objects.get(recipient=cast.focal_b)
    assert services.digest_send(digest_id=digest.pk) == "empty"
    assert not [m for m in mail.outbox if m.to == [cast.focal_b.email]]
    reminder = Reminder.objects.get(recipient=cast.focal_b)
    assert reminder.status == Reminder.Status.SKIPPED and "No longer due" in said(reminder.note)
    assert result.created == 4


def test_turning_optional_reminders_off_keeps_the_required_ones(cast):
    open_decision()
    tor_in_comment()
    result = reminders_sweep()
    services.reminder_preferences_set(person=cast.focal_b, optional_reminders=False)
    _send_all(result)
    body = _email_to(cast.focal_b).body
    assert "Vote:" in body and "Comment on" not in body
    assert (
        Reminder.objects.get(recipient=cast.focal_b, kind=Kind.TOR_COMMENT).status == Reminder.Status.SKIPPED
    )


def test_vacant_roles_are_listed_for_the_secretariat(cast):
    today = timezone.localdate()
    Mandate.objects.filter(pk=cast.chair_mandate.pk).update(ends_on=today)
    _send_all(reminders_sweep())
    body = _email_to(cast.secretariat).body
    assert "Vacant today:" in body and "- Chair" in body
    assert "- Vice-Chair" not in body


def test_the_management_command_sweeps_and_sends_without_a_broker(cast, capsys):
    open_decision()
    call_command("send_reminders")
    assert "4 new reminders; emails sent 4" in capsys.readouterr().out
    assert len(mail.outbox) == 4
    call_command("send_reminders")
    assert "0 new reminders; emails sent 0" in capsys.readouterr().out
    assert len(mail.outbox) == 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def refusing_mail_server(settings):
    """A real SMTP connection to a port where nothing listens: refused, as a server that is down."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


def test_a_failing_mail_server_counts_attempts_on_the_outbox_row_then_marks_it_failed(
    cast, refusing_mail_server, settings
):
    settings.U4SSC_OUTBOX_MAX_ATTEMPTS = 3
    open_decision()
    assert services.reminders_send_due_without_broker()["retry"] == 4
    digest = Digest.objects.get(recipient=cast.focal_b)
    assert digest.status == Digest.Status.SENT  # handed to the outbox, once
    row = OutboxMessage.objects.get(dedupe_key=services.digest_key(digest.pk))
    assert row.template == "reminders/email/digest" and row.person == cast.focal_b
    later = timezone.now()
    for _ in range(2):
        later += dt.timedelta(days=1)
        outbox.sweep(now=later)
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.FAILED and row.attempts == 3
    assert "refused" in row.last_error.lower() or "errno" in row.last_error.lower()
    assert mail.outbox == []
    # Nothing is handed over twice: the reminders are settled, the next run writes no row.
    assert services.reminders_send_due_without_broker()["retry"] == 0
    assert OutboxMessage.objects.count() == 4


def test_tasks_are_idempotent_late_acked_and_leave_smtp_to_the_outbox():
    """The behaviour is exercised with a real worker in test_worker.py; this pins the settings."""
    from kernel.tasks import outbox_deliver
    from reminders.tasks import sweep

    for task in (send_digest, sweep, outbox_deliver):
        assert task.acks_late and task.reject_on_worker_lost
    assert not getattr(send_digest, "autoretry_for", ())  # no SMTP here: the outbox retries the mail server


def test_every_kind_of_reminder_renders_in_the_secretariats_email(cast, settings, site_url):
    """Deadlines, tenure, vacant roles, overdue minutes, the IP quarterly e-meeting and a Hub
    report: each becomes a titled item with an absolute link to act."""
    from governance.models import Decision as DecisionModel
    from reminders.milestones import quarter_of
    from tests.reminders.factories import approved_hub, e_meeting, workplan_compiling
    from thematic_groups.models import Deliverable

    today = timezone.localdate()
    _, quarter_end = quarter_of(today)
    on = quarter_end - dt.timedelta(days=7)  # the IP Leader's quarterly reminder is due
    now = timezone.now() + dt.timedelta(days=(on - today).days)
    later = now + dt.timedelta(days=2)
    decision = open_decision("Approve the Hub?", deadline=later + dt.timedelta(days=1))
    closed = open_decision("Agree the workplan?", deadline=later + dt.timedelta(days=1))
    DecisionModel.objects.filter(pk=closed.pk).update(
        status=DecisionModel.Status.CLOSED,
        result=DecisionModel.Result.ADOPTED,
        closed_at=now,
        tally={"yes": 3},
    )
    tor_in_comment(deadline=later)
    workplan_compiling(deadline=later)
    Deliverable.objects.filter(pk=cast.draft_x.pk).update(
        status=Deliverable.Status.FINAL_DRAFT, final_review_deadline=later
    )
    Mandate.objects.filter(pk=cast.chair_mandate.pk).update(ends_on=on)
    meeting = e_meeting(cast.group_x, days_ago=0, slug="late")
    meeting.held_on = on - dt.timedelta(days=settings.U4SSC_MINUTES_DUE_DAYS + 1)
    meeting.starts_at = now - dt.timedelta(days=settings.U4SSC_MINUTES_DUE_DAYS + 1)
    meeting.save(update_fields=["held_on", "starts_at"])
    approved_hub(cast.partner_b, last_report=on.replace(year=on.year - 1))
    result = reminders_sweep(on=on, now=now)
    digest = Digest.objects.get(recipient=cast.secretariat)
    assert services.digest_send(digest_id=digest.pk, now=now) == "sent"
    _deliver()
    body = _email_to(cast.secretariat).body
    for title in (
        f"Vote: {decision.question}",
        "Ballot closed: Agree the workplan?",
        "Outcome: Adopted.",
        "Comment on Terms of Reference, version 2",
        "Workplan inputs: U4SSC workplan (2026-2027)",
        f"Final-draft review: {cast.draft_x.title}",
        "Mandate as Chair has ended",
        "Roles left vacant",
        "- Chair",
        "Minutes overdue: Group e-meeting",
        "IP Leader quarterly e-meeting not held this quarter",
        "Annual report due: Valencia Hub",
    ):
        assert title in body, title
    assert body.count(f"{site_url}/") >= 10
    assert result.created > 0
