"""Issue 4's journey (issue 13: in English and in Russian): a full ToR revision: draft, edit,
insert, diff, comment period, comment, ballot, votes, count; the new version is in force on /tor/.

Time passes only where the portal waits for a deadline: the test moves the deadline in the
database (the one thing a person cannot do through the pages); everything else is clicked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Ballot, Decision, ToRComment, ToRVersion
from tests.browser.conftest import (
    LOCALES,
    assert_language,
    assert_no_page_problems,
    choose,
    in_languages,
    sign_in,
    speak,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_25 = "Participation in the U4SSC is free of charge for every participant."
NEW_22H = "To share the results of their work with their city networks."


@in_languages("ru")
def test_the_secretariat_runs_a_tor_revision_from_draft_to_version_in_force(
    new_page, people, tor_in_force, language
):
    words = speak(people, language, "secretariat", "focal_a", "focal_b")
    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(f"{words.prefix}/tor/versions/")
    secretariat.get_by_label(words.field("What this revision is for")).fill("Hub reports and participation")
    secretariat.get_by_role("button", name=words("Start a draft revision")).click()
    expect(
        secretariat.get_by_text(
            words("Draft version %(number)s created from the version in force.", number=2)
        )
    ).to_be_visible()
    assert_language(secretariat, language, ("Hub reports and participation",))
    draft_url = secretariat.url

    # Edit one clause.
    edit = words.text('Edit <span class="visually-hidden">clause %(label)s</span>', label="25")
    secretariat.get_by_role("link", name=edit, exact=True).click()
    secretariat.get_by_label(words.field("Text of the clause")).fill(NEW_25)
    secretariat.get_by_role("button", name=words("Save clause")).click()
    expect(secretariat.get_by_text(words("Clause %(label)s saved.", label="25"))).to_be_visible()

    # Insert a clause after 22(g).
    insert = words.text('Insert after <span class="visually-hidden">clause %(label)s</span>', label="22(g)")
    secretariat.get_by_role("link", name=insert, exact=True).click()
    secretariat.get_by_label(words.field("What to insert")).select_option(label=words("Sub-clause"))
    secretariat.get_by_label(words.field("Number")).fill("22")
    secretariat.get_by_label(words.field("Letter")).fill("h")
    secretariat.get_by_label(words.field("Text")).fill(NEW_22H)
    secretariat.get_by_role("button", name=words("Insert clause")).click()
    expect(secretariat.get_by_text(words("Clause %(label)s inserted.", label="22(h)"))).to_be_visible()

    # The diff shows both.
    secretariat.get_by_role(
        "link", name=words("See the changes against version %(number)s", number=1)
    ).click()
    expect(secretariat.locator("main h1")).to_have_text(
        words("Changes from version %(old)s to version %(new)s", old=1, new=2)
    )
    rows = secretariat.locator("table.diff-table tbody tr")
    expect(rows.filter(has_text="22(h)")).to_contain_text("with their city networks")
    expect(rows.filter(has_text="25")).to_contain_text("for every participant")

    # Comment period, closing soon.
    secretariat.goto(draft_url)
    soon = timezone.localtime() + dt.timedelta(hours=2)
    secretariat.get_by_label(words.field("Comments close at")).fill(soon.strftime("%Y-%m-%dT%H:%M"))
    secretariat.get_by_role("button", name=words("Open the comment period")).click()
    expect(secretariat.get_by_text(words("The comment period is open."))).to_be_visible()
    assert_no_page_problems(secretariat)

    focal_a = new_page(locale=LOCALES[language])
    sign_in(focal_a, "focal_a")
    focal_a.goto(f"{words.prefix}/tor/versions/")
    focal_a.get_by_role("link", name=words("Version %(number)s", number=2), exact=True).click()
    expect(focal_a.locator("#draft-status")).to_have_text(words.label(ToRVersion.Status.COMMENT_PERIOD))
    comments = words("Comments (open until %(deadline)s)", deadline="\x00").split("\x00")[0].strip()
    focal_a.get_by_role("link", name=re.compile("^" + re.escape(comments))).click()
    assert_language(focal_a, language)
    choose(focal_a.get_by_label(words.field("On")), re.compile(r"^25 —"))
    focal_a.get_by_label(words.field("Your comment")).fill("WMO supports making this explicit.")
    focal_a.get_by_role("button", name=words("Send comment")).click()
    expect(focal_a.get_by_text(words("Your comment was recorded."))).to_be_visible()
    comment = ToRComment.objects.get(tor_version__number=2)
    assert comment.partner == people.partner_a and comment.clause.label == "25"

    # The comment deadline passes.
    ToRVersion.objects.filter(number=2).update(comment_deadline=timezone.now() - dt.timedelta(minutes=1))

    secretariat.goto(draft_url)
    secretariat.get_by_role("link", name=words("Put to a ballot"), exact=True).click()
    secretariat.get_by_label(words.field("Voting closes at")).fill(soon.strftime("%Y-%m-%dT%H:%M"))
    # WMO's comment is not yet handled: the draft goes to the ballot only when that is confirmed
    expect(secretariat.locator("#unhandled-comments")).to_be_visible()
    secretariat.get_by_label(
        words("Put the draft to the ballot although some comments are still “Not yet handled”")
    ).check()
    secretariat.get_by_role("button", name=words("Open ballot"), exact=True).click()
    expect(secretariat.get_by_text(words("The ballot is open."))).to_be_visible()
    assert_language(secretariat, language)
    decision_url = secretariat.url
    decision = Decision.objects.get(kind=Decision.Kind.TOR_REVISION)
    question = words("Do the Partners approve version %(number)s of the Terms of Reference?", number=2)

    for voter in ("focal_a", "focal_b"):
        voter_page = focal_a if voter == "focal_a" else new_page(locale=LOCALES[language])
        if voter != "focal_a":
            sign_in(voter_page, voter)
        voter_page.goto(f"{words.prefix}/decisions/")
        voter_page.get_by_role("link", name=question).first.click()
        voter_page.get_by_label(words.label(Ballot.Choice.YES), exact=True).check()
        voter_page.get_by_role("button", name=words("Cast vote")).click()
        expect(voter_page.locator("#receipt-code")).to_be_visible()
        assert_no_page_problems(voter_page)
    assert decision.ballots.filter(choice="yes").count() == 2

    # The ballot deadline passes; the Secretariat counts.
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - dt.timedelta(minutes=2), deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    secretariat.goto(decision_url)
    secretariat.get_by_role("button", name=words("Close and count"), exact=True).click()
    expect(
        secretariat.get_by_text(
            words("The ballot is closed: %(result)s.", result=words.label(Decision.Result.ADOPTED))
        )
    ).to_be_visible()
    assert_language(secretariat, language)

    secretariat.goto(f"{words.prefix}/tor/")
    expect(secretariat.locator("#tor-version-number")).to_have_text(words("%(number)s (in force)", number=2))
    expect(secretariat.locator("#tor-adopted-on")).to_have_text(words.date(timezone.localdate()))
    expect(secretariat.locator("#tor-adopted-by")).to_contain_text(
        words("Decision %(pk)s: %(question)s", pk=decision.pk, question="").strip(" :：")
    )
    expect(secretariat.locator("#clause-25")).to_contain_text("for every participant")
    assert_language(secretariat, language, (question,))
    assert_no_page_problems(secretariat)
