"""The decision page's notes on deadline extensions find the history rows by their code (issue 13),
in the reader's language, and still find a row written as an English sentence before the codes."""

from __future__ import annotations

import pytest
from django.utils import translation

from governance import selectors, services
from tests.decisions.conftest import in_days

pytestmark = pytest.mark.django_db


def extend(cast, decision, days: int, why: str):
    return services.decision_extend(
        by=cast.secretariat, decision=decision, deadline=in_days(days), reason=why
    )


def test_the_extension_note_is_in_french_on_the_french_page(client, cast, decision):
    extend(cast, decision, 20, "Deux partenaires n'ont pas encore voté.")
    client.force_login(cast.focal_b)
    html = client.get(f"/fr/decisions/{decision.pk}/").content.decode()
    with translation.override("fr"):
        extended = translation.gettext("Extended %(date)s") % {"date": ""}
    assert extended.strip() in html and 'class="decision-extension"' in html
    assert "Motif : Deux partenaires n&#x27;ont pas encore voté." in html
    assert "Extended" not in html and "Deadline extended" not in html


def test_an_extension_recorded_as_an_english_sentence_is_still_listed(cast, decision):
    extend(cast, decision, 20, "First.")
    decision.history.filter(history_change_reason__startswith="decision.extended").update(
        history_change_reason="Deadline extended from 1 May 2026, 12:00 CEST to 8 May 2026, 12:00 CEST"
    )
    extend(cast, decision, 30, "Second.")
    notes = selectors.decision_extensions(decision)
    assert [n.change_note for n in notes] == ["First.", "Second."]
