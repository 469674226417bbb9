"""Running a ballot through HTTP: its progress at a glance, the Secretariat's list of Partners that
have not voted with one reminder action, extending and withdrawing from the page and the admin,
and the confirmation a ToR draft with unhandled comments needs before its ballot."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from governance import services
from governance.models import Decision, ToRVersion
from reminders.models import Kind, Reminder
from tests.cast import make_person
from tests.decisions.conftest import in_days, make_board, open_other


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def page(client, decision) -> str:
    return client.get(f"/decisions/{decision.pk}/").content.decode()


def test_the_page_shows_progress_against_the_quorum_to_every_follower(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    client.force_login(cast.focal_b)
    html = page(client, decision)
    assert re.search(r'<progress id="progress-bar-\d+" class="ballot-bar" max="4" value="1">', html)
    assert '<strong id="progress-cast">1 of 4</strong> current Partners have voted' in html
    assert "Quorum: 2 Partners — 1 more needed." in html
    assert "If counted now: <strong>not adopted (no quorum)</strong>" in html
    # the Secretariat's part is not theirs
    assert "Partners that have not voted" not in html and "Extend the ballot" not in html
    assert "/reminders/ballots/" not in html


def test_the_secretariat_sees_who_has_not_voted_and_its_actions(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    client.force_login(cast.secretariat)
    html = page(client, decision)
    listed = re.search(r'<ul class="not-voted">(.*?)</ul>', html, re.S).group(1)
    assert (
        "ITU" in listed and "Secretariat Tester" in listed and "UNDP" in listed and "Focal_B Tester" in listed
    )
    assert "UNECE" in listed and "no current focal point" in listed and "WMO" not in listed
    assert "Partners that have not voted (3)" in html
    assert (
        "Remind their focal points" in html and "Extend the ballot" in html and "Withdraw the ballot" in html
    )


def test_a_vote_updates_the_cached_progress_and_list_at_the_next_visit(client, cast, decision):
    client.force_login(cast.secretariat)
    assert "0 of 4</strong>" in page(client, decision)
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="no")
    html = page(client, decision)
    assert "1 of 4</strong>" in html
    listed = re.search(r'<ul class="not-voted">(.*?)</ul>', html, re.S).group(1)
    assert "UNDP" not in listed


def test_extending_from_the_page_moves_the_deadline_and_tells_the_partners(
    client, cast, decision, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretariat)
    new = decision.deadline + dt.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/decisions/{decision.pk}/extend/",
            {"extend-deadline": local(new), "extend-reason": "Waiting for two Partners."},
            follow=True,
        )
    html = response.content.decode()
    assert "every focal point is told why" in html
    decision.refresh_from_db()
    assert local(decision.deadline) == local(new)
    assert "Why: Waiting for two Partners." in html and 'class="decision-extension"' in html
    assert len(mail.outbox) == 4


def test_extending_without_a_reason_or_to_an_earlier_day_changes_nothing(client, cast, decision):
    client.force_login(cast.secretariat)
    old = decision.deadline
    response = client.post(
        f"/decisions/{decision.pk}/extend/",
        {"extend-deadline": local(old + dt.timedelta(days=2))},
        follow=True,
    )
    assert "Give the new deadline and the reason" in response.content.decode()
    response = client.post(
        f"/decisions/{decision.pk}/extend/",
        {"extend-deadline": local(old - dt.timedelta(days=2)), "extend-reason": "Shorter"},
        follow=True,
    )
    assert "never shortened" in response.content.decode()
    decision.refresh_from_db()
    assert decision.deadline == old


@pytest.mark.parametrize("action", ["extend", "withdraw", "close"])
def test_a_focal_point_cannot_run_the_ballot(client, cast, decision, action):
    client.force_login(cast.focal_a)
    data = {"extend-deadline": local(in_days(20)), "extend-reason": "x", "withdraw-reason": "x"}
    assert client.post(f"/decisions/{decision.pk}/{action}/", data).status_code == 403
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN and decision.deadline < in_days(8)


def test_withdrawing_a_tor_ballot_from_the_page(client, cast, draft):
    decision = services.decision_open(
        by=cast.secretariat, kind="tor_revision", question="Adopt v2?", deadline=in_days(5), tor_version=draft
    )
    client.force_login(cast.secretariat)
    response = client.post(f"/decisions/{decision.pk}/withdraw/", {"withdraw-reason": ""}, follow=True)
    assert "Say why the ballot is withdrawn" in response.content.decode()
    response = client.post(
        f"/decisions/{decision.pk}/withdraw/",
        {"withdraw-reason": "Clause 5 is being redrafted."},
        follow=True,
    )
    html = response.content.decode()
    assert "The ballot is withdrawn" in html
    assert 'id="decision-status">Withdrawn' in html and "Why: Clause 5 is being redrafted." in html
    assert "progress-bar" not in html and "Extend the ballot" not in html
    assert "Votes cast before the ballot was withdrawn (not counted)" in html
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.DRAFT


def test_closing_by_hand_before_every_partner_voted_is_refused_with_the_count(client, cast, decision):
    client.force_login(cast.secretariat)
    response = client.post(f"/decisions/{decision.pk}/close/", follow=True)
    assert "0 of 4 current Partners have voted" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


# Reminding the Partners that have not voted --------------------------------------------------------


def test_the_secretariat_reminds_the_focal_points_that_have_not_voted_once_a_day(
    client, cast, decision, django_capture_on_commit_callbacks
):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    mail.outbox.clear()
    client.force_login(cast.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reminders/ballots/{decision.pk}/", follow=True)
    assert "2 focal point(s) of Partners that have not voted were reminded" in response.content.decode()
    reminded = set(
        Reminder.objects.filter(kind=Kind.BALLOT, subject_id=decision.pk).values_list(
            "recipient__username", flat=True
        )
    )
    assert reminded == {"secretariat", "focal_b"}  # WMO voted; UNECE has no focal point
    assert sorted(m.to[0] for m in mail.outbox) == ["focal_b@example.org", "secretariat@example.org"]
    assert all(decision.question in m.body for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/reminders/ballots/{decision.pk}/", follow=True)
    assert "already reminded today" in again.content.decode()
    assert Reminder.objects.filter(kind=Kind.BALLOT, subject_id=decision.pk).count() == 2
    assert len(mail.outbox) == 2


def test_a_focal_point_cannot_send_the_reminders(client, cast, decision):
    client.force_login(cast.focal_a)
    assert client.post(f"/reminders/ballots/{decision.pk}/").status_code == 403
    assert not Reminder.objects.exists()


def test_a_withdrawn_ballot_is_not_reminded_of(client, cast, decision):
    services.decision_withdraw(by=cast.secretariat, decision=decision, reason="Wrong question.")
    client.force_login(cast.secretariat)
    response = client.post(f"/reminders/ballots/{decision.pk}/", follow=True)
    assert "Only a running ballot is reminded of." in response.content.decode()
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("rows", [2, 50])
def test_the_secretariats_ballot_page_queries_are_bounded(client, cast, django_assert_max_num_queries, rows):
    board = make_board(rows, 2)
    decision = open_other(cast)
    for partner, people in board[: rows // 2]:
        services.ballot_cast(decision=decision, partner=partner, by=people[0], choice="yes")
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(20):
        response = client.get(f"/decisions/{decision.pk}/")
    html = response.content.decode()
    assert f"{rows // 2} of {rows + 4}</strong>" in html
    assert f"Partners that have not voted ({rows - rows // 2 + 4})" in html


# A ToR draft with comments not yet handled --------------------------------------------------------


def test_the_tor_ballot_form_asks_to_confirm_unhandled_comments(client, cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(1))
    services.tor_comment_add(by=cast.focal_b, tor_version=draft, text="Say more about Hubs.")
    ToRVersion.objects.filter(pk=draft.pk).update(comment_deadline=in_days(-1))  # the period is over
    client.force_login(cast.secretariat)
    url = f"/tor/versions/{draft.number}/ballot/"
    form = client.get(url).content.decode()
    assert "1 comment on this draft is still “Not yet handled”" in form
    assert 'name="unhandled_comments_confirmed"' in form
    data = {"question": "Adopt v2?", "rule": "simple_majority", "deadline": local(in_days(14))}
    refused = client.post(url, data, follow=True).content.decode()
    assert "are still “Not yet handled”: record how each was handled, or confirm" in refused
    assert not Decision.objects.exists()
    opened = client.post(url, {**data, "unhandled_comments_confirmed": "on"}, follow=True)
    assert "The ballot is open." in opened.content.decode()
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.BALLOT


def test_the_tor_ballot_form_has_nothing_to_confirm_without_unhandled_comments(client, cast, draft):
    client.force_login(cast.secretariat)
    form = client.get(f"/tor/versions/{draft.number}/ballot/").content.decode()
    assert "unhandled_comments_confirmed" not in form and "Not yet handled" not in form


# The admin ----------------------------------------------------------------------------------------


def test_the_admin_extends_and_withdraws_with_the_reason(client, cast, decision):
    client.force_login(cast.secretariat)
    url = "/admin/governance/decision/"
    new = decision.deadline + dt.timedelta(days=3)
    response = client.post(
        url,
        {
            "action": "extend_deadline",
            "_selected_action": [decision.pk],
            "deadline": local(new),
            "reason": "More time for UNDP.",
        },
        follow=True,
    )
    assert "1 ballots extended" in response.content.decode()
    decision.refresh_from_db()
    assert local(decision.deadline) == local(new) and decision.change_note == "More time for UNDP."
    response = client.post(
        url, {"action": "withdraw_ballot", "_selected_action": [decision.pk], "reason": ""}, follow=True
    )
    assert "Say why the ballot is withdrawn" in response.content.decode()
    client.post(
        url, {"action": "withdraw_ballot", "_selected_action": [decision.pk], "reason": "Superseded."}
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.WITHDRAWN and decision.change_note == "Superseded."


def test_the_last_vote_through_the_page_closes_the_ballot_and_says_so(client, cast, decision):
    unece = make_person("unece_fp")
    services.focal_point_add(partner=cast.unece, person=unece, by=cast.secretariat)
    for partner, person in [
        (cast.itu, cast.secretariat),
        (cast.unece, unece),
        (cast.partner_a, cast.focal_a),
    ]:
        services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
    client.force_login(cast.focal_b)
    prefix = f"p{cast.partner_b.pk}"
    response = client.post(
        f"/decisions/{decision.pk}/vote/",
        {f"{prefix}-partner": cast.partner_b.pk, f"{prefix}-choice": "no"},
        follow=True,
    )
    html = response.content.decode()
    assert "Every current Partner has now voted: the ballot is closed. Result: Adopted." in html
    assert 'id="decision-result"><strong>Adopted</strong>' in html


def test_past_its_deadline_an_open_ballot_offers_only_close_and_count(client, cast, decision):
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(cast.secretariat)
    html = page(client, decision)
    assert "Close and count" in html
    assert (
        "Extend the ballot" not in html and "Withdraw the ballot" not in html and "Remind their" not in html
    )
