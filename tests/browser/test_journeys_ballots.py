"""Issue 19, ballots the Secretariat can run, clicked through the real pages: the Secretariat sees
a running ballot's progress and who has not voted, reminds them, extends the deadline and then
withdraws the ballot; the page passes axe's WCAG 2.1 AA checks on the way. Each journey runs in
English and again in another language (issue 13): Russian, Arabic."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Decision, ToRComment
from reminders.models import Kind, Reminder
from tests.browser.conftest import (
    LOCALES,
    assert_language,
    assert_no_page_problems,
    in_languages,
    sign_in,
    speak,
)
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@in_languages("ru")
def test_the_secretariat_reminds_extends_and_withdraws_a_running_ballot(new_page, people, language):
    from governance import services

    words = speak(people, language, "secretariat")
    decision = services.decision_open(
        by=people.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the Board meet in Geneva?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    services.ballot_cast(decision=decision, partner=people.partner_a, by=people.focal_a, choice="yes")
    content = (decision.question, "UNDP", "ITU", "UNECE", "WMO")
    page = new_page(locale=LOCALES[language])
    sign_in(page, "secretariat")
    page.goto(f"{words.prefix}/decisions/{decision.pk}/")
    assert_language(page, language, content)
    voted = words.text(
        '<strong id="progress-cast">%(cast)s of %(partners)s</strong> current Partners have voted',
        cast=1,
        partners=4,
    )
    bar = page.get_by_role("progressbar", name=voted)
    expect(bar).to_have_attribute("value", "1")
    expect(page.locator("#progress-quorum")).to_have_text(
        words("Quorum: %(quorum)s Partners — %(missing)s more needed.", quorum=2, missing=1)
    )
    not_voted = page.locator("ul.not-voted")
    expect(not_voted).to_contain_text("UNDP")
    expect(not_voted).not_to_contain_text("WMO")
    if language == "en":  # axe's checks of this page in Arabic and Chinese: tests/browser/test_languages.py
        assert serious_violations(page) == []

    page.get_by_role("button", name=words("Remind their focal points")).click()
    expect(
        page.get_by_text(
            words("%(sent)s focal point(s) of Partners that have not voted were reminded.", sent=2)
        )
    ).to_be_visible()
    assert_language(page, language, content)
    assert Reminder.objects.filter(kind=Kind.BALLOT, subject_id=decision.pk).count() == 2

    new_deadline = timezone.localtime(decision.deadline + dt.timedelta(days=5))
    page.get_by_label(words.field("New deadline")).fill(new_deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(words.field("Why the ballot is extended")).fill("Two Partners asked for more time.")
    page.get_by_role("button", name=words("Extend the ballot")).click()
    told = words("The ballot now closes at %(deadline)s; every focal point is told why.", deadline="\x00")
    expect(page.get_by_text(told.split("\x00")[-1].strip() or told.split("\x00")[0].strip())).to_be_visible()
    expect(page.locator(".decision-extension")).to_contain_text("Two Partners asked for more time.")
    assert_language(page, language, (*content, "Two Partners asked for more time."))
    decision.refresh_from_db()
    assert timezone.localtime(decision.deadline).date() == new_deadline.date()

    page.get_by_label(words.field("Why the ballot is withdrawn")).fill(
        "The question will be asked at the annual meeting."
    )
    page.get_by_role("button", name=words("Withdraw the ballot"), exact=True).click()
    expect(page.locator("#decision-status")).to_have_text(words.label(Decision.Status.WITHDRAWN))
    expect(page.locator("#decision-withdrawn")).to_contain_text("asked at the annual meeting")
    expect(page.get_by_role("progressbar")).to_have_count(0)
    assert_language(
        page,
        language,
        (*content, "Two Partners asked for more time.", "The question will be asked at the annual meeting."),
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.WITHDRAWN
    assert_no_page_problems(page)


@in_languages("ar")
def test_a_focal_point_comments_on_a_clause_from_waiting_for_you_and_the_secretariat_handles_it(
    new_page, people, language
):
    from governance import services
    from tests.decisions.conftest import in_days, make_tor_version

    words = speak(people, language, "focal_a", "secretariat")
    make_tor_version()
    draft = services.tor_revision_create(by=people.secretariat, summary="Workplan review")
    services.tor_comment_period_open(by=people.secretariat, tor_version=draft, deadline=in_days(7))

    focal = new_page(locale=LOCALES[language])
    sign_in(focal, "focal_a")
    focal.goto(f"{words.prefix}/me/")
    assert_language(focal, language)
    focal.get_by_role(
        "link",
        name=words.anchor(
            'Draft version %(number)s of the ToR is open for comments until <time datetime="%(iso)s">%(deadline)s</time>'
            ' (ToR 13b) — <a href="%(url)s">comment clause by clause</a>.',
            number=2,
            iso="",
            deadline="",
            url="",
        ),
    ).click()
    focal.get_by_role("link", name=words("Comment on clause %(label)s", label="5(b)")).click()
    expect(focal.locator("#quoted-clause")).to_contain_text("Further reviewed by the Management Team")
    focal.get_by_label(words.field("Your comment on this clause")).fill("Say who reviews it first.")
    focal.get_by_role("button", name=words("Send comment")).click()
    expect(
        focal.get_by_text(words("Your comment on clause %(label)s was recorded.", label="5(b)"))
    ).to_be_visible()
    beside = focal.locator("#clause-5b .clause-comments")
    expect(beside).to_contain_text("Say who reviews it first.")
    expect(beside).to_contain_text(words.label(ToRComment.Handling.PENDING))
    if language == "en":
        assert serious_violations(focal) == []
    assert_no_page_problems(focal)

    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(f"{words.prefix}/me/")
    assert_language(secretariat, language)
    waiting = (
        '%(pending)s comment on draft version %(number)s of the ToR is not yet handled (ToR 9) — <a href="%(url)s">'
        "record how each was handled</a>."
    )
    waiting_plural = (
        '%(pending)s comments on draft version %(number)s of the ToR are not yet handled (ToR 9) — <a href="%(url)s">'
        "record how each was handled</a>."
    )
    expect(secretariat.locator("#waiting-heading + ul")).to_contain_text(
        words.read(words.n(waiting, waiting_plural, 1, pending=1, number=2, url=""))
    )
    secretariat.get_by_role(
        "link", name=words.first_link(words.n(waiting, waiting_plural, 1, pending=1, number=2, url=""))
    ).click()
    secretariat.get_by_label(words.field("How it was handled")).select_option("accepted")
    secretariat.get_by_role(
        "button",
        name=words.text(
            'Record handling<span class="visually-hidden"> of comment %(n)s</span>', n=""
        ).strip(),
    ).click()
    expect(secretariat.get_by_text(words("The handling of the comment was recorded."))).to_be_visible()
    assert_language(secretariat, language, ("Say who reviews it first.",))
    if language == "en":  # the list of what is waiting does not depend on the language
        secretariat.goto("/me/")
        expect(secretariat.locator("main")).not_to_contain_text("not yet handled")
    assert ToRComment.objects.get().handling == ToRComment.Handling.ACCEPTED
    assert_no_page_problems(secretariat)
