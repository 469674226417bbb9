"""The four journeys of issue 8, clicking through the real pages served by a live server.

1. The Secretariat opens a ToR revision ballot.
2. A Partner focal point votes and gets a receipt (in English, and again in French).
3. A Leader schedules an e-meeting and uploads its minutes.
4. A public visitor searches for a deliverable, opens it and downloads its PDF (in English, and
   again in Spanish).
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
from tests.browser.conftest import assert_no_page_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def tor_in_force(people):
    from governance.services.tor_load import tor_version_load_from_text
    from governance.tor_text import reference_text

    return tor_version_load_from_text(text=reference_text(), number=1, adopted_on=dt.date(2023, 5, 10))


def test_the_secretariat_opens_a_tor_revision_ballot(page, people, tor_in_force):
    sign_in(page, "secretariat")
    page.goto("/tor/versions/")
    page.get_by_label("What this revision is for").fill("Let Hubs report every two years")
    page.get_by_role("button", name="Start a draft revision").click()
    expect(page.get_by_text("Draft version 2 created")).to_be_visible()
    page.get_by_role("link", name="Put to a ballot").click()
    question = page.get_by_label(re.compile("question", re.I))
    expect(question).to_have_value(re.compile("approve version 2"))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert re.search(r"/decisions/\d+/$", page.url), page.url
    expect(page.locator("main h1")).to_contain_text("approve version 2")
    decision = Decision.objects.get(kind=Decision.Kind.TOR_REVISION)
    assert decision.status == Decision.Status.OPEN
    assert decision.tor_version.number == 2
    assert decision.tor_version.status == ToRVersion.Status.BALLOT
    assert_no_page_problems(page)


# The journey of the one vote a Partner has runs twice: in English and in French. A French focal
# point (French on the profile, a French browser) follows the same ids, roles and addresses; the
# words on the buttons and labels are the catalogue's, fetched under that language.
VOTE_LOCALES = {"en": "en-GB", "fr": "fr-FR"}


@pytest.mark.parametrize("language", list(VOTE_LOCALES))
def test_a_partner_focal_point_votes_and_gets_a_receipt(new_page, people, language):
    from django.utils import translation
    from django.utils.translation import gettext

    from governance import services

    people.focal_a.language = language
    people.focal_a.save(update_fields=["language"])
    with translation.override(language):
        yes, cast_vote = str(Ballot.Choice.YES.label), gettext("Cast vote")
    if language != "en":
        assert (yes, cast_vote) != ("Yes", "Cast vote"), f"the ballot form is not translated into {language}"
    decision = services.decision_open(
        by=people.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the next annual meeting be held online?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    page = new_page(locale=VOTE_LOCALES[language])
    sign_in(page, "focal_a")
    page.goto("/decisions/")
    prefix = "" if language == "en" else f"/{language}"
    assert page.url.endswith(f"{prefix}/decisions/"), page.url  # the person's language, by its address
    assert page.locator("html").get_attribute("lang") == language
    page.get_by_role("link", name=re.compile("held online")).first.click()
    assert page.url.endswith(f"{prefix}/decisions/{decision.pk}/"), page.url
    assert page.locator("html").get_attribute("lang") == language
    page.get_by_label(yes, exact=True).check()
    page.get_by_role("button", name=cast_vote).click()
    receipt = page.locator("#receipt-code")
    expect(receipt).to_be_visible()
    assert page.locator("html").get_attribute("lang") == language
    ballot = Ballot.objects.get(decision=decision, partner=people.partner_a)
    assert ballot.choice == Ballot.Choice.YES and ballot.cast_by == people.focal_a
    expect(receipt).to_have_text(ballot.receipt_code)
    expect(page.locator("main")).to_contain_text(ballot.receipt_code)
    assert_no_page_problems(page)


def test_a_leader_schedules_an_e_meeting_and_uploads_its_minutes(page, people, tmp_path):
    sign_in(page, "leader_x")
    page.goto("/meetings/")
    page.get_by_role("link", name="Schedule an e-meeting").click()
    scope = page.get_by_label("E-meeting of")
    option = scope.locator("option", has_text="City Platforms").first
    scope.select_option(value=option.get_attribute("value"))
    page.get_by_label("Title").fill("City Platforms: review of the draft guide")
    today = timezone.localdate()
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Start time").fill("00:00")
    page.get_by_label("Duration (minutes)").fill("60")
    page.get_by_role("button", name=re.compile("schedule", re.I)).click()
    expect(page.get_by_text("The e-meeting is scheduled")).to_be_visible()
    meeting = Meeting.objects.get(title="City Platforms: review of the draft guide")
    assert meeting.thematic_group == people.group_x and meeting.scheduled_by == people.leader_x

    page.get_by_role("link", name="Upload minutes").click()
    minutes_file = tmp_path / "minutes.pdf"
    minutes_file.write_bytes(MINUTES_PDF)
    page.get_by_label("Minutes file").set_input_files(str(minutes_file))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("Minutes uploaded (version 1)")).to_be_visible()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.uploaded_by == people.leader_x
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download version 1").click()
    download = download_info.value
    assert Path(download.path()).read_bytes() == MINUTES_PDF
    assert_no_page_problems(page)


# The public reading journey runs twice too: in English and in Spanish (a Spanish browser on its
# first visit); the words it clicks are the catalogue's, fetched under that language.
READ_LOCALES = {"en": "en-GB", "es": "es-ES"}


@pytest.mark.pango
@pytest.mark.parametrize("language", list(READ_LOCALES))
def test_a_visitor_searches_opens_and_downloads_a_deliverable(new_page, people, language):
    from django.utils import translation
    from django.utils.translation import gettext

    from thematic_groups.forms import DeliverableSearchForm

    with translation.override(language):
        words = {
            "main": gettext("Main"),
            "deliverables": gettext("Deliverables"),
            "search deliverables": str(DeliverableSearchForm.base_fields["q"].label),
            "search": gettext("Search"),
            "download": gettext("Download PDF"),
        }
    if language != "en":
        assert words["download"] != "Download PDF", f"the deliverable page is not translated into {language}"
    page = new_page(locale=READ_LOCALES[language])
    prefix = "" if language == "en" else f"/{language}"
    page.goto("/")
    assert page.url.endswith(f"{prefix}/"), page.url  # the first visit follows the browser
    assert page.locator("html").get_attribute("lang") == language
    page.get_by_role("navigation", name=words["main"]).get_by_role("link", name=words["deliverables"]).click()
    page.get_by_label(words["search deliverables"]).fill("platforms guide")
    page.get_by_role("search").get_by_role("button", name=words["search"]).click()
    page.get_by_role("link", name="City platforms guide").click()  # content without a translation
    assert page.url.endswith(f"{prefix}/deliverables/published-x/"), page.url
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("main h1")).to_have_text("City platforms guide")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=words["download"]).click()
    download = download_info.value
    assert download.suggested_filename == "published-x.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
    # The unpublished drafts are nowhere in the search.
    page.goto(f"{prefix}/deliverables/?q=city")
    expect(page.locator("main")).not_to_contain_text(people.draft_x.title)
    assert_no_page_problems(page)
