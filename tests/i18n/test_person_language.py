"""A person's language: chosen on the profile page, kept, switched to at sign-in, and followed by
every email written to them (the outbox renders in the row's language, the recipient's)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from governance import services as governance_services
from people.models import Person
from tests.decisions.conftest import open_other

pytestmark = pytest.mark.django_db

FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PROFILE = {"first_name": "Paula", "last_name": "Tester", "organisation": "WMO", "country": "Switzerland"}


def test_the_profile_page_saves_the_language_and_switches_to_it(client, cast):
    client.force_login(cast.participant)
    page = client.get("/me/profile/").content.decode()
    assert 'name="language"' in page and '<option value="ar">العربية</option>' in page
    response = client.post("/me/profile/", {**PROFILE, "language": "fr"})
    assert response.status_code == 302 and response["Location"] == "/fr/me/profile/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    cast.participant.refresh_from_db()
    assert cast.participant.language == "fr"
    assert 'lang="fr"' in client.get("/fr/me/profile/").content.decode()
    # Back to "the browser's language": the preference and the cookie go.
    client.post("/fr/me/profile/", {**PROFILE, "language": ""})
    cast.participant.refresh_from_db()
    assert cast.participant.language == "" and client.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""


def test_a_language_the_portal_does_not_speak_is_refused_and_changes_nothing(client, cast):
    client.force_login(cast.participant)
    response = client.post("/me/profile/", {**PROFILE, "language": "de"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    cast.participant.refresh_from_db()
    assert cast.participant.language == ""
    from kernel.lifecycle import DomainError
    from people import services

    with pytest.raises(DomainError):
        services.person_update_profile(person=cast.participant, language="de")


def verified(person):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )


def test_signing_in_switches_the_portal_to_the_persons_language(cast):
    Person.objects.filter(pk=cast.participant.pk).update(language="ar")
    verified(cast.participant)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": cast.participant.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith("/ar/")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_a_person_without_a_language_keeps_the_browsers(cast):
    verified(cast.participant)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": cast.participant.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_each_email_is_written_in_its_recipients_language(cast, django_capture_on_commit_callbacks):
    """The Secretariat (English pages) extends a ballot: the French focal point reads French, the
    others English. A month name shows it (Django's own catalogues are translated; ours are
    filled in after this work)."""
    Person.objects.filter(pk=cast.focal_a.pk).update(language="fr")
    decision = open_other(cast)
    deadline = timezone.localtime(decision.deadline + dt.timedelta(days=40))
    with django_capture_on_commit_callbacks(execute=True):
        governance_services.decision_extend(
            by=cast.secretariat, decision=decision, deadline=deadline, reason="Few votes."
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    french, english = by_address["focal_a@example.org"], by_address["focal_b@example.org"]
    month = deadline.month - 1
    assert FRENCH_MONTHS[month] in french.body and ENGLISH_MONTHS[month] not in french.body
    assert ENGLISH_MONTHS[month] in english.body
    html = dict((mimetype, body) for body, mimetype in french.alternatives)["text/html"]
    assert '<html lang="fr" dir="ltr">' in html
    from kernel.models import OutboxMessage

    rows = OutboxMessage.objects.filter(kind="decision_extended")
    assert {row.to_address: row.language for row in rows}["focal_a@example.org"] == "fr"
    assert {row.to_address: row.language for row in rows}["focal_b@example.org"] == "en"


def test_an_arabic_email_is_right_to_left(cast, django_capture_on_commit_callbacks):
    Person.objects.filter(pk=cast.focal_b.pk).update(language="ar")
    decision = open_other(cast)
    with django_capture_on_commit_callbacks(execute=True):
        governance_services.decision_extend(
            by=cast.secretariat,
            decision=decision,
            deadline=decision.deadline + dt.timedelta(days=3),
            reason="Few votes.",
        )
    arabic = next(m for m in mail.outbox if m.to == ["focal_b@example.org"])
    html = dict((mimetype, body) for body, mimetype in arabic.alternatives)["text/html"]
    assert '<html lang="ar" dir="rtl">' in html


def test_the_reminder_digest_is_in_the_recipients_language(cast):
    """The hourly sweep's digest is rendered under each recipient's language."""
    from kernel import outbox
    from reminders import services as reminder_services
    from reminders.sweep import reminders_sweep
    from tests.reminders.factories import open_decision

    Person.objects.filter(pk=cast.focal_a.pk).update(language="ar")
    open_decision("Appoint the new Vice-Chair?")
    result = reminders_sweep()
    assert {reminder_services.digest_send(digest_id=d) for d in result.digest_ids} == {"sent"}
    outbox.sweep(now=timezone.now() + dt.timedelta(hours=1))  # the outbox renders each in its row's language
    by_address = {message.to[0]: message for message in mail.outbox}
    arabic = dict((m, b) for b, m in by_address["focal_a@example.org"].alternatives)["text/html"]
    english = dict((m, b) for b, m in by_address["focal_b@example.org"].alternatives)["text/html"]
    assert '<html lang="ar" dir="rtl">' in arabic and '<html lang="en" dir="ltr">' in english
