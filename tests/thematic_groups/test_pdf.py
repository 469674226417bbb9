"""The public PDF: WeasyPrint, rendered once per published edition, with the editorial-review
disclaimer and the IP notice stamped in (ToR 34, MR 3.6)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.thematic_groups.conftest import S, advance
from thematic_groups import services

pytestmark = [pytest.mark.django_db, pytest.mark.pango]


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_published_pdf_carries_the_disclaimer_and_the_ip_notice(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        d = advance(cast, cast.draft_x, S.PUBLISHED)
    d.refresh_from_db()
    assert d.public_pdf and d.public_pdf_edition == 1  # rendered by the task at publication
    response = client.get(reverse("thematic_groups:deliverable_pdf", args=[d.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert services.EDITORIAL_DISCLAIMER in text
    assert services.IP_NOTICE in text
    assert d.title in text and "City platforms integrate municipal data." in text


def test_pdf_is_rendered_once_per_edition(client, cast, monkeypatch):
    d = advance(cast, cast.draft_x, S.PUBLISHED)
    import kernel.pdf

    calls = []
    real = kernel.pdf.html_to_pdf

    def counting(html, **kwargs):
        calls.append(1)
        return real(html, **kwargs)

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", counting)
    url = reverse("thematic_groups:deliverable_pdf", args=[d.slug])
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert len(calls) == 1
    d.refresh_from_db()
    first = d.public_pdf.name
    services.deliverable_withdraw(by=cast.secretariat, deliverable=d, note="Withdrawn")
    assert client.get(url).status_code == 404
    assert first and d.public_pdf_edition == 1
