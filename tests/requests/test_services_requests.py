"""The request services: who may ask, what is refused (and then nothing is saved), the history
row with its reason, and the Secretariat told exactly once, even after a broker outage."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from governance import services
from governance.models import ExternalEngagementNotice, Hub, LogoUseRequest
from governance.rulebook import RuleDenied
from governance.services import RequestRefused
from kernel import outbox
from kernel import tasks as kernel_tasks
from kernel.models import OutboxMessage
from kernel.reasons import said
from tests.requests.conftest import ask_hub, ask_logo, in_days, tell_engagement

MODELS = (LogoUseRequest, Hub, ExternalEngagementNotice)


def nothing_saved() -> bool:
    return all(not m.objects.exists() and not m.history.exists() for m in MODELS)


def reason(obj) -> str:
    return said(obj.history.latest("history_date").history_change_reason)


# Logo use (ToR 36, Annex I) ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["participant", "focal_a", "leader_x", "ip_leader", "secretariat"])
def test_anyone_signed_in_asks_to_use_the_logo(cast, who):
    person = getattr(cast, who)
    logo = ask_logo(person, use_from=in_days(0), use_until=in_days(60))
    assert logo.requester == person and logo.status == LogoUseRequest.Status.PENDING
    assert logo.history.count() == 1


def test_a_logo_request_is_recorded_with_its_reason(cast):
    assert reason(ask_logo(cast.participant)) == "Logo use requested"
    assert (
        reason(ask_logo(cast.ip_leader)) == "Logo use requested by the IP Leader (written agreement needed)"
    )


def test_an_anonymous_visitor_cannot_ask_for_anything(cast):
    with pytest.raises(RuleDenied):
        ask_logo(AnonymousUser())
    with pytest.raises(RuleDenied):
        ask_hub(AnonymousUser(), cast.partner_a)
    with pytest.raises(RuleDenied):
        tell_engagement(AnonymousUser())
    assert nothing_saved()


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({"use_from": in_days(10), "use_until": in_days(9)}, "use_until", "cannot end before it starts"),
        ({"use_from": in_days(-1)}, "use_from", "cannot start in the past"),
        ({"use_until": in_days(-1)}, "use_until", "cannot end in the past"),
        ({"organisation": "   "}, "organisation", "organisation is required"),
        ({"purpose": ""}, "purpose", "purpose is required"),
        ({"organisation": "x" * 201}, "organisation", "at most 200 characters"),
    ],
)
def test_a_wrong_logo_request_is_refused_and_nothing_is_saved(
    cast, django_capture_on_commit_callbacks, extra, field, words
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RequestRefused) as refused:
        ask_logo(cast.participant, **extra)
    assert refused.value.field == field and words in refused.value.message
    assert nothing_saved() and mail.outbox == []


# Hubs (ToR 30) --------------------------------------------------------------------------------


@pytest.mark.parametrize("partner", ["partner_a", "itu"])
def test_a_hub_is_requested_with_any_current_partner(cast, partner):
    hub = ask_hub(cast.leader_x, getattr(cast, partner))
    assert hub.status == Hub.Status.REQUESTED and hub.contact == cast.leader_x
    assert hub.partner == getattr(cast, partner) and hub.approved_on is None
    assert reason(hub) == f"Hub requested, to work with {getattr(cast, partner).acronym}"


def test_a_hub_cannot_work_with_a_partner_that_left_or_has_not_joined(cast):
    cast.partner_b.left_on = in_days(0)
    cast.partner_b.save(update_fields=["left_on"])
    with pytest.raises(RequestRefused, match="current U4SSC Partners") as refused:
        ask_hub(cast.participant, cast.partner_b)
    assert refused.value.field == "partner"
    cast.partner_a.joined_on = in_days(5)
    cast.partner_a.save(update_fields=["joined_on"])
    with pytest.raises(RequestRefused, match="current U4SSC Partners"):
        ask_hub(cast.participant, cast.partner_a)
    assert not Hub.objects.exists() and not Hub.history.exists()


def test_the_same_hub_cannot_be_requested_twice_while_it_waits(cast):
    first = ask_hub(cast.participant, cast.partner_a)
    with pytest.raises(RequestRefused, match="already waiting") as refused:
        ask_hub(cast.leader_x, cast.partner_b, name="u4ssc GENEVA hub ", country="switzerland")
    assert refused.value.field == "name"
    assert list(Hub.objects.all()) == [first] and Hub.history.count() == 1
    # Another country is another Hub.
    ask_hub(cast.leader_x, cast.partner_b, country="France")


def test_a_rejected_hub_may_be_requested_again_but_not_an_approved_one(cast):
    first = ask_hub(cast.participant, cast.partner_a)
    Hub.objects.filter(pk=first.pk).update(status=Hub.Status.REJECTED)
    second = ask_hub(cast.participant, cast.partner_a)
    Hub.objects.filter(pk=second.pk).update(status=Hub.Status.APPROVED)
    with pytest.raises(RequestRefused, match="already an approved U4SSC Hub"):
        ask_hub(cast.participant, cast.partner_a)
    assert Hub.objects.count() == 2


def test_the_database_keeps_one_waiting_request_per_name_and_country(cast):
    ask_hub(cast.participant, cast.partner_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Hub.objects.create(name="U4SSC GENEVA HUB", country="Switzerland", partner=cast.partner_b)


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"name": ""}, "name"), ({"country": " "}, "country"), ({"city": "x" * 101}, "city")],
)
def test_a_hub_request_without_its_facts_is_refused(cast, extra, field):
    with pytest.raises(RequestRefused) as refused:
        ask_hub(cast.participant, cast.partner_a, **extra)
    assert refused.value.field == field and nothing_saved()


# External engagement (ToR 37-38) --------------------------------------------------------------


@pytest.mark.parametrize("who", ["participant", "leader_x", "ip_leader", "focal_b"])
def test_leaders_and_participants_announce_a_presentation(cast, who):
    notice = tell_engagement(getattr(cast, who))
    assert notice.person == getattr(cast, who) and notice.acknowledged_by is None
    assert reason(notice) == "Presentation announced"


def test_a_presentation_is_announced_in_advance_not_afterwards(cast):
    with pytest.raises(RequestRefused, match="in advance") as refused:
        tell_engagement(cast.participant, takes_place_on=in_days(-1))
    assert refused.value.field == "takes_place_on" and nothing_saved()
    tell_engagement(cast.participant, takes_place_on=in_days(0))


def test_shared_work_is_reported_even_after_it_appeared(cast):
    notice = tell_engagement(
        cast.leader_x, kind="shared_work", event="Journal of Urban Technology", takes_place_on=in_days(-20)
    )
    assert notice.kind == ExternalEngagementNotice.Kind.SHARED_WORK
    assert reason(notice) == "Shared work reported"


@pytest.mark.parametrize(("extra", "field"), [({"kind": "gossip"}, "kind"), ({"event": ""}, "event")])
def test_a_wrong_engagement_notice_is_refused(cast, extra, field):
    with pytest.raises(RequestRefused) as refused:
        tell_engagement(cast.participant, **extra)
    assert refused.value.field == field and nothing_saved()


# The Secretariat is told, exactly once ---------------------------------------------------------


MAKERS = {
    "logo": lambda cast: ask_logo(cast.ip_leader, use_from=in_days(3)),
    "hub": lambda cast: ask_hub(cast.participant, cast.partner_a),
    "engagement": lambda cast: tell_engagement(cast.leader_x),
}
SUBJECTS = {
    "logo": "[U4SSC] Logo use requested by Ip_Leader Tester for City of Trondheim",
    "hub": "[U4SSC] Hub requested: U4SSC Geneva Hub (Switzerland), with WMO",
    "engagement": "[U4SSC] U4SSC work to be presented at Smart City Expo World Congress, by Leader_X Tester",
}


@pytest.mark.parametrize("kind", MAKERS)
def test_the_secretariat_is_told_of_a_new_request_exactly_once(
    cast, django_capture_on_commit_callbacks, kind
):
    with django_capture_on_commit_callbacks(execute=True):
        MAKERS[kind](cast)
    # a Hub: also the two focal points of its Partner, in their own wording (DESIGN.md, ToR 30)
    told = 3 if kind == "hub" else 1
    assert len(mail.outbox) == told
    email = mail.outbox[0]
    assert email.to == [cast.secretariat.email]  # the Secretariat, not the Chair
    assert email.subject == SUBJECTS[kind]
    requester = {"logo": cast.ip_leader, "hub": cast.participant, "engagement": cast.leader_x}[kind]
    assert email.reply_to == [requester.email]
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and "/admin/governance/" in html and "/admin/governance/" in email.body
    row = OutboxMessage.objects.filter(kind=f"request_{kind}", context__audience="secretariat").get()
    assert row.status == OutboxMessage.Status.SENT and row.kind == f"request_{kind}"
    assert row.person == cast.secretariat and row.attempts == 1
    assert outbox.deliver(row.pk) == "skipped"  # a re-delivered task
    assert outbox.sweep() == {}
    assert len(mail.outbox) == told
    if kind == "hub":
        to_partner = [m for m in mail.outbox if m.to != [cast.secretariat.email]]
        assert sorted(m.to[0] for m in to_partner) == sorted([cast.focal_a.email, cast.focal_a2.email])
        assert all(m.body.startswith("Dear focal points of WMO,") for m in to_partner)
        assert all("/admin/" not in m.body for m in to_partner)


def test_the_ip_leaders_logo_email_says_a_written_agreement_is_needed(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_logo(cast.ip_leader)
        ask_logo(cast.participant, organisation="UNDP country office")
    ip_email, other = mail.outbox
    assert (
        "written agreement (Annex I)" in ip_email.body and "written agreement" in ip_email.alternatives[0][0]
    )
    assert "written agreement (Annex I)" not in other.body


def test_the_hub_email_links_to_a_hub_approval_ballot(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask_hub(cast.participant, cast.partner_a)
    assert "/decisions/new/?kind=hub_approval" in mail.outbox[0].body


def test_a_request_saved_while_the_broker_is_down_is_told_by_the_sweep(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(kernel_tasks.outbox_deliver, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        ask_logo(cast.participant)
        ask_hub(cast.participant, cast.partner_a)
        tell_engagement(cast.participant)
    assert mail.outbox == []  # the person's requests are saved all the same
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 5
    monkeypatch.undo()
    assert outbox.sweep() == {}  # the task enqueued after commit has a minute first
    assert kernel_tasks.outbox_sweep.delay().get() == {}
    # the Hub's also to its Partner's two focal points
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == {"sent": 5}
    assert len(mail.outbox) == 5
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3)) == {} and len(mail.outbox) == 5


def test_a_request_decided_before_its_email_left_is_not_announced(cast):
    logo = ask_logo(cast.participant)  # on_commit never runs here: the nudge is lost
    services.logo_use_refuse(by=cast.secretariat, logo_request=logo)
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == {"cancelled": 1}
    assert mail.outbox == []
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.CANCELLED


def test_an_smtp_failure_leaves_the_request_notice_pending_for_the_retry(cast, monkeypatch):
    ask_logo(cast.participant)
    row = OutboxMessage.objects.get()

    def smtp_down(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", smtp_down)
    assert outbox.deliver(row.pk) == "retry"
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.PENDING and row.attempts == 1
    assert "Connection unexpectedly closed" in row.last_error
    monkeypatch.undo()
    assert outbox.deliver(row.pk) == "later"  # not before its backoff
    assert outbox.sweep(now=row.next_attempt_at) == {"sent": 1} and len(mail.outbox) == 1


def test_existing_rows_of_the_registers_are_not_emailed_about(cast):
    """Rows the Secretariat made in the admin or the demo (an approved Hub) are not requests to tell."""
    Hub.objects.create(
        name="U4SSC Norway Hub", country="Norway", partner=cast.unece, status=Hub.Status.APPROVED
    )
    assert not OutboxMessage.objects.exists()


def test_the_admin_refuses_a_second_waiting_hub_of_the_same_name_with_a_message(client, cast):
    ask_hub(cast.participant, cast.partner_a)
    client.force_login(cast.secretariat)
    response = client.post(
        "/admin/governance/hub/add/",
        {"name": "u4ssc geneva hub", "country": "Switzerland", "partner": cast.partner_b.pk},
    )
    assert response.status_code == 200
    assert "already waiting for the Partners" in response.content.decode()
    assert Hub.objects.count() == 1
