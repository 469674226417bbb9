"""Writing to the outbox, and the Secretariat's view of it in the admin: one row per notice
(a dedupe key holds it), only inside a transaction, secrets never shown, bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kernel import outbox
from kernel.models import OutboxMessage
from tests.admin.conftest import admin_url, messages_of, post_action
from tests.requests.conftest import ask_logo

CHANGELIST = reverse("admin:kernel_outboxmessage_changelist")


def queue(**extra) -> OutboxMessage | None:
    values = {"to": "someone@example.org", "template": "people/email/account_deleted", "kind": "test"}
    return outbox.enqueue(**(values | extra))


def test_the_same_notice_is_queued_once(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # look up the key, savepoint, insert, release
        first = queue(dedupe_key="notice:1")
    assert queue(dedupe_key="notice:1").pk == first.pk
    assert queue(dedupe_key="notice:2").pk != first.pk
    assert OutboxMessage.objects.count() == 2


def test_one_email_to_several_people_is_one_insert_and_a_key_queued_already_is_kept(
    cast, django_assert_num_queries
):
    """outbox.enqueue_each (a vote's receipts): new keys in one insert, no read first; a key
    queued already rolls back the savepoint alone and each is queued as enqueue() would, the
    queued row returned, nothing twice, and the caller's transaction goes on."""
    people = [cast.focal_a, cast.focal_a2, cast.focal_b]
    values = {"template": "people/email/account_deleted", "kind": "test"}
    with transaction.atomic():
        with django_assert_num_queries(3):  # savepoint, insert, release
            rows = outbox.enqueue_each(to_keys=[(p, f"each:1:{p.pk}") for p in people], **values)
        assert [row.person for row in rows] == people and all(row.pk for row in rows)
        earlier = queue(to=cast.chair, dedupe_key="each:2:chair")
        again = outbox.enqueue_each(
            to_keys=[(cast.chair, "each:2:chair"), (cast.focal_a, f"each:2:{cast.focal_a.pk}")], **values
        )
        assert again[0].pk == earlier.pk and again[1].person == cast.focal_a and again[1].pk
        assert outbox.enqueue_each(to_keys=[("", "each:3:nobody")], **values) == []
        assert OutboxMessage.objects.count() == 5  # the caller's transaction is usable
    assert OutboxMessage.objects.filter(dedupe_key__startswith="each:").count() == 5


def test_a_row_takes_the_persons_address_and_the_default_language(cast, settings):
    row = queue(to=cast.focal_a)
    assert (row.person, row.to_address, row.language) == (
        cast.focal_a,
        cast.focal_a.email,
        settings.LANGUAGE_CODE,
    )
    assert queue(to="") is None and queue(to=cast.focal_a, language="fr").language == "fr"


@pytest.mark.django_db(transaction=True)
def test_enqueue_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        queue()
    assert not OutboxMessage.objects.exists()
    with transaction.atomic():
        queue()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT  # after commit, eager task


def test_delivering_a_request_notice_costs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    ask_logo(cast.participant)
    row = OutboxMessage.objects.get()
    # savepoint, lock the row (and person), savepoint, load the request, release, save, release
    with django_assert_max_num_queries(7):
        assert outbox.deliver(row.pk) == "sent"
    assert len(mail.outbox) == 1


def test_allauths_emails_go_through_the_outbox_and_their_keys_are_not_kept(
    client, cast, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(
        user=cast.participant, email=cast.participant.email, verified=True, primary=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": cast.participant.email})
    row = OutboxMessage.objects.get()
    assert row.kind == "account_password_reset_key" and row.status == OutboxMessage.Status.SENT
    assert row.person == cast.participant and row.secret_context == {}
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert mail.outbox[0].subject == row.subject and row.subject.startswith("[U4SSC] ")


# The admin ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [2, 50])
def test_the_outbox_list_costs_the_same_queries_for_2_and_50_rows(
    client, cast, rows, django_assert_max_num_queries
):
    for i in range(rows):
        queue(to=cast.participant, dedupe_key=f"n{i}")
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(16):
        response = client.get(CHANGELIST, {"status__exact": "pending"})
    assert response.status_code == 200
    assert response.content.decode().count(cast.participant.email) >= min(rows, 50)


def test_the_secretariat_reads_a_row_but_never_its_secret(client, cast):
    row = queue(secrets={"token": "very-secret-token"})
    client.force_login(cast.secretariat)
    page = client.get(admin_url(OutboxMessage, "change", row.pk))
    assert page.status_code == 200
    assert b"someone@example.org" in page.content and b"very-secret-token" not in page.content
    assert client.get(CHANGELIST, {"q": "someone@"}).status_code == 200
    assert client.post(admin_url(OutboxMessage, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert OutboxMessage.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("who", ["participant", "focal_a", "chair"])
def test_others_do_not_see_the_outbox(client, cast, who):
    row = queue()
    client.force_login(getattr(cast, who))
    assert client.get(CHANGELIST).status_code in (302, 403)
    response = post_action(client, OutboxMessage, "send_now", [row.pk])
    assert response.redirect_chain == [] or "login" in response.redirect_chain[-1][0]
    row.refresh_from_db()
    assert row.attempts == 0 and mail.outbox == []


def test_the_secretariat_sends_a_failed_email_now(client, cast, settings, django_capture_on_commit_callbacks):
    row = queue()
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=8, next_attempt_at=None
    )
    sent = queue(dedupe_key="already-sent")
    outbox.deliver(sent.pk)
    client.force_login(cast.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(client, OutboxMessage, "send_now", [row.pk])
    assert messages_of(response) == [("success", "1 email(s) queued to be sent now.")]
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.SENT and len(mail.outbox) == 2
    response = post_action(client, OutboxMessage, "send_now", [row.pk, sent.pk])
    assert messages_of(response) == [
        ("warning", "Nothing to send: the selected emails were sent or cancelled.")
    ]
    assert len(mail.outbox) == 2
    assert outbox.sweep(now=timezone.now() + dt.timedelta(days=1)) == {}


def test_an_email_that_cannot_be_rendered_counts_attempts_and_is_failed_for_the_secretariat(db, settings):
    settings.U4SSC_OUTBOX_MAX_ATTEMPTS = 2
    row = queue(template="no/such/email")
    assert outbox.deliver(row.pk) == "retry"  # logged; the sender carries on with the next email
    row.refresh_from_db()
    assert row.attempts == 1 and "TemplateDoesNotExist" in row.last_error
    assert outbox.sweep(now=row.next_attempt_at) == {"failed": 1}
    assert mail.outbox == []


def test_an_email_is_rendered_in_the_rows_language(db):
    @outbox.context_builder("people/email/account_deleted")
    def record_language(context):
        from django.utils import translation

        seen.append(translation.get_language())
        return context

    seen: list[str] = []
    try:
        outbox.deliver(queue(language="fr").pk)
        outbox.deliver(queue().pk)
    finally:
        outbox._builders.pop("people/email/account_deleted")
    assert seen == ["fr", "en"] and len(mail.outbox) == 2


def test_a_database_error_while_rendering_counts_an_attempt(db):
    """On PostgreSQL a failed query breaks the transaction: the renderer runs in a savepoint, so
    the row still records the attempt."""
    from django.db import connection

    @outbox.context_builder("people/email/account_deleted")
    def broken(context):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")
        return context

    try:
        row = queue()
        assert outbox.deliver(row.pk) == "retry"
    finally:
        outbox._builders.pop("people/email/account_deleted")
    row.refresh_from_db()
    assert row.attempts == 1 and "no_such_table" in row.last_error and mail.outbox == []
