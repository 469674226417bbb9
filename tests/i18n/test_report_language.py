"""The draft meeting report PDF is rendered in its reader's language (one render per language),
with the Arabic document right to left."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from meetings.models import ReportRender
from tests.i18n.test_person_language import ENGLISH_MONTHS, FRENCH_MONTHS

pytestmark = pytest.mark.pango


def draft_pdf_text(client, url, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202  # being prepared, in this reader's language
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_french_reader_gets_the_draft_report_in_french(
    client, cast, fifth, django_capture_on_commit_callbacks
):
    client.force_login(cast.focal_a)
    month = timezone.localtime(fifth.meeting.starts_at).month - 1
    with translation.override("fr"):
        french_url = reverse("meetings:meeting_report", args=[fifth.meeting.slug])
    assert french_url.startswith("/fr/")
    french = draft_pdf_text(client, french_url, django_capture_on_commit_callbacks)
    with translation.override("en"):
        english_url = reverse("meetings:meeting_report", args=[fifth.meeting.slug])
    english = draft_pdf_text(client, english_url, django_capture_on_commit_callbacks)
    assert FRENCH_MONTHS[month] in french and ENGLISH_MONTHS[month] not in french
    assert ENGLISH_MONTHS[month] in english
    # One render per language: a French and an English reader alternating do not render in turn.
    assert sorted(ReportRender.objects.values_list("language", flat=True)) == ["en", "fr"]
