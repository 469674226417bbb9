"""The meeting report PDF: structure of the Fifth meeting report, cached by content version,
rendered in a Celery task, and without Partners-only content for the public."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import report, services
from meetings.models import ReportRender
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


def _fetch(client, meeting, django_capture_on_commit_callbacks):
    """First request: 'being prepared' and the render is enqueued; then the PDF."""
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


@pytest.mark.pango
def test_fifth_meeting_report_has_its_structure_sessions_moderators_and_annex_1(
    client, fifth, django_capture_on_commit_callbacks
):
    text = _pdf_text(_fetch(client, fifth.meeting, django_capture_on_commit_callbacks))
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
        "4. Closure",
        "Annex 1: List of participants",
        "Onsite participants (2)",
        "Online participants (2)",
        "Paola Deda",
        "Kari Eik",
        "Nasser Saleh Al Marzouqi",
        "OiER",
    ]:
        assert expected in text, expected
    # The public report keeps session 4's title and moderator, not its content.
    assert "This session was open to U4SSC Partners only." in text
    assert SESSION_4_SECRET not in text
    assert "Katrina Naut" not in text
    assert "Annex 2" not in text  # no work plan attached


@pytest.mark.pango
def test_partners_read_the_partners_only_session_in_their_report(
    client, cast, fifth, django_capture_on_commit_callbacks
):
    client.force_login(cast.focal_a)
    text = _pdf_text(_fetch(client, fifth.meeting, django_capture_on_commit_callbacks))
    assert SESSION_4_SECRET in text
    assert "Katrina Naut" in text
    assert set(ReportRender.objects.values_list("variant", flat=True)) == {"partners"}


@pytest.mark.pango
def test_report_is_cached_by_content_version_and_rendered_again_after_a_change(
    client, cast, fifth, django_capture_on_commit_callbacks
):
    _fetch(client, fifth.meeting, django_capture_on_commit_callbacks)
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
    pdf = _fetch(client, fifth.meeting, django_capture_on_commit_callbacks)
    assert "Raf Tuts" in _pdf_text(pdf)
    latest = ReportRender.objects.get()  # the stale render and its file are gone
    assert latest.pk != first.pk and latest.content_version != first.content_version
    assert len([p for p in files_under_media() if p.parent.parent.name == "reports"]) == 1


@pytest.mark.pango
def test_annex_2_lists_the_attached_work_plan(client, fifth, django_capture_on_commit_callbacks):
    from thematic_groups.models import Workplan, WorkplanItem

    workplan = Workplan.objects.create(title="U4SSC Work Plan 2020-2021", period="2020-2021")
    WorkplanItem.objects.create(
        workplan=workplan, title="Guiding principles for AI in cities", owner="Okan Geray"
    )
    fifth.meeting.workplan = workplan
    fifth.meeting.save(update_fields=["workplan"])
    text = _pdf_text(_fetch(client, fifth.meeting, django_capture_on_commit_callbacks))
    assert "Annex 2: Work plan 2020-2021" in text
    assert "Guiding principles for AI in cities" in text


def test_report_data_of_the_public_variant_has_no_partners_only_content(fifth):
    public = report.report_data(meeting=fifth.meeting, variant=report.PUBLIC)
    partners = report.report_data(meeting=fifth.meeting, variant=report.PARTNERS)
    session4_public = public["sessions"][5]
    assert (
        session4_public["hidden"]
        and "speakers" not in session4_public
        and "highlights" not in session4_public
    )
    assert SESSION_4_SECRET in " ".join(partners["sessions"][5]["highlights"])
    assert report.report_content_version(public) != report.report_content_version(partners)
    assert report.report_content_version(public) == report.report_content_version(
        report.report_data(meeting=fifth.meeting, variant=report.PUBLIC)
    )


def test_report_of_an_e_meeting_is_404(client, cast, emeeting_x):
    client.force_login(cast.leader_x)
    assert client.get(reverse("meetings:meeting_report", args=[emeeting_x.slug])).status_code == 404


def test_report_queries_are_bounded_when_cached_or_cold(client, fifth, django_assert_max_num_queries):
    url = reverse("meetings:meeting_report", args=[fifth.meeting.slug])
    with django_assert_max_num_queries(16):
        response = client.get(url)  # cold: enqueued on commit (not executed in this test)
    assert response.status_code in (202, 503)
