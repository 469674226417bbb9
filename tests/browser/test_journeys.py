"""The four journeys of issue 8, clicking through the real pages served by a live server; each
runs in English and again in another language (issue 13).

1. The Secretariat opens a ToR revision ballot (and in Arabic).
2. A Partner focal point votes and gets a receipt (and in French).
3. A Leader schedules an e-meeting and uploads its minutes (and in Chinese).
4. A public visitor searches for a deliverable, opens it and downloads its PDF (and in Spanish).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Ballot, Decision, ToRVersion
from meetings.models import Meeting, Minutes
from tests.browser.conftest import (
    LOCALES,
    Words,
    assert_language,
    assert_no_page_problems,
    in_languages,
    sign_in,
    speak,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Shall the next annual meeting be held online?"  # written by the Secretariat, in English

MINUTES_LINK = '<a href="%(url_1)s">Download version %(version)s</a> (%(size)s)'
MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@in_languages("ar")
def test_the_secretariat_opens_a_tor_revision_ballot(new_page, people, tor_in_force, language):
    words = speak(people, language, "secretariat")
    page = new_page(locale=LOCALES[language])
    sign_in(page, "secretariat")
    page.goto(f"{words.prefix}/tor/versions/")
    assert_language(page, language)
    page.get_by_label(words("What this revision is for")).fill("Let Hubs report every two years")
    page.get_by_role("button", name=words("Start a draft revision")).click()
    expect(
        page.get_by_text(words("Draft version %(number)s created from the version in force.", number=2))
    ).to_be_visible()
    page.get_by_role("link", name=words("Put to a ballot"), exact=True).click()
    question = page.get_by_label(words.field("Question"))
    approve = words("Do the Partners approve version %(number)s of the Terms of Reference?", number=2)
    expect(question).to_have_value(approve)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert re.search(r"/decisions/\d+/$", page.url), page.url
    assert_language(page, language)
    expect(page.locator("main h1")).to_contain_text(approve)
    decision = Decision.objects.get(kind=Decision.Kind.TOR_REVISION)
    assert decision.status == Decision.Status.OPEN
    assert decision.tor_version.number == 2
    assert decision.tor_version.status == ToRVersion.Status.BALLOT
    assert_no_page_problems(page)


# The journey of the one vote a Partner has runs in English and in French: a French focal point
# (French on the profile, a French browser) follows the same ids, roles and addresses; the words on
# the buttons and labels are the catalogue's, fetched under that language.
@in_languages("fr")
def test_a_partner_focal_point_votes_and_gets_a_receipt(new_page, people, language):
    from governance import services

    words = speak(people, language, "focal_a")
    decision = services.decision_open(
        by=people.secretariat,
        kind=Decision.Kind.OTHER,
        question=QUESTION,
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    page = new_page(locale=LOCALES[language])
    sign_in(page, "focal_a")
    page.goto("/decisions/")
    assert page.url.endswith(f"{words.prefix}/decisions/"), page.url  # the person's language, by its address
    assert_language(page, language, content=(QUESTION,))
    page.get_by_role("link", name=re.compile("held online")).first.click()
    assert page.url.endswith(f"{words.prefix}/decisions/{decision.pk}/"), page.url
    assert_language(page, language, content=(QUESTION,))
    page.get_by_label(words.label(Ballot.Choice.YES), exact=True).check()
    page.get_by_role("button", name=words("Cast vote")).click()
    receipt = page.locator("#receipt-code")
    expect(receipt).to_be_visible()
    assert_language(page, language, content=(QUESTION,))
    ballot = Ballot.objects.get(decision=decision, partner=people.partner_a)
    assert ballot.choice == Ballot.Choice.YES and ballot.cast_by == people.focal_a
    expect(receipt).to_have_text(ballot.receipt_code)
    expect(page.locator("main")).to_contain_text(ballot.receipt_code)
    assert_no_page_problems(page)


@in_languages("zh-hans")
def test_a_leader_schedules_an_e_meeting_and_uploads_its_minutes(new_page, people, tmp_path, language):
    words = speak(people, language, "leader_x")
    page = new_page(locale=LOCALES[language])
    sign_in(page, "leader_x")
    page.goto(f"{words.prefix}/meetings/")
    assert_language(page, language)
    page.get_by_role("link", name=words("Schedule an e-meeting")).click()
    scope = page.get_by_label(words.field("E-meeting of"))
    option = scope.locator("option", has_text="City Platforms").first
    scope.select_option(value=option.get_attribute("value"))
    page.get_by_label(words.field("Title")).fill("City Platforms: review of the draft guide")
    today = timezone.localdate()
    page.get_by_label(words.field("Date")).fill(today.isoformat())
    page.get_by_label(words("Start time")).fill("00:00")
    page.get_by_label(words("Duration (minutes)")).fill("60")
    page.locator("main form button[type=submit]").click()
    expect(
        page.get_by_text(words("The e-meeting is scheduled. It is in the calendars of those invited."))
    ).to_be_visible()
    assert_language(page, language)
    meeting = Meeting.objects.get(title="City Platforms: review of the draft guide")
    assert meeting.thematic_group == people.group_x and meeting.scheduled_by == people.leader_x

    page.get_by_role("link", name=words("Upload minutes"), exact=True).click()
    minutes_file = tmp_path / "minutes.pdf"
    minutes_file.write_bytes(MINUTES_PDF)
    page.get_by_label(words("Minutes file")).set_input_files(str(minutes_file))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text(words("Minutes uploaded (version %(version)s).", version=1))).to_be_visible()
    assert_language(page, language)
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.uploaded_by == people.leader_x
    with page.expect_download() as download_info:
        page.get_by_role("link", name=words.anchor(MINUTES_LINK, url_1="", version=1, size="")).click()
    download = download_info.value
    assert Path(download.path()).read_bytes() == MINUTES_PDF
    assert_no_page_problems(page)


# The public reading journey runs in English and in Spanish (a Spanish browser on its first visit).
@pytest.mark.pango
@in_languages("es")
def test_a_visitor_searches_opens_and_downloads_a_deliverable(new_page, people, language):
    from thematic_groups.forms import DeliverableSearchForm

    words = Words(language)
    page = new_page(locale=LOCALES[language])
    page.goto("/")
    assert page.url.endswith(f"{words.prefix}/"), page.url  # the first visit follows the browser
    assert_language(page, language)
    page.get_by_role("navigation", name=words("Main")).get_by_role("link", name=words("Deliverables")).click()
    page.get_by_label(words.label(DeliverableSearchForm.base_fields["q"].label)).fill("platforms guide")
    page.get_by_role("search").get_by_role("button", name=words("Search")).click()
    page.get_by_role("link", name="City platforms guide").click()  # content without a translation
    assert page.url.endswith(f"{words.prefix}/deliverables/published-x/"), page.url
    assert_language(page, language)
    expect(page.locator("main h1")).to_have_text("City platforms guide")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=words("Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename == "published-x.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
    if language == "en":  # the search itself does not depend on the language
        page.goto("/deliverables/?q=city")  # the unpublished drafts are nowhere in the search
        expect(page.locator("main")).not_to_contain_text(people.draft_x.title)
    assert_no_page_problems(page)
