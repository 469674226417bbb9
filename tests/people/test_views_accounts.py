"""Account flows through django-allauth: participant sign-up with email verification, password
reset, email change with re-verification, profile editing, and deactivation by the Secretariat."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kernel.reasons import said
from tests.people.conftest import (
    PASSWORD,
    html_body,
    last_mail_to,
    link_in,
    sent_mail,
    sign_in,
    signed_in_user_id,
)

Person = get_user_model()
pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "lena.berg@city-of-umea.example",
    "username": "lena",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "first_name": "Lena",
    "last_name": "Berg",
    "organisation": "City of Umeå",
    "country": "Sweden",
    "expertise": "Smart city indicators; urban mobility",
}


def confirm(client, message):
    link = link_in(message, "/accounts/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200
    assert b"Confirm email address" in page.content
    return client.post(link)


def test_a_participant_signs_up_and_can_sign_in_only_after_confirming_the_email(client, db):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    for label in (b"Organisation", b"Country", b"Fields of expertise", b"Create account"):
        assert label in page.content

    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    person = Person.objects.get(username="lena")
    assert (person.organisation, person.country, person.expertise) == (
        "City of Umeå",
        "Sweden",
        "Smart city indicators; urban mobility",
    )
    assert signed_in_user_id(client) is None
    message = last_mail_to(SIGNUP["email"])
    assert message.subject == "[U4SSC] Confirm your email address"
    assert "/accounts/confirm-email/" in html_body(message)

    # Not before verifying:
    sign_in(client, SIGNUP["email"], PASSWORD)
    assert signed_in_user_id(client) is None
    assert not EmailAddress.objects.get(user=person).verified

    confirm(client, message)
    assert EmailAddress.objects.get(user=person).verified
    sign_in(client, SIGNUP["email"], PASSWORD)
    assert signed_in_user_id(client) == str(person.pk)


def test_a_sign_up_without_organisation_and_country_is_refused(client, db):
    response = client.post(reverse("account_signup"), {**SIGNUP, "organisation": "", "country": ""})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not Person.objects.filter(username="lena").exists()
    assert sent_mail() == []


def test_password_reset_by_email_sets_a_new_password(client, cast):
    EmailAddress.objects.create(
        user=cast.participant, email=cast.participant.email, verified=True, primary=True
    )
    page = client.get(reverse("account_reset_password"))
    assert b"Send reset link" in page.content
    client.post(reverse("account_reset_password"), {"email": cast.participant.email})
    message = last_mail_to(cast.participant.email)
    assert message.subject == "[U4SSC] Choose a new password"
    html_body(message)
    link = link_in(message, "/accounts/password/reset/key/")
    page = client.get(link, follow=True)
    assert b"Choose a new password" in page.content
    new_password = "a-brand-new-passphrase-77"
    response = client.post(page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    assert sign_in(client, cast.participant.username, "correct-horse-battery").status_code == 200
    assert signed_in_user_id(client) is None
    sign_in(client, cast.participant.email, new_password)
    assert signed_in_user_id(client) == str(cast.participant.pk)

    # The link works once.
    client.post(reverse("account_logout"))
    again = client.get(link, follow=True)
    assert b"Link not valid" in again.content


def test_an_email_change_takes_effect_only_once_the_new_address_is_confirmed(client, cast):
    person = cast.participant
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(person)
    page = client.get(reverse("account_email"))
    assert b"Change email address" in page.content

    client.post(reverse("account_email"), {"email": "new.address@example.org", "action_add": ""})
    person.refresh_from_db()
    assert person.email == "participant@example.org"  # the old address stays in use
    assert EmailAddress.objects.get(user=person, primary=True).email == "participant@example.org"
    assert not EmailAddress.objects.get(email="new.address@example.org").verified
    page = client.get(reverse("account_email"))
    assert b"not yet confirmed" in page.content

    confirm(client, last_mail_to("new.address@example.org"))
    person.refresh_from_db()
    assert person.email == "new.address@example.org"
    assert list(EmailAddress.objects.filter(user=person).values_list("email", "verified", "primary")) == [
        ("new.address@example.org", True, True)
    ]


def test_the_profile_page_edits_name_organisation_country_and_expertise(client, cast):
    client.force_login(cast.participant)
    page = client.get(reverse("people:profile"))
    assert page.status_code == 200
    response = client.post(
        reverse("people:profile"),
        {"first_name": "Pat", "last_name": "Okafor", "organisation": "University of Lagos",
         "country": "Nigeria", "expertise": "Urban resilience", "optional_reminders": ""},
    )  # fmt: skip
    assert response.status_code == 302
    person = Person.objects.get(pk=cast.participant.pk)
    assert (person.get_full_name(), person.organisation, person.country, person.expertise) == (
        "Pat Okafor",
        "University of Lagos",
        "Nigeria",
        "Urban resilience",
    )
    assert person.optional_reminders is False
    assert said(person.history.first().history_change_reason) == "Profile edited by the person"


def test_the_profile_page_needs_a_signed_in_person(client, db):
    response = client.get(reverse("people:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_secretariat_deactivates_an_account_and_it_can_no_longer_sign_in(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(reverse("people:person_deactivate", args=[cast.participant.pk]))
    assert response.status_code == 302
    assert not Person.objects.get(pk=cast.participant.pk).is_active
    client.logout()
    page = sign_in(client, cast.participant.username, "correct-horse-battery")
    assert signed_in_user_id(client) is None
    assert page.status_code == 302 and page["Location"] == reverse("account_inactive")

    client.force_login(cast.secretariat)
    client.post(reverse("people:person_reactivate", args=[cast.participant.pk]))
    assert Person.objects.get(pk=cast.participant.pk).is_active


def test_a_participant_cannot_deactivate_anyone_nor_see_the_participants(client, cast):
    client.force_login(cast.focal_a)
    assert client.post(reverse("people:person_deactivate", args=[cast.participant.pk])).status_code == 403
    assert client.get(reverse("people:participant_list")).status_code == 403
    assert Person.objects.get(pk=cast.participant.pk).is_active


def test_the_secretariat_sees_new_participants_first_and_filters_by_date_joined(client, cast):
    Person.objects.filter(pk=cast.participant.pk).update(date_joined=timezone.now() - dt.timedelta(days=60))
    client.post(reverse("account_signup"), SIGNUP)
    client.force_login(cast.secretariat)
    page = client.get(reverse("people:participant_list"), {"joined": "7"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Lena Berg" in body and "City of Umeå" in body and "not confirmed" in body
    assert "Participant Tester" not in body
    assert "Participant Tester" in client.get(reverse("people:participant_list")).content.decode()


@pytest.mark.parametrize("rows", [2, 50])
def test_the_participant_list_costs_the_same_queries_for_2_and_50_rows(
    client, cast, rows, django_assert_max_num_queries
):
    for n in range(rows):
        person = Person.objects.create_user(username=f"expert{n}", email=f"expert{n}@example.org")
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("people:participant_list"))
    assert response.status_code == 200
    assert response.content.count(b"Deactivate") >= min(rows, 25)
