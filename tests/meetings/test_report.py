"""The meeting report: a document the Secretariat reviews (the draft, read by the Partners' audience,
rendered in a Celery task and cached by content version) and publishes (rendered once, kept, public
in full, Partners-only sessions included), with the sections of the Fifth meeting report."""

from __future__ import annotations

import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kernel.reasons import said
from meetings import report, services
from meetings.models import Meeting, ReportRender, Session
from tests.meetings.conftest import (
    CRISTINA_BUETI,
    KARI_EIK,
    LEWIS_LETTINGTON,
    PAOLA_DEDA,
    SESSION_4_SECRET,
    files_under_media,
)

pytestmark = pytest.mark.django_db


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(content: bytes) -> str:
    return _normalise(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def _fetch_draft(client, meeting, django_capture_on_commit_callbacks):
    """A reader of the draft: 'being prepared' while the task renders it, then the PDF."""
    url = reverse("meetings:meeting_report", args=[meeting.slug])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url)
    assert first.status_code == 202
    assert '<meta http-equiv="refresh" content="5">' in first.content.decode()
    assert "being prepared" in first.content.decode()
    second = client.get(url)
    assert second.status_code == 200, second.content[:300]
    assert second["Content-Type"] == "application/pdf"
    return b"".join(second.streaming_content)


def _held(cast, fifth) -> Meeting:
    """The Fifth meeting as held, with its closing session (MR 4)."""
    services.session_add(
        by=cast.secretariat,
        meeting=fifth.meeting,
        title="Closure of the session",
        kind=Session.Kind.CLOSING,
        moderator_name=PAOLA_DEDA,
    )
    return services.meeting_mark_held(
        by=cast.secretariat, meeting=fifth.meeting, held_on=timezone.localdate(fifth.meeting.starts_at)
    )


def _publish(cast, meeting) -> Meeting:
    return services.meeting_report_publish(by=cast.secretariat, meeting=meeting)


def _download(client, meeting) -> bytes:
    response = client.get(reverse("meetings:meeting_report", args=[meeting.slug]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


@pytest.mark.pango
def test_published_report_has_the_sections_of_the_fifth_meeting_report_once_each(client, cast, fifth):
    meeting = _publish(cast, _held(cast, fifth))
    text = _pdf_text(_download(client, meeting))  # a visitor, on the first request: the PDF
    for expected in [
        "Fifth meeting of the United for Smart Sustainable Cities initiative",
        "Virtual meeting, 9 October 2020",
        "Meeting Report - version 9 November 2020",
        "1. Introduction",
        "2. Objectives and Programme",
        "3. Highlights of the discussions",
        "3.1. Opening of the Meeting",
        "3.2. Welcome Remarks",
        "3.3. Session 1: Application of U4SSC KPIs",
        "3.4. Session 2: Update on U4SSC activities",
        "3.5. Session 3: Update on the work of the U4SSC thematic groups",
        "3.6. Session 4: U4SSC working methods",
        f"This session was moderated by {KARI_EIK}",
        f"moderated by {CRISTINA_BUETI}",
        f"moderated by {_normalise(LEWIS_LETTINGTON)}",
        f"moderated by {PAOLA_DEDA}",
        "Ms. Olga Algayerova",
        "4. Closure of the session",
        "Ms. Paola Deda thanked the U4SSC participants",
        "Annex 1: List of participants",
        "Onsite participants (2)",
        "Online participants (2)",
        "Nasser Saleh Al Marzouqi",
    ]:
        assert expected in text, expected
    # Public in full: the Partners-only session was closed, its report is not.
    assert SESSION_4_SECRET in text
    assert "This session was open to U4SSC Partners only" not in text
    # No section or sentence twice, no closing session numbered as a discussion.
    assert text.count("is a United Nations initiative coordinated by") == 1
    assert text.count("can be found in Annex 1") == 1
    assert "3.7" not in text and text.count("Closure of the session") == 2  # programme and heading
    assert "Draft for review" not in text
    assert "Annex 2" not in text  # no work plan attached


def test_unpublished_report_is_404_for_visitors_never_being_prepared(client, cast, fifth):
    url = reverse("meetings:meeting_report", args=[fifth.meeting.slug])
    response = client.get(url)
    assert response.status_code == 404
    client.force_login(cast.participant)
    assert client.get(url).status_code == 404
    assert not ReportRender.objects.exists()
    page = client.get(fifth.meeting.get_absolute_url()).content.decode()
    assert url not in page  # no link to a report that does not exist yet


@pytest.mark.pango
def test_partners_review_the_draft_with_the_partners_only_session(
    client, cast, fifth, django_capture_on_commit_callbacks
):
    client.force_login(cast.focal_a)
    page = client.get(fifth.meeting.get_absolute_url()).content.decode()
    assert "Draft report (PDF)" in page and "Publish the report" not in page
    text = _pdf_text(_fetch_draft(client, fifth.meeting, django_capture_on_commit_callbacks))
    assert "Draft for review by the U4SSC Partners: not published." in text
    assert SESSION_4_SECRET in text
    assert set(ReportRender.objects.values_list("variant", flat=True)) == {report.DRAFT}


@pytest.mark.pango
def test_draft_is_cached_by_content_version_and_rendered_again_after_a_change(
    client, cast, fifth, django_capture_on_commit_callbacks
):
    client.force_login(cast.focal_a)
    _fetch_draft(client, fifth.meeting, django_capture_on_commit_callbacks)
    first = ReportRender.objects.get()
    url = reverse("meetings:meeting_report", args=[fifth.meeting.slug])
    assert client.get(url).status_code == 200  # cached: no new render
    assert ReportRender.objects.count() == 1
    services.participant_record(
        by=cast.secretariat,
        meeting=fifth.meeting,
        name="Raf Tuts",
        email="tuts@example.org",
        organisation="UN-Habitat",
        attendance="online",
    )
    pdf = _fetch_draft(client, fifth.meeting, django_capture_on_commit_callbacks)
    assert "Raf Tuts" in _pdf_text(pdf)
    latest = ReportRender.objects.get()  # the stale render and its file are gone
    assert latest.pk != first.pk and latest.content_version != first.content_version
    assert len([p for p in files_under_media() if p.parent.parent.name == "reports"]) == 1


@pytest.mark.pango
def test_the_secretariat_publishes_from_the_meeting_page_and_the_published_pdf_stays_as_published(
    client, cast, fifth, django_capture_on_commit_callbacks
):
    meeting = _held(cast, fifth)
    client.force_login(cast.secretariat)
    assert "Publish the report (public in full)" in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(reverse("meetings:meeting_report_publish", args=[meeting.slug]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.report_status == Meeting.ReportStatus.PUBLISHED and meeting.report_published_at
    assert said(meeting.history.first().history_change_reason) == "Report published"
    published = _download(client, meeting)
    # Later edits do not change what was published, until the Secretariat publishes again.
    services.participant_record(
        by=cast.secretariat,
        meeting=meeting,
        name="Raf Tuts",
        email="tuts@example.org",
        organisation="UN-Habitat",
        attendance="online",
    )
    client.logout()
    assert _download(client, meeting) == published
    old_file = meeting.report_file.name
    with django_capture_on_commit_callbacks(execute=True):
        with_tuts = _publish(cast, meeting)
    assert "Raf Tuts" in _pdf_text(_download(client, with_tuts))
    names = [p.name for p in files_under_media()]
    assert old_file.rsplit("/", 1)[-1] not in names  # the replaced PDF is gone
    assert said(with_tuts.history.first().history_change_reason) == "Report published again"


@pytest.mark.pango
def test_table_rows_are_never_split_across_pages(cast, fifth):
    meeting = _held(cast, fifth)
    long_name = "Organisation with a deliberately long name that wraps over several lines of the table cell"
    for n in range(60):
        services.participant_record(
            by=cast.secretariat,
            meeting=meeting,
            name=f"Participant {n:02d}",
            email=f"p{n}@example.org",
            organisation=f"{long_name} number {n:02d}",
            country="Switzerland",
            attendance="online",
        )
    pages = [
        _normalise(page.extract_text())
        for page in PdfReader(io.BytesIO(report.report_pdf(meeting=meeting))).pages
    ]
    for n in range(60):
        holding = [i for i, page in enumerate(pages) if f"Participant {n:02d}" in page]
        assert holding, n
        assert f"number {n:02d}" in pages[holding[0]], f"row {n} is split across pages"


@pytest.mark.parametrize("who", ["focal_a", "chair", "leader_x", "participant"])
def test_only_the_secretariat_publishes_and_a_refusal_stores_nothing(client, cast, fifth, who):
    meeting = _held(cast, fifth)
    with pytest.raises(RuleDenied):
        services.meeting_report_publish(by=getattr(cast, who), meeting=meeting)
    client.force_login(getattr(cast, who))
    client.post(reverse("meetings:meeting_report_publish", args=[meeting.slug]))
    meeting.refresh_from_db()
    assert meeting.report_status == Meeting.ReportStatus.DRAFT and not meeting.report_file
    assert not [p for p in files_under_media() if "reports" in p.parts]


def test_a_report_is_published_once_the_meeting_was_held(client, cast, fifth):
    with pytest.raises(DomainError, match="once the meeting has been held"):
        services.meeting_report_publish(by=cast.secretariat, meeting=fifth.meeting)
    client.force_login(cast.secretariat)
    response = client.post(reverse("meetings:meeting_report_publish", args=[fifth.meeting.slug]), follow=True)
    assert "once the meeting has been held" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert not [p for p in files_under_media() if "reports" in p.parts]


@pytest.mark.pango
def test_annex_2_lists_the_attached_work_plan(client, cast, fifth):
    from thematic_groups.models import Workplan, WorkplanItem

    workplan = Workplan.objects.create(title="U4SSC Work Plan 2020-2021", period="2020-2021")
    WorkplanItem.objects.create(
        workplan=workplan, title="Guiding principles for AI in cities", owner="Okan Geray"
    )
    fifth.meeting.workplan = workplan
    fifth.meeting.save(update_fields=["workplan"])
    text = _pdf_text(_download(client, _publish(cast, _held(cast, fifth))))
    assert "Annex 2: Work plan 2020-2021" in text
    assert "Guiding principles for AI in cities" in text


def test_report_data_is_whole_and_its_version_stable(fifth):
    draft = report.report_data(meeting=fifth.meeting, draft=True)
    assert SESSION_4_SECRET in " ".join(draft["sessions"][5]["highlights"])
    assert report.report_content_version(draft) == report.report_content_version(
        report.report_data(meeting=fifth.meeting, draft=True)
    )
    assert report.report_content_version(draft) != report.report_content_version(
        report.report_data(meeting=fifth.meeting, draft=False)
    )


def test_report_of_an_e_meeting_is_404(client, cast, emeeting_x):
    client.force_login(cast.leader_x)
    assert client.get(reverse("meetings:meeting_report", args=[emeeting_x.slug])).status_code == 404


@pytest.mark.pango
def test_report_queries_are_bounded_for_the_draft_and_the_published_file(
    client, cast, fifth, django_assert_max_num_queries
):
    url = reverse("meetings:meeting_report", args=[fifth.meeting.slug])
    client.force_login(cast.focal_a)
    with django_assert_max_num_queries(18):
        response = client.get(url)  # the draft, cold: enqueued on commit (not executed in this test)
    assert response.status_code in (202, 503)
    meeting = _held(cast, fifth)
    _publish(cast, meeting)
    client.logout()
    with django_assert_max_num_queries(4):
        assert _download(client, meeting)[:5] == b"%PDF-"
