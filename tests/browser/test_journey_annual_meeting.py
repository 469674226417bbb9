"""Issue 5's journeys (issue 13: each in English and in another language): an annual meeting's
programme is agreed by the Chair and published by the Secretariat, whose report PDF carries the
session titles (and in Chinese); a held meeting's report is published and a visitor downloads it
at once (and in Arabic)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.browser.conftest import (
    LOCALES,
    Words,
    assert_language,
    assert_no_page_problems,
    in_languages,
    pdf_text,
    sign_in,
    speak,
)
from tests.browser.data import annual_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENDA = (
    "Opening; Thematic Group reports; Workplan; Closing.",
    "The annual meeting of the U4SSC initiative, open to all.",
)


@pytest.mark.pango
@in_languages("zh-hans")
def test_the_chair_agrees_the_programme_the_secretariat_publishes_it_and_prints_the_report(
    new_page, people, language
):
    words = speak(people, language, "secretariat", "chair")
    meeting = annual_meeting(
        people,
        title="Ninth U4SSC meeting",
        slug="ninth-u4ssc-meeting",
        starts_at=timezone.now() + dt.timedelta(days=20),
        published=False,
        ordinal=9,
    )
    sessions = ("Opening and welcome", "Cities and climate resilience", "Workplan for next year")
    content = ("Ninth U4SSC meeting", *AGENDA, *sessions)

    # The Secretariat drafts the programme in its admin (ToR 23e): one session per inline row.
    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(f"/admin/meetings/meeting/{meeting.pk}/change/")
    for i, title in enumerate(sessions):
        secretariat.locator("#sessions-group .add-row a").click()  # "Add another Session"
        secretariat.locator(f"#id_sessions-{i}-position").fill(str(i + 1))
        secretariat.locator(f"#id_sessions-{i}-title").fill(title)
    secretariat.locator("input[name=_save]").click()
    expect(secretariat.locator(".messagelist .success")).to_be_visible()
    assert secretariat.locator("html").get_attribute("lang") == language  # the admin speaks it too
    assert list(meeting.sessions.order_by("position").values_list("title", flat=True)) == list(sessions)
    assert_no_page_problems(secretariat)

    chair = new_page(locale=LOCALES[language])
    sign_in(chair, "chair")
    chair.goto(f"{words.prefix}/meetings/")
    chair.get_by_role("link", name="Ninth U4SSC meeting").first.click()
    chair.get_by_role("button", name=words("Agree the agenda")).click()
    agreed = words(
        "The agenda is now “%(agenda_status)s”.", agenda_status=words.label(Meeting.AgendaStatus.AGREED)
    )
    expect(chair.get_by_text(agreed)).to_be_visible()
    assert_language(chair, language, content)
    assert_no_page_problems(chair)

    secretariat.goto(meeting.get_absolute_url())
    secretariat.get_by_role("button", name=words("Publish the programme"), exact=True).click()
    published = words.label(Meeting.AgendaStatus.PUBLISHED)
    expect(
        secretariat.get_by_text(words("The agenda is now “%(agenda_status)s”.", agenda_status=published))
    ).to_be_visible()
    assert_language(secretariat, language, content)
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED

    # The report is a draft the Secretariat and the Partners review until it is published.
    secretariat.get_by_role("link", name=words("Draft report (PDF)")).click()
    expect(secretariat.locator("main h1")).to_have_text(words("Meeting report"))
    expect(secretariat.get_by_role("status")).to_be_visible()
    assert_language(secretariat, language, content)
    with secretariat.expect_download() as download_info:
        secretariat.get_by_role("link", name=words("Try again now")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("ninth-u4ssc-meeting-report-draft")
    text = pdf_text(download.path())
    for title in sessions:
        assert title in text, f"{title!r} not in the report"
    assert_no_page_problems(secretariat)

    # The published programme is public.
    visitor = new_page(locale=LOCALES[language])
    visitor.goto(meeting.get_absolute_url())
    programme = visitor.locator("ol.programme")
    for title in sessions:
        expect(programme.get_by_role("heading", name=title)).to_be_visible()
    assert_language(visitor, language, content)
    assert_no_page_problems(visitor)


@pytest.mark.pango
@in_languages("ar")
def test_the_secretariat_publishes_a_held_meetings_report_and_a_visitor_downloads_it_at_once(
    new_page, people, language
):
    from meetings import services as meeting_services

    words = speak(people, language, "secretariat")
    meeting = annual_meeting(
        people,
        title="Seventh U4SSC meeting",
        slug="seventh-u4ssc-meeting",
        starts_at=timezone.now() - dt.timedelta(days=30),
        published=True,
        ordinal=7,
    )
    highlights = "The Partners agreed to review the working methods every year."
    session_title = "Session for the Partners on the working methods"
    meeting_services.session_add(
        by=people.secretariat,
        meeting=meeting,
        title=session_title,
        audience="partners",
        highlights=highlights,
    )
    meeting_services.meeting_mark_held(
        by=people.secretariat, meeting=meeting, held_on=timezone.localdate(meeting.starts_at)
    )
    content = ("Seventh U4SSC meeting", *AGENDA, session_title, highlights)
    url = f"{words.prefix}{meeting.get_absolute_url()}"

    visitor = new_page(locale=LOCALES[language])
    visitor.goto(url)
    report_link = visitor.get_by_role("link", name=re.compile(re.escape(words("Meeting report")), re.I))
    expect(report_link).to_have_count(0)

    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(url)
    expect(secretariat.get_by_role("link", name=words("Draft report (PDF)"))).to_be_visible()
    secretariat.get_by_role("button", name=words("Publish the report (public in full)")).click()
    expect(
        secretariat.get_by_text(words("The report is published: anyone can now download it, in full."))
    ).to_be_visible()
    assert_language(secretariat, language, content)
    assert_no_page_problems(secretariat)

    # The first public download is the PDF itself, never a "being prepared" page.
    visitor.goto(url)
    assert_language(visitor, language, content)
    link = Words.first_link(
        words('<a href="%(url_1)s">Meeting report (PDF)</a>, published %(report_published_at)s')
    )
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name=link).click()
    download = download_info.value
    assert download.suggested_filename.startswith("seventh-u4ssc-meeting-report")
    if language == "en":  # the PDF in each language: tests/meetings
        assert highlights in pdf_text(download.path())
    assert_no_page_problems(visitor)
