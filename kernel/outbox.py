"""One outbox for every email (CONVENTIONS.md, "Email: one outbox").

A service that wants an email sent calls `enqueue(...)` inside its own transaction: the row
(who, which template, the facts as JSON, why, the language) commits or rolls back with the
change. After commit a task (`kernel.tasks.outbox_deliver`) sends it; SMTP errors count an
attempt and set the next one with exponential backoff; after `U4SSC_OUTBOX_MAX_ATTEMPTS` the row
is marked failed for the Secretariat (admin, "Emails (outbox)"). The sweep
(`kernel.tasks.outbox_sweep`, every minute) sends every pending row whose time has come: the
retries, and what a broker outage left unsent. Nothing sends SMTP inside a request.

Exactly once: `deliver()` takes the row with `select_for_update(skip_locked=True)`, sends and
marks it sent in the same transaction; a second worker or a re-delivered task skips the locked
row or finds it sent. The one window left is between the mail server's "250 OK" and the commit
(SMTP has no two-phase commit): a crash there sends twice rather than lose the email.

One renderer: `templates/<template>_subject.txt`, `<template>_message.txt` and
`<template>_message.html`, rendered at send time in the row's language with the row's context
plus `site_name`, `portal_url`, `site_url` and `recipient` (the person, when there is one). An
app whose template needs objects registers a context builder for the template name
(`context_builder`), which turns the stored ids into objects at send time, or returns None when
the email is no longer needed (the row is then cancelled). The kernel imports no app.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kernel.models import OutboxMessage

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[U4SSC] "
# What a mail server that is down, refusing or timing out raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

Status = OutboxMessage.Status
ContextBuilder = Callable[[dict], "dict | None"]
_builders: dict[str, ContextBuilder] = {}


# Settings -----------------------------------------------------------------------------------


def max_attempts() -> int:
    return int(getattr(settings, "U4SSC_OUTBOX_MAX_ATTEMPTS", 8))


def retry_delay(attempts: int) -> dt.timedelta:
    """After the n-th failed attempt: U4SSC_OUTBOX_RETRY_BACKOFF seconds, doubled each time,
    capped at U4SSC_OUTBOX_RETRY_BACKOFF_MAX."""
    base = int(getattr(settings, "U4SSC_OUTBOX_RETRY_BACKOFF", 30))
    cap = int(getattr(settings, "U4SSC_OUTBOX_RETRY_BACKOFF_MAX", 3600))
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def sweep_grace() -> dt.timedelta:
    """How long the sweep leaves a new row to the task enqueued after its commit."""
    return dt.timedelta(seconds=int(getattr(settings, "U4SSC_OUTBOX_SWEEP_GRACE", 60)))


# Writing ------------------------------------------------------------------------------------


def context_builder(template: str) -> Callable[[ContextBuilder], ContextBuilder]:
    """Register the function that turns a row's stored context into the template's context at
    send time (load objects from ids). It may return None: the email is no longer needed."""

    def register(builder: ContextBuilder) -> ContextBuilder:
        _builders[template] = builder
        return builder

    return register


def _address(to) -> tuple[object | None, str]:
    if isinstance(to, str):
        return None, to.strip()
    return to, (getattr(to, "email", "") or "").strip()


def _language_of(person, language: str | None) -> str:
    """The language an email is written in: the caller's choice, else the person's, else (a bare
    address: someone on a page now, registering or invited) the page's, else the default."""
    if language:
        return language
    if person is not None:
        return getattr(person, "language", "") or settings.LANGUAGE_CODE
    return translation.get_language() or settings.LANGUAGE_CODE


def enqueue(
    *,
    to,
    template: str,
    kind: str,
    context: dict | None = None,
    dedupe_key: str | None = None,
    language: str | None = None,
    reply_to: str = "",
    secrets: dict | None = None,
    subject: str = "",
) -> OutboxMessage | None:
    """Queue one email in the caller's transaction; it is sent after commit.

    `to` is a person (their address and language) or an address. `context` holds JSON values
    (ids and facts, no objects); `secrets` holds values that grant access (a link with a token):
    rendered like the context, never shown in the admin, cleared once the email is settled.
    With a `dedupe_key` the same notice is queued once: a second call returns the first row.
    Returns None when there is no address to write to."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.enqueue() belongs inside the transaction of the change it reports.")
    person, address = _address(to)
    if not address:
        return None
    if dedupe_key:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    now = timezone.now()
    message = OutboxMessage(
        person=person,
        to_address=address,
        reply_to=reply_to or "",
        template=template,
        kind=kind,
        context=context or {},
        secret_context=secrets or {},
        language=_language_of(person, language),
        dedupe_key=dedupe_key or None,
        subject=subject[:300],
        created_at=now,
        next_attempt_at=now + sweep_grace(),
    )
    try:
        with transaction.atomic():  # a savepoint: a duplicate key must not break the caller's transaction
            message.save()
    except IntegrityError:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first() if dedupe_key else None
        if existing is None:
            raise
        return existing
    _nudge(message.pk)
    return message


def enqueue_each(
    *, to_keys: list[tuple[object, str]], template: str, kind: str, context: dict | None = None
) -> list[OutboxMessage]:
    """`enqueue()` of one email to several people, each with their dedupe key, in one insert
    whatever their number (issue 17: a vote's receipts, written while the Partner's row is
    locked), in a savepoint: the keys are new in the common case (a vote's carry its fresh
    receipt code), so they are not read first; if one was queued already the savepoint rolls
    back and each is queued as `enqueue()` does (the row already queued is returned)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.enqueue_each() belongs inside the transaction of the change it reports.")
    wanted = [(*_address(to), key) for to, key in to_keys]
    wanted = [(person, address, key) for person, address, key in wanted if address]
    if not wanted:
        return []
    now = timezone.now()
    new = [
        OutboxMessage(
            person=person,
            to_address=address,
            reply_to="",
            template=template,
            kind=kind,
            context=context or {},
            secret_context={},
            language=_language_of(person, None),
            dedupe_key=key,
            subject="",
            created_at=now,
            next_attempt_at=now + sweep_grace(),
        )
        for person, address, key in wanted
    ]
    try:
        with transaction.atomic():
            OutboxMessage.objects.bulk_create(new)
    except IntegrityError:
        return [
            enqueue(to=person or address, template=template, kind=kind, context=context, dedupe_key=key)
            for person, address, key in wanted
        ]
    _nudge(*(message.pk for message in new))  # one task for all of them
    return new


def enqueue_rendered(
    *, to, subject: str, text: str, html: str = "", kind: str, language: str | None = None
) -> OutboxMessage | None:
    """Queue an email rendered already (django-allauth's, whose context holds objects and keys),
    in `language`. Its content is a secret (a reset or confirmation key) and is cleared once it
    is settled."""
    return enqueue(
        to=to,
        template="",
        kind=kind,
        language=language,
        secrets={"subject": subject, "text": text, "html": html},
        subject=subject,
    )


def _nudge(*message_ids: int) -> None:
    from kernel import tasks
    from kernel.queue import enqueue_on_commit

    enqueue_on_commit(tasks.outbox_deliver, *message_ids)


# Rendering ----------------------------------------------------------------------------------


def base_context() -> dict:
    site = settings.SITE_URL.rstrip("/")
    return {"site_name": "U4SSC", "portal_url": site, "site_url": site}


def render(message: OutboxMessage) -> EmailMultiAlternatives | None:
    """The email of a row, in its language; None when its context builder says it is no longer
    needed. Template errors propagate (the row counts a failed attempt)."""
    with translation.override(message.language or settings.LANGUAGE_CODE):
        if not message.template:
            content = message.secret_context
            subject, text, html = content.get("subject", ""), content.get("text", ""), content.get("html", "")
        else:
            context = {**message.context, **message.secret_context}
            builder = _builders.get(message.template)
            if builder is not None:
                context = builder(context)
                if context is None:
                    return None
            context = {**base_context(), "recipient": message.person, **context}
            name = message.template
            subject = SUBJECT_PREFIX + " ".join(render_to_string(f"{name}_subject.txt", context).split())
            text = render_to_string(f"{name}_message.txt", context).strip() + "\n"
            html = render_to_string(f"{name}_message.html", context).strip()
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 30)
    email = EmailMultiAlternatives(
        " ".join(subject.split())[:300],
        text,
        settings.DEFAULT_FROM_EMAIL,
        [message.to_address],
        reply_to=[message.reply_to] if message.reply_to else None,
        connection=connection,
    )
    if html:
        email.attach_alternative(html, "text/html")
    return email


# Sending ------------------------------------------------------------------------------------


def deliver(message_id: int, *, now: dt.datetime | None = None) -> str:
    """Send one row once. Returns "sent", "retry" (a failed attempt, another one is set),
    "failed" (the last attempt failed), "cancelled" (no longer needed), "later" (a retry whose
    time has not come) or "skipped" (settled, or being sent by another worker)."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("person")
            .filter(pk=message_id, status=Status.PENDING)
            .first()
        )
        if message is None:
            return "skipped"
        if message.attempts and message.next_attempt_at and message.next_attempt_at > now:
            return "later"
        try:
            with transaction.atomic():  # a savepoint: a failing query in a builder leaves the row writable
                email = render(message)
            if email is None:
                return _settle(message, Status.CANCELLED, error="No longer needed when it was to be sent.")
            email.send()
        except Exception as exc:  # a mail error, or a template that cannot render: count the attempt
            return _record_failure(message, exc, now)
        message.subject = email.subject[:300]
        message.attempts += 1
        message.sent_at = timezone.now()
        return _settle(message, Status.SENT, error="")


def _settle(message: OutboxMessage, status: str, *, error: str) -> str:
    message.status = status
    message.last_error = error
    message.next_attempt_at = None
    if status != Status.FAILED:  # a failed email may be sent again ("send now"): it keeps its link
        message.secret_context = {}
    message.save(
        update_fields=[
            "status",
            "last_error",
            "next_attempt_at",
            "secret_context",
            "subject",
            "attempts",
            "sent_at",
        ]
    )
    return str(status)


def _record_failure(message: OutboxMessage, exc: Exception, now: dt.datetime) -> str:
    error = f"{exc.__class__.__name__}: {exc}"[:2000]
    if not isinstance(exc, MAIL_ERRORS):
        logger.exception("Outbox email %s could not be rendered", message.pk)
    message.attempts += 1
    if message.attempts >= max_attempts():
        logger.warning("Outbox email %s failed after %s attempts: %s", message.pk, message.attempts, error)
        return _settle(message, Status.FAILED, error=error)
    message.last_error = error
    message.next_attempt_at = now + retry_delay(message.attempts)
    message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    logger.warning(
        "Outbox email %s: attempt %s failed, retry at %s: %s",
        message.pk,
        message.attempts,
        message.next_attempt_at,
        error,
    )
    return "retry"


def due_ids(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(*, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every pending row whose time has come (retries; rows a broker outage left unsent).
    Safe to run any number of times, in any number of processes at once."""
    counts: dict[str, int] = {}
    for message_id in due_ids(now=now, limit=limit):
        outcome = deliver(message_id, now=now)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def send_now(message_ids, *, now: dt.datetime | None = None) -> int:
    """Pending and failed rows are due again now (the admin's "send now"); returns how many.
    The caller checks who may do this."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update()
            .filter(pk__in=list(message_ids), status__in=[Status.PENDING, Status.FAILED])
            .values_list("pk", flat=True)
        )
        OutboxMessage.objects.filter(pk__in=rows).update(status=Status.PENDING, next_attempt_at=now)
        for pk in rows:
            _nudge(pk)
    return len(rows)


def forget(*, person=None, addresses=(), replacement: str) -> int:
    """A person's data is deleted: their emails not sent yet are cancelled, and their address
    (as recipient or reply-to) is replaced everywhere in the outbox. Returns the rows touched."""
    from django.db.models import Q

    to_q = Q(person=person) if person is not None else Q(pk__in=[])
    reply_q = Q(pk__in=[])
    for address in {a.strip() for a in addresses if a and a.strip()}:
        to_q |= Q(to_address__iexact=address)
        reply_q |= Q(reply_to__iexact=address)
    OutboxMessage.objects.filter(to_q, status__in=[Status.PENDING, Status.FAILED]).update(
        status=Status.CANCELLED, next_attempt_at=None, last_error="The person's data was deleted."
    )
    touched = OutboxMessage.objects.filter(to_q).update(to_address=replacement, secret_context={})
    return touched + OutboxMessage.objects.filter(reply_q).update(reply_to=replacement)
