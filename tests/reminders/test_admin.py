"""The Secretariat sees what was sent, to whom and when, and what failed; "send now" goes
through the same service and task as the daily emails."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reminders.models import Digest, Reminder
from reminders.sweep import reminders_sweep
from tests.reminders.factories import open_decision

CHANGELIST = "admin:reminders_reminder_changelist"


def _failed_reminders(cast, count=1):
    for i in range(count):
        open_decision(f"Question {i}")
    reminders_sweep()
    Reminder.objects.update(status=Reminder.Status.FAILED, note="Mail server: refused")
    Digest.objects.update(status=Digest.Status.FAILED)


def test_the_secretariat_filters_the_log_to_failed_reminders(client, cast):
    _failed_reminders(cast)
    Reminder.objects.filter(recipient=cast.focal_a).update(
        status=Reminder.Status.SENT, sent_at=timezone.now()
    )
    client.force_login(cast.secretariat)
    response = client.get(reverse(CHANGELIST), {"status__exact": "failed"})
    assert response.status_code == 200
    shown = {r.recipient.username for r in response.context["cl"].result_list}
    assert shown == {"focal_a2", "focal_b", "secretariat"}
    emails = client.get(reverse("admin:reminders_digest_changelist"), {"status__exact": "failed"})
    assert emails.status_code == 200


def test_people_outside_the_secretariat_do_not_see_the_log(client, cast):
    _failed_reminders(cast)
    client.force_login(cast.focal_a)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("rows", [2, 50])
def test_the_log_costs_the_same_queries_for_2_and_50_rows(client, cast, rows, django_assert_max_num_queries):
    for i in range(rows):
        open_decision(f"Question {i}", deadline=timezone.now() + dt.timedelta(days=2))
    reminders_sweep()
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(22):
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200


def test_send_now_sends_failed_reminders_once_through_the_task(
    client, cast, django_capture_on_commit_callbacks
):
    _failed_reminders(cast)
    ids = list(
        Reminder.objects.filter(recipient__in=[cast.focal_b, cast.focal_a]).values_list("pk", flat=True)
    )
    client.force_login(cast.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST), {"action": "send_now", "_selected_action": ids}, follow=True
        )
    assert response.status_code == 200
    assert "2 reminder(s) queued in 2 email(s)" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [cast.focal_a.email, cast.focal_b.email]
    assert set(Reminder.objects.filter(pk__in=ids).values_list("status", flat=True)) == {Reminder.Status.SENT}
    manual = Digest.objects.get(recipient=cast.focal_b, manual=True)
    assert manual.requested_by == cast.secretariat and manual.status == Digest.Status.SENT
    # Sent reminders are never sent again.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST), {"action": "send_now", "_selected_action": ids}, follow=True
        )
    assert "Nothing to send" in response.content.decode()
    assert len(mail.outbox) == 2


def test_send_now_is_refused_to_someone_who_does_not_keep_the_registers(cast):
    from django.core.exceptions import PermissionDenied

    from reminders.services import reminders_send_now

    _failed_reminders(cast)
    with pytest.raises(PermissionDenied):
        reminders_send_now(by=cast.focal_a, reminder_ids=Reminder.objects.values_list("pk", flat=True))
    assert not Digest.objects.filter(manual=True).exists()
