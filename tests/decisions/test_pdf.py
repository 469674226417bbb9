"""The diff and the decision record as PDFs (WeasyPrint), read back by text extraction."""

import io

import pytest
from pypdf import PdfReader

from governance import services
from tests.decisions.conftest import close_at_deadline

pytestmark = pytest.mark.pango


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_draft_diff_as_pdf(client, cast, draft):
    services.clause_edit(
        by=cast.secretariat,
        clause=draft.clauses.get(key="3"),
        text="The U4SSC meetings are open to everyone.",
    )
    services.clause_delete(by=cast.secretariat, clause=draft.clauses.get(key="7"))
    client.force_login(cast.focal_a)
    text = pdf_text(client.get(f"/tor/versions/{draft.number}/diff.pdf"))
    assert "Changes from version 1" in text and "to version 2" in text
    assert "0 inserted, 1 deleted, 0 moved, 0 renumbered, 1 edited" in text
    assert "everyone" in text and "Individual Partners are encouraged" in text


def test_draft_diff_pdf_is_not_public(client, cast, draft):
    assert client.get(f"/tor/versions/{draft.number}/diff.pdf").status_code == 404


def test_closed_decision_record_as_pdf_is_public(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="abstain")
    close_at_deadline(decision)
    text = pdf_text(client.get(f"/decisions/{decision.pk}/record.pdf"))
    assert decision.question in text
    assert "Simple majority of ballots cast" in text
    assert "Adopted" in text and "WMO" in text and "UNDP" in text and "Abstain" in text
    assert "Focal_A Tester" in text
