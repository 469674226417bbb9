"""Helpers for the people tests: read links out of emails, sign in through allauth's form."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import Ballot, Decision
from kernel import outbox
from kernel.models import OutboxMessage

PASSWORD = "a-long-and-unusual-passphrase-42"


def link_in(message, contains: str) -> str:
    """The path of the first link in an email's text body that contains `contains`."""
    for url in re.findall(r"https?://\S+", message.body):
        if contains in url:
            return urlparse(url).path
    raise AssertionError(f"No link with {contains!r} in: {message.body}")


def sent_mail() -> list:
    """The emails sent so far. A test runs inside one transaction, so the task that the outbox
    enqueues after commit never starts: do what it does, deliver each row queued (kernel/outbox.py)."""
    for pk in OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, attempts=0).values_list(
        "pk", flat=True
    ):
        outbox.deliver(pk)
    return mail.outbox


def last_mail_to(address: str):
    for message in reversed(sent_mail()):
        if address in message.to:
            return message
    raise AssertionError(f"No email to {address}; sent: {[m.to for m in mail.outbox]}")


def html_body(message) -> str:
    alternatives = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert alternatives, "the email has no HTML part"
    return alternatives[0]


def sign_in(client, login: str, password: str):
    """Through the real form (django-axes sees the request)."""
    return client.post("/accounts/login/", {"login": login, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def open_decision(by, question: str = "Adopt the 2025 workplan?") -> Decision:
    from governance import services

    return services.decision_open(
        by=by,
        kind=Decision.Kind.OTHER,
        question=question,
        deadline=timezone.now() + dt.timedelta(days=7),
    )


def cast_ballot(decision: Decision, partner, by, choice: str = "yes") -> Ballot:
    from governance import services

    return services.ballot_cast(decision=decision, partner=partner, by=by, choice=choice)


@pytest.fixture
def secretariat_client(client, cast):
    client.force_login(cast.secretariat)
    return client
