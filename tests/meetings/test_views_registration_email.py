"""A meeting registration is emailed only once the registrant confirmed the address, and the form
sends at most one "please confirm your address" email per address per day (DESIGN.md, issue 19).

Through the real pages, anonymous and signed in; the outbox rows are asserted, and delivered as
the task would (`sent_mail()`)."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from governance.rulebook import RuleDenied
from kernel.models import OutboxMessage
from kernel.reasons import said
from meetings import services
from meetings.emails import ADDRESS_CHECK, REGISTRATION_CONFIRMED, REGISTRATION_DECLINED
from meetings.models import AddressCheck, Registration
from tests.meetings.conftest import open_meeting
from tests.people.conftest import html_body, link_in, sent_mail

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Ana Silva",
    "email": "Ana.Silva@example.org",
    "organisation": "City of Lisbon",
    "country": "Portugal",
    "attendance": "online",
}
ADDRESS = "ana.silva@example.org"


def register(client, meeting, **extra):
    return client.post(
        reverse("meetings:meeting_register", args=[meeting.slug]), {**FORM, **extra}, follow=True
    )


def rows(template: str, **filters):
    return OutboxMessage.objects.filter(template=template, **filters)


def confirmation_link(address: str = ADDRESS) -> str:
    message = [m for m in sent_mail() if address in m.to and "confirm your email address" in m.subject][-1]
    return link_in(message, "/meetings/registrations/confirm/")


def decide(client, cast, registration, decision: str):
    client.force_login(cast.secretariat)
    url = reverse("meetings:registration_decide", args=[registration.meeting.slug, registration.pk])
    response = client.post(url, {"decision": decision})
    client.logout()
    return response


def decisions_sent_to(address: str) -> list:
    return [m for m in sent_mail() if address in m.to and "confirm your email address" not in m.subject]


# The address check -------------------------------------------------------------------------------


def test_anonymous_registration_queues_one_address_check_with_the_token_kept_secret(client, sixth):
    response = register(client, sixth)
    assert "We have sent an email to ana.silva@example.org" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.email_confirmed_at is None
    row = rows(ADDRESS_CHECK).get()
    assert row.to_address == ADDRESS
    assert row.dedupe_key == f"registration_address_check:{ADDRESS}:{timezone.localdate().isoformat()}"
    assert "token" not in row.context and row.secret_context["token"]
    check = AddressCheck.objects.get()
    assert check.token_hash == AddressCheck.hash_token(row.secret_context["token"])  # only the hash is kept
    assert check.registration == registration

    [message] = sent_mail()
    assert sixth.title in message.subject
    assert sixth.title in message.body
    assert "If you did not register, you can ignore this email: nothing happens" in message.body
    assert "Confirm my address" in html_body(message)
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.SENT and row.secret_context == {}


def test_get_on_the_link_confirms_nothing_and_the_post_confirms(client, sixth):
    register(client, sixth)
    link = confirmation_link()
    history_before = Registration.history.count()

    page = client.get(link)  # what a mail scanner does
    assert page.status_code == 200
    assert "Confirm my address" in page.content.decode()
    assert sixth.title in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    registration = Registration.objects.get()
    assert registration.email_confirmed_at is None
    assert AddressCheck.objects.get().used_at is None
    assert Registration.history.count() == history_before

    done = client.post(link)
    assert done.status_code == 200
    assert "Address confirmed" in done.content.decode()
    registration.refresh_from_db()
    assert registration.email_confirmed_at is not None
    assert said(registration.history.first().history_change_reason) == "Address confirmed by the registrant"
    assert registration.status == Registration.Status.PENDING  # the Secretariat still decides
    assert not decisions_sent_to(ADDRESS)  # nothing decided yet, nothing more sent


def test_an_anonymous_get_on_a_valid_link_writes_no_row(client, sixth):
    from tests.security.test_url_walk import _row_counts

    register(client, sixth)
    link = confirmation_link()
    before = _row_counts()
    for _ in range(3):
        assert client.get(link).status_code == 200
    assert _row_counts() == before


def test_a_used_link_answers_410_and_changes_nothing(client, sixth):
    register(client, sixth)
    link = confirmation_link()
    client.post(link)
    confirmed_at = Registration.objects.get().email_confirmed_at
    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
    assert Registration.objects.get().email_confirmed_at == confirmed_at


def test_an_expired_link_answers_410_and_confirms_nothing(client, sixth):
    register(client, sixth)
    link = confirmation_link()
    AddressCheck.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))  # 14 days later
    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 410
        assert "expired" in response.content.decode()
    assert Registration.objects.get().email_confirmed_at is None
    assert AddressCheck.objects.get().used_at is None


def test_an_unknown_link_is_a_404(client, sixth):
    register(client, sixth)
    url = reverse("meetings:registration_address_confirm", args=["not-the-token"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Registration.objects.get().email_confirmed_at is None


def test_an_unsent_check_is_not_sent_once_its_link_was_used(client, sixth):
    """The builder drops a check whose link was used before it left (e.g. a retry)."""
    register(client, sixth)
    row = rows(ADDRESS_CHECK).get()
    services.registration_address_confirm(token=row.secret_context["token"])
    assert sent_mail() == []
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.CANCELLED


# One email per address per day ---------------------------------------------------------------------


def test_a_second_registration_of_the_address_the_same_day_sends_nothing_more(client, cast, sixth):
    seventh = open_meeting(cast, slug="seventh-u4ssc-meeting", days_ahead=90)
    register(client, sixth)
    response = register(client, seventh, email="ANA.SILVA@Example.org")
    assert "was already sent today" in response.content.decode()
    assert rows(ADDRESS_CHECK).count() == 1
    assert AddressCheck.objects.count() == 1
    assert len(sent_mail()) == 1

    # The day's one link answers for both registrations, and the page lists both meetings.
    link = confirmation_link()
    page = client.get(link).content.decode()
    assert sixth.title in page and seventh.title in page
    client.post(link)
    assert not Registration.objects.filter(email_confirmed_at__isnull=True).exists()


def test_a_registration_after_the_days_link_was_used_waits_for_the_secretariat_tomorrow(
    client, cast, sixth, monkeypatch
):
    seventh = open_meeting(cast, slug="seventh-u4ssc-meeting", days_ahead=90)
    register(client, sixth)
    client.post(confirmation_link())
    response = register(client, seventh)
    assert "already sent and answered today" in response.content.decode()
    assert rows(ADDRESS_CHECK).count() == 1
    late = Registration.objects.get(meeting=seventh)
    assert late.email_confirmed_at is None
    assert "was already sent today" in ask_again(client, cast.secretariat, late).content.decode()
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert "is on its way" in ask_again(client, cast.secretariat, late).content.decode()
    client.post(confirmation_link())
    late.refresh_from_db()
    assert late.email_confirmed_at is not None


def test_the_next_day_the_address_may_get_another_email(client, cast, sixth, monkeypatch):
    seventh = open_meeting(cast, slug="seventh-u4ssc-meeting", days_ahead=90)
    register(client, sixth)
    first_link = confirmation_link()
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)  # a day passes
    register(client, seventh)
    assert rows(ADDRESS_CHECK).count() == 2
    assert AddressCheck.objects.count() == 2
    # Each day's link answers for that day's registration only.
    client.post(confirmation_link())
    assert Registration.objects.get(meeting=seventh).email_confirmed_at is not None
    assert Registration.objects.get(meeting=sixth).email_confirmed_at is None
    client.post(first_link)
    assert Registration.objects.get(meeting=sixth).email_confirmed_at is not None


@pytest.fixture
def four_open_meetings(cast):
    return [open_meeting(cast, slug=f"open-meeting-{n}", days_ahead=30 + n) for n in range(4)]


LOCAL_PART = st.from_regex(r"[a-z][a-z0-9]{0,14}", fullmatch=True)
DOMAIN = st.sampled_from(["example.org", "u4ssc.test", "city.example"])


@hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(local=LOCAL_PART, domain=DOMAIN, data=st.data())
def test_one_address_check_per_address_per_day_whatever_the_case(
    client, four_open_meetings, local, domain, data
):
    address = f"{local}@{domain}"
    # Examples share the test's database: start each from a clean slate for its address.
    Registration.objects.filter(email=address).delete()
    AddressCheck.objects.filter(email=address).delete()
    OutboxMessage.objects.filter(to_address=address).delete()
    meetings = data.draw(st.lists(st.sampled_from(four_open_meetings), min_size=1, max_size=4, unique=True))
    for meeting in meetings:
        mask = data.draw(st.lists(st.booleans(), min_size=len(address), max_size=len(address)))
        variant = "".join(c.upper() if up else c for c, up in zip(address, mask, strict=True))
        response = register(client, meeting, email=variant)
        assert response.status_code == 200
    assert Registration.objects.filter(email=address).count() == len(meetings)  # stored in lower case
    assert OutboxMessage.objects.filter(template=ADDRESS_CHECK, to_address__iexact=address).count() == 1
    assert AddressCheck.objects.filter(email=address).count() == 1


# The Secretariat's decision ------------------------------------------------------------------------


def test_the_secretariats_confirmation_is_not_emailed_to_an_unconfirmed_address(client, cast, sixth):
    register(client, sixth)
    registration = Registration.objects.get()
    sent_mail()  # the address check leaves
    decide(client, cast, registration, "confirm")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert not rows(REGISTRATION_CONFIRMED).exists()
    assert decisions_sent_to(ADDRESS) == []

    # The registrant confirms the address afterwards: that second step queues the confirmation.
    client.post(confirmation_link())
    [message] = decisions_sent_to(ADDRESS)
    assert "is confirmed" in message.subject and sixth.title in message.body


def test_confirmation_is_emailed_once_when_the_address_was_confirmed_first(client, cast, sixth):
    register(client, sixth)
    client.post(confirmation_link())
    registration = Registration.objects.get()
    decide(client, cast, registration, "confirm")
    row = rows(REGISTRATION_CONFIRMED).get()
    assert row.dedupe_key == f"registration_confirmed:{registration.pk}"
    [message] = decisions_sent_to(ADDRESS)
    assert "is confirmed" in message.subject
    # Declined and confirmed again: still one confirmation email for the registration.
    decide(client, cast, registration, "decline")
    decide(client, cast, registration, "confirm")
    assert rows(REGISTRATION_CONFIRMED).count() == 1
    assert rows(REGISTRATION_DECLINED).count() == 1


def test_a_declined_registration_gets_a_polite_email_only_at_a_confirmed_address(client, cast, sixth):
    seventh = open_meeting(cast, slug="seventh-u4ssc-meeting", days_ahead=90)
    register(client, sixth)
    register(client, seventh, email="stranger@example.org", name="Not Them")
    client.post(confirmation_link())  # Ana confirms; the stranger never does
    for registration in Registration.objects.all():
        decide(client, cast, registration, "decline")
    [message] = decisions_sent_to(ADDRESS)
    assert "cannot confirm your registration" in message.body
    assert rows(REGISTRATION_DECLINED).get().to_address == ADDRESS
    assert decisions_sent_to("stranger@example.org") == []


def test_a_decision_changed_before_its_email_left_is_not_sent(client, cast, sixth):
    register(client, sixth)
    client.post(confirmation_link())
    registration = Registration.objects.get()
    decide(client, cast, registration, "confirm")
    decide(client, cast, registration, "decline")
    sent = decisions_sent_to(ADDRESS)
    assert [m.subject for m in sent] == [f"[U4SSC] Your registration for {sixth.title}"]
    assert rows(REGISTRATION_CONFIRMED).get().status == OutboxMessage.Status.CANCELLED


def test_participants_recorded_by_the_secretariat_are_never_emailed(client, cast, sixth):
    seventh = open_meeting(cast, slug="seventh-u4ssc-meeting", days_ahead=90)
    recorded = services.participant_record(
        by=cast.secretariat, meeting=sixth, name="Ana Silva", email=ADDRESS, organisation="City of Lisbon"
    )
    # The same person registers for another meeting the same day and confirms the address.
    register(client, seventh)
    client.post(confirmation_link())
    recorded.refresh_from_db()
    assert recorded.email_confirmed_at is None
    decide(client, cast, recorded, "decline")
    decide(client, cast, recorded, "confirm")
    assert decisions_sent_to(ADDRESS) == []
    assert not rows(REGISTRATION_CONFIRMED).exists() and not rows(REGISTRATION_DECLINED).exists()


# Signed in ---------------------------------------------------------------------------------------


def test_a_signed_in_registrant_with_the_address_verified_is_confirmed_at_once(client, cast, sixth):
    person = cast.participant
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(person)
    response = register(client, sixth, email=person.email.upper())
    assert "The Secretariat will confirm your registration by email" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.email_confirmed_at is not None
    assert (
        said(registration.history.first().history_change_reason)
        == "Registered (address verified on the account)"
    )
    assert not rows(ADDRESS_CHECK).exists() and not AddressCheck.objects.exists()
    decide(client, cast, registration, "confirm")
    [message] = decisions_sent_to(person.email)
    assert "is confirmed" in message.subject


@pytest.mark.parametrize("verified", [False, True])
def test_a_signed_in_registrant_with_another_or_unverified_address_is_asked_to_confirm(
    client, cast, sixth, verified
):
    person = cast.participant
    EmailAddress.objects.create(user=person, email="other@example.org", verified=verified, primary=False)
    client.force_login(person)
    register(client, sixth, email="other@example.org" if not verified else "third@example.org")
    assert Registration.objects.get().email_confirmed_at is None
    assert rows(ADDRESS_CHECK).count() == 1


# The Secretariat's page ------------------------------------------------------------------------------


def test_the_participants_page_shows_whether_each_address_is_confirmed(client, cast, sixth):
    register(client, sixth)
    register(client, sixth, email="b@example.org", name="Bruno Costa")
    client.post(confirmation_link())
    client.force_login(cast.secretariat)
    page = client.get(reverse("meetings:participants", args=[sixth.slug])).content.decode()
    ana = page[page.index("Ana Silva") : page.index("</tr>", page.index("Ana Silva"))]
    bruno = page[page.index("Bruno Costa") : page.index("</tr>", page.index("Bruno Costa"))]
    assert "<td>Confirmed</td>" in ana
    assert "Not confirmed" in bruno and "Ask again" in bruno
    csv_rows = client.get(reverse("meetings:participants_csv", args=[sixth.slug])).content.decode("utf-8-sig")
    assert "Address confirmed at" in csv_rows.splitlines()[0]


def test_participants_page_queries_are_bounded_with_confirmed_addresses(
    client, cast, sixth, django_assert_max_num_queries
):
    for count in (2, 50):
        sixth.registrations.all().delete()
        for i in range(count):
            registration = services.registration_create(
                meeting=sixth, name=f"P{i}", email=f"p{count}-{i}@example.org", organisation="X"
            )
            if i % 2:
                row = OutboxMessage.objects.get(template=ADDRESS_CHECK, to_address=registration.email)
                services.registration_address_confirm(token=row.secret_context["token"])
        client.force_login(cast.secretariat)
        with django_assert_max_num_queries(14):
            response = client.get(reverse("meetings:participants", args=[sixth.slug]))
        assert response.status_code == 200
        assert response.content.decode().count("<td>Confirmed</td>") == count // 2
        mail.outbox.clear()


# Sent again by the Secretariat ------------------------------------------------------------------


def ask_again(client, who, registration):
    client.force_login(who)
    url = reverse("meetings:registration_decide", args=[registration.meeting.slug, registration.pk])
    response = client.post(url, {"decision": "check_address"}, follow=True)
    client.logout()
    return response


def test_the_secretariat_sends_an_expired_check_again_within_the_daily_bound(
    client, cast, sixth, monkeypatch
):
    register(client, sixth)
    expired_link = confirmation_link()
    registration = Registration.objects.get()
    response = ask_again(client, cast.secretariat, registration)  # the same day: refused
    assert "was already sent today" in response.content.decode()
    assert rows(ADDRESS_CHECK).count() == 1

    later = timezone.now() + dt.timedelta(days=15)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(expired_link).status_code == 410
    response = ask_again(client, cast.secretariat, registration)
    assert "is on its way" in response.content.decode()
    assert rows(ADDRESS_CHECK).count() == 2
    client.post(confirmation_link())  # the new link answers for the registration of 15 days ago
    registration.refresh_from_db()
    assert registration.email_confirmed_at is not None
    response = ask_again(client, cast.secretariat, registration)
    assert "is confirmed already" in response.content.decode()
    assert rows(ADDRESS_CHECK).count() == 2


def test_only_the_secretariat_sends_a_check_again_and_never_to_a_recorded_participant(client, cast, sixth):
    register(client, sixth)
    registration = Registration.objects.get()
    for who in (cast.chair, cast.focal_a, cast.participant):
        client.force_login(who)
        url = reverse("meetings:registration_decide", args=[sixth.slug, registration.pk])
        assert client.post(url, {"decision": "check_address"}).status_code == 404
    with pytest.raises(RuleDenied):
        services.registration_address_check_resend(by=cast.chair, registration=registration)
    recorded = services.participant_record(
        by=cast.secretariat, meeting=sixth, name="Kari Eik", email="eik@example.org", organisation="OiER"
    )
    response = ask_again(client, cast.secretariat, recorded)
    assert "does not email them" in response.content.decode()
    assert not rows(ADDRESS_CHECK, to_address="eik@example.org").exists()
    assert rows(ADDRESS_CHECK).count() == 1


def test_deleting_a_persons_data_deletes_their_address_checks(client, cast, sixth):
    from people import services as people_services

    person = cast.participant
    client.force_login(person)
    register(client, sixth, email=person.email)  # not verified on the account: a check is sent
    assert AddressCheck.objects.filter(email=person.email).exists()
    people_services.person_anonymise(by=cast.secretariat, person=person)
    assert not AddressCheck.objects.exists()


def test_the_admins_confirm_action_emails_only_confirmed_addresses(client, cast, sixth):
    register(client, sixth)
    register(client, sixth, email="b@example.org", name="Bruno Costa")
    client.post(confirmation_link())  # Ana confirms her address; Bruno does not
    client.force_login(cast.secretariat)
    response = client.post(
        reverse("admin:meetings_registration_changelist"),
        {"action": "confirm", "_selected_action": list(Registration.objects.values_list("pk", flat=True))},
        follow=True,
    )
    assert response.status_code == 200
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 2
    assert [r.to_address for r in rows(REGISTRATION_CONFIRMED)] == [ADDRESS]
    page = client.get(reverse("admin:meetings_registration_change", args=[Registration.objects.first().pk]))
    assert 'name="email"' not in page.content.decode()  # the address its owner confirmed is not edited
