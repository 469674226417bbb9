"""Issue 19, ballots the Secretariat can run, clicked through the real pages: the Secretariat sees
a running ballot's progress and who has not voted, reminds them, extends the deadline and then
withdraws the ballot; the page passes axe's WCAG 2.1 AA checks on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Decision
from reminders.models import Kind, Reminder
from tests.browser.conftest import assert_no_page_problems, sign_in
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_reminds_extends_and_withdraws_a_running_ballot(page, people):
    from governance import services

    decision = services.decision_open(
        by=people.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the Board meet in Geneva?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    services.ballot_cast(decision=decision, partner=people.partner_a, by=people.focal_a, choice="yes")
    sign_in(page, "secretariat")
    page.goto(f"/decisions/{decision.pk}/")
    bar = page.get_by_role("progressbar", name="1 of 4 current Partners have voted")
    expect(bar).to_have_attribute("value", "1")
    expect(page.locator("#progress-quorum")).to_have_text("Quorum: 2 Partners — 1 more needed.")
    not_voted = page.locator("ul.not-voted")
    expect(not_voted).to_contain_text("UNDP")
    expect(not_voted).not_to_contain_text("WMO")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Remind their focal points").click()
    expect(page.get_by_text("2 focal point(s) of Partners that have not voted were reminded")).to_be_visible()
    assert Reminder.objects.filter(kind=Kind.BALLOT, subject_id=decision.pk).count() == 2

    new_deadline = timezone.localtime(decision.deadline + dt.timedelta(days=5))
    page.get_by_label("New deadline").fill(new_deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Why the ballot is extended").fill("Two Partners asked for more time.")
    page.get_by_role("button", name="Extend the ballot").click()
    expect(page.get_by_text("every focal point is told why")).to_be_visible()
    expect(page.locator(".decision-extension")).to_contain_text("Two Partners asked for more time.")
    decision.refresh_from_db()
    assert timezone.localtime(decision.deadline).date() == new_deadline.date()

    page.get_by_label("Why the ballot is withdrawn").fill("The question will be asked at the annual meeting.")
    page.get_by_role("button", name="Withdraw the ballot").click()
    expect(page.locator("#decision-status")).to_have_text("Withdrawn")
    expect(page.locator("#decision-withdrawn")).to_contain_text("asked at the annual meeting")
    expect(page.get_by_role("progressbar")).to_have_count(0)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.WITHDRAWN
    assert_no_page_problems(page)


def test_a_focal_point_comments_on_a_clause_from_waiting_for_you_and_the_secretariat_handles_it(
    new_page, people
):
    from governance import services
    from tests.decisions.conftest import in_days, make_tor_version

    make_tor_version()
    draft = services.tor_revision_create(by=people.secretariat, summary="Workplan review")
    services.tor_comment_period_open(by=people.secretariat, tor_version=draft, deadline=in_days(7))

    focal = new_page()
    sign_in(focal, "focal_a")
    focal.goto("/me/")
    focal.get_by_role("link", name="comment clause by clause").click()
    focal.get_by_role("link", name="Comment on clause 5(b)").click()
    expect(focal.locator("#quoted-clause")).to_contain_text("Further reviewed by the Management Team")
    focal.get_by_label("Your comment on this clause").fill("Say who reviews it first.")
    focal.get_by_role("button", name="Send comment").click()
    expect(focal.get_by_text("Your comment on clause 5(b) was recorded.")).to_be_visible()
    beside = focal.locator("#clause-5b .clause-comments")
    expect(beside).to_contain_text("Say who reviews it first.")
    expect(beside).to_contain_text("Not yet handled")
    assert serious_violations(focal) == []
    assert_no_page_problems(focal)

    secretariat = new_page()
    sign_in(secretariat, "secretariat")
    secretariat.goto("/me/")
    expect(secretariat.locator("#waiting-heading + ul")).to_contain_text(
        "1 comment on draft version 2 of the ToR is not yet handled"
    )
    secretariat.get_by_role("link", name="record how each was handled").click()
    secretariat.get_by_label("How it was handled").select_option("accepted")
    secretariat.get_by_role("button", name="Record handling").click()
    expect(secretariat.get_by_text("The handling of the comment was recorded.")).to_be_visible()
    secretariat.goto("/me/")
    expect(secretariat.locator("main")).not_to_contain_text("not yet handled")
    assert_no_page_problems(secretariat)
