"""Issue 6's journey (issue 13: in English and in Spanish): a deliverable from the Leader's proposal
to publication, then found, opened and downloaded by a visitor, with the editorial-review
disclaimer in its PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import (
    LOCALES,
    Words,
    assert_language,
    assert_no_page_problems,
    choose,
    in_languages,
    pdf_text,
    sign_in,
    speak,
)
from tests.browser.data import annual_meeting
from thematic_groups.models import Deliverable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.mark.pango
@in_languages("es")
def test_a_deliverable_goes_from_proposal_to_publication_and_a_visitor_downloads_it(
    new_page, people, tmp_path, language
):
    words = speak(people, language, "leader_x", "secretariat", "participant")
    annual_meeting(
        people,
        title="Seventh U4SSC meeting",
        slug="seventh-u4ssc-meeting",
        starts_at=timezone.now() - dt.timedelta(days=2),
        published=True,
        ordinal=7,
    )
    title = "Digital twins for water utilities"
    call = "Experts in water network modelling"
    content = (
        title,
        call,
        "Help cities model their water networks.",
        "Water utilities of mid-sized cities.",
        "We seek engineers who model urban water networks.",
        "First complete draft",
        "Seventh U4SSC meeting",
    )

    leader = new_page(locale=LOCALES[language])
    sign_in(leader, "leader_x")
    leader.goto(f"{words.prefix}/groups/{people.group_x.slug}/")
    leader.get_by_role("link", name=words("Propose a deliverable"), exact=True).click()
    assert_language(leader, language)
    leader.get_by_label(words.field("Title")).fill(title)
    leader.get_by_label(words.field("Type of deliverable")).select_option(index=1)
    leader.get_by_label(words.field("Objectives")).fill("Help cities model their water networks.")
    leader.get_by_label(words.field("Scope")).fill("Water utilities of mid-sized cities.")
    today = timezone.localdate()
    leader.get_by_label(words.field("Work starts on")).fill(today.isoformat())
    leader.get_by_label(words.field("Planned publication on")).fill(
        (today + dt.timedelta(days=200)).isoformat()
    )
    leader.get_by_role("button", name=words("Propose the deliverable")).click()
    expect(
        leader.get_by_text(words("Your proposal is recorded. It now awaits approval (ToR 19)."))
    ).to_be_visible()
    assert_language(leader, language, content)
    deliverable_url = leader.url
    deliverable = Deliverable.objects.get(title=title)
    assert deliverable.status == Deliverable.Status.PROPOSED
    assert_no_page_problems(leader)

    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(deliverable_url)
    choose(secretariat.get_by_label(words.field("Annual meeting that approved it")), "Seventh U4SSC meeting")
    secretariat.get_by_role("button", name=words("Record approval at this annual meeting")).click()
    expect(secretariat.get_by_text(words("The approval is recorded."))).to_be_visible()

    leader.goto(deliverable_url)
    leader.get_by_role("button", name=words("Start drafting"), exact=True).click()
    expect(leader.get_by_text(words("Drafting has started."))).to_be_visible()
    assert_language(leader, language, content)

    # The Leader calls for experts; a participant signs up from the call and joins the team.
    leader.get_by_label(words.field("Title of the call")).fill(call)
    leader.get_by_label(words.field("Description")).fill("We seek engineers who model urban water networks.")
    leader.get_by_label(words.field("Closes on")).fill((today + dt.timedelta(days=30)).isoformat())
    leader.get_by_role("button", name=words("Open the call")).click()
    expect(leader.get_by_text(words("The call for experts is open."))).to_be_visible()
    participant = new_page(locale=LOCALES[language])
    sign_in(participant, "participant")
    participant.goto(f"{words.prefix}/calls/")
    participant.get_by_role("link", name=call).click()
    participant.get_by_role("button", name=words("Sign up to contribute"), exact=True).click()
    expect(
        participant.get_by_text(words("Thank you: the Leader and the Secretariat have been told."))
    ).to_be_visible()
    assert_language(participant, language, content)
    leader.goto(deliverable_url)
    add = words.text(
        'Add <span class="visually-hidden">%(person)s</span> to the team',
        person=people.participant.get_full_name(),
    )
    leader.get_by_role("button", name=add).click()
    expect(
        leader.get_by_text(words("%(person)s joined the team.", person=people.participant.get_full_name()))
    ).to_be_visible()
    participant.goto(deliverable_url)
    draft = tmp_path / "digital-twins-draft.pdf"
    draft.write_bytes(DRAFT_PDF)
    participant.get_by_label(words.field("Document (PDF, DOCX or ODT)")).set_input_files(str(draft))
    participant.get_by_label(words.field("What changed")).fill("First complete draft")
    participant.get_by_role("button", name=words("Upload"), exact=True).click()
    expect(participant.get_by_text(words("The new version is uploaded."))).to_be_visible()
    download_link = Words.first_link(
        words(
            '<a href="%(url_1)s">Download version %(number)s</a> <span class="muted">(%(size)s)</span>',
            url_1="",
            number=1,
            size="",
        )
    )
    expect(participant.get_by_role("link", name=download_link)).to_be_visible()
    assert_language(participant, language, (*content, people.participant.get_full_name()))
    assert_no_page_problems(participant)

    leader.goto(deliverable_url)
    leader.get_by_role("button", name=words("Mark the latest version as final draft")).click()
    expect(
        leader.get_by_text(words("The final draft is open for factual and editorial comments."))
    ).to_be_visible()
    assert_no_page_problems(leader)

    secretariat.goto(deliverable_url)
    secretariat.get_by_role("button", name=words("Start the editorial review"), exact=True).click()
    expect(secretariat.get_by_text(words("Editorial review has started."))).to_be_visible()
    secretariat.get_by_role("link", name=words("Edit the summary and the published text")).click()
    secretariat.get_by_label(words.field("Summary")).fill("How water utilities use digital twins.")
    secretariat.get_by_label(words.field("Published text")).fill(
        "Digital twins let utilities simulate leaks and demand."
    )
    secretariat.get_by_role("button", name=words("Save the text")).click()
    expect(secretariat.get_by_text(words("The text is saved."))).to_be_visible()
    secretariat.get_by_role("button", name=words("Publish"), exact=True).click()
    expect(
        secretariat.get_by_text(words("Published. The PDF carries the disclaimer and the IP notice."))
    ).to_be_visible()
    assert_language(
        secretariat,
        language,
        (
            *content,
            "How water utilities use digital twins.",
            "Digital twins let utilities simulate leaks and demand.",
            people.participant.get_full_name(),
        ),
    )
    assert_no_page_problems(secretariat)

    visitor = new_page(locale=LOCALES[language])
    visitor.goto(f"{words.prefix}/deliverables/")
    visitor.get_by_label(words.field("Search deliverables")).fill("digital twins")
    visitor.get_by_role("search").get_by_role("button", name=words("Search")).click()
    visitor.get_by_role("link", name=title).click()
    expect(visitor.locator("main h1")).to_have_text(title)
    assert_language(
        visitor,
        language,
        (
            *content,
            "How water utilities use digital twins.",
            "Digital twins let utilities simulate leaks and demand.",
        ),
    )
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name=words("Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename == f"{deliverable.slug}.pdf"
    text = pdf_text(download.path())
    assert "simulate leaks and demand" in text
    if language == "en":
        assert "has been through an editorial review to ensure quality control" in text
    assert_no_page_problems(visitor)
