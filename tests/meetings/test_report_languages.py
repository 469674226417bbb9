"""The published meeting report in the reader's language (issue 13): the English PDF is rendered at
publication, another language on its first request, from the facts kept at publication, and kept;
the content stays as published, the frame's words and the dates follow the reader."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

import kernel.pdf
from meetings import services
from meetings.models import Meeting, ReportRender
from tests.meetings.conftest import SESSION_4_SECRET, files_under_media
from tests.meetings.test_report import _held, _publish

pytestmark = pytest.mark.django_db


def _url(meeting, language: str) -> str:
    with translation.override(language):
        return reverse("meetings:meeting_report", args=[meeting.slug])


def _text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def renders(monkeypatch):
    """The HTML of each PDF rendered (WeasyPrint still makes every one)."""
    made: list[str] = []
    real = kernel.pdf.html_to_pdf

    def counting(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", counting)
    return made


@pytest.mark.pango
def test_a_french_reader_gets_the_published_report_in_french_as_it_was_published(
    client, cast, fifth, renders
):
    meeting = _publish(cast, _held(cast, fifth))
    assert len(renders) == 1  # the English PDF, at publication
    english = _text(client.get(_url(meeting, "en")))
    assert _text(client.get(_url(meeting, "en"))) == english
    assert len(renders) == 1  # the English file is kept, never rendered again
    # Edited after publication: the published report does not change, in any language.
    services.participant_record(
        by=cast.secretariat,
        meeting=meeting,
        name="Aiko Latecomer",
        email="latecomer@example.org",
        organisation="UN-Habitat",
        attendance="online",
    )
    french = _text(client.get(_url(meeting, "fr")))
    assert len(renders) == 2 and '<html lang="fr"' in renders[-1]
    for word in ["2. Objectifs et programme", "Annexe 1 : Liste des participants", "9 octobre 2020"]:
        assert word in french, word
    for word in ["2. Objectives and Programme", "List of participants", "October"]:
        assert word not in french, word
    assert "Aiko Latecomer" not in french and "Aiko Latecomer" not in english
    assert SESSION_4_SECRET in french  # public in full, as in English
    assert "Nasser Saleh Al Marzouqi" in french  # the content as published
    assert _text(client.get(_url(meeting, "fr"))) == french
    assert len(renders) == 2  # the French file is kept too
    assert list(ReportRender.objects.values_list("variant", "language")) == [("public", "fr")]


@pytest.mark.pango
def test_an_arabic_reader_gets_the_published_report_right_to_left(client, cast, fifth, renders):
    meeting = _publish(cast, _held(cast, fifth))
    arabic = _text(client.get(_url(meeting, "ar")))
    assert '<html lang="ar" dir="rtl">' in renders[-1] and "Noto Naskh Arabic" in renders[-1]
    assert "قائمة المشاركين" in arabic  # "List of participants"
    assert "List of participants" not in arabic


@pytest.mark.pango
def test_publishing_again_replaces_the_renders_in_every_language(
    client, cast, fifth, renders, django_capture_on_commit_callbacks
):
    meeting = _publish(cast, _held(cast, fifth))
    _text(client.get(_url(meeting, "fr")))
    old = ReportRender.objects.get().file.name
    services.participant_record(
        by=cast.secretariat,
        meeting=meeting,
        name="Aiko Latecomer",
        email="latecomer@example.org",
        organisation="UN-Habitat",
        attendance="online",
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _publish(cast, meeting)
    assert not ReportRender.objects.exists()
    assert old.rsplit("/", 1)[-1] not in [p.name for p in files_under_media()]
    assert "Aiko Latecomer" in _text(client.get(_url(meeting, "fr")))


def test_a_failed_render_in_another_language_stores_nothing(client, cast, fifth, monkeypatch):
    """The published report exists (its English file); the French render fails: 503, no file."""
    meeting = _held(cast, fifth)
    published = services.meeting_report_publish  # rendered for real when Pango is there
    monkeypatch.setattr(kernel.pdf, "html_to_pdf", lambda html, **kw: b"%PDF-1.4 English as published\n")
    meeting = published(by=cast.secretariat, meeting=meeting)
    before = sorted(files_under_media())

    def broken(html, **kwargs):
        raise kernel.pdf.PdfUnavailable("no Pango on this worker")

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", broken)
    response = client.get(_url(meeting, "fr"))
    assert response.status_code == 503
    assert not ReportRender.objects.exists() and sorted(files_under_media()) == before
    # English readers still get what was published.
    assert b"".join(client.get(_url(meeting, "en")).streaming_content).startswith(b"%PDF-1.4 English")


def test_two_workers_rendering_the_same_language_leave_one_file(client, cast, fifth, monkeypatch):
    """The second worker's insert fails on the unique version: it deletes its own file."""
    from meetings import report

    meeting = _held(cast, fifth)
    monkeypatch.setattr(kernel.pdf, "html_to_pdf", lambda html, **kw: b"%PDF-1.4 report\n")
    meeting = services.meeting_report_publish(by=cast.secretariat, meeting=meeting)
    other_worker = []

    def racing(html, **kwargs):
        if not other_worker:  # while this one renders, another one finishes the same render
            other_worker.append(None)
            other_worker[0] = report.report_published_file(meeting=meeting, language="fr")
        return b"%PDF-1.4 report (fr)\n"

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", racing)
    served = report.report_published_file(meeting=meeting, language="fr")
    render = ReportRender.objects.get()
    assert served.name == other_worker[0].name == render.file.name
    assert [p.name for p in files_under_media() if p.parts[-3:-1] == ("reports", str(meeting.pk))] == [
        render.file.name.rsplit("/", 1)[-1]
    ]


@pytest.mark.parametrize("who", [None, "participant", "leader_x"])
def test_an_unpublished_report_is_404_in_every_language_for_those_outside_the_partners(
    client, cast, fifth, who
):
    if who:
        client.force_login(getattr(cast, who))
    for language in ("fr", "ar"):
        assert client.get(_url(fifth.meeting, language)).status_code == 404
    assert not ReportRender.objects.exists()
    assert Meeting.objects.get(pk=fifth.meeting.pk).report_snapshot is None
