"""The admin's history pages word each change reason in the reader's language (issue 13): the
database keeps a code and its values, the page shows the catalogue's words; a reason stored as an
English sentence before the codes, or typed by a person, is shown as stored."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone, translation

from governance import services as gov
from governance.models import Decision, Mandate, ToRVersion
from tests.admin.conftest import admin_url
from tests.decisions.conftest import make_tor_version
from thematic_groups import services as tg
from thematic_groups.models import Deliverable

pytestmark = pytest.mark.django_db


def reasons_on(client, model, pk, language: str) -> list[str]:
    """The "Change reason" column of the object's history page, as the reader sees it."""
    response = client.get(admin_url(model, "history", pk), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('id="change-history"') :]
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    # the reason is the fifth cell of each row (object, date, comment, changed by, reason, changes)
    return [unescape(re.sub(r"\s+", " ", row[4]).strip()) for row in cells if row]


def words(msgid: str, language: str, **values) -> str:
    with translation.override(language):
        return translation.gettext(msgid) % values


def extended_decision(cast) -> Decision:
    now = timezone.now()
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Meet in Geneva?",
        deadline=now + dt.timedelta(days=3),
        now=now,
    )
    return gov.decision_extend(
        by=cast.secretariat, decision=decision, deadline=now + dt.timedelta(days=10), reason="More time."
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_decisions_history_is_worded_in_the_readers_language(client, cast, language):
    decision = extended_decision(cast)
    client.force_login(cast.secretariat)
    shown = reasons_on(client, Decision, decision.pk, language)
    assert len(shown) == 2
    extended, opened = shown
    french_or_arabic = words("Deadline extended from %(was)s to %(until)s", language, was="", until="")
    assert french_or_arabic.split()[0] in extended and not extended.startswith("decision.")
    assert "Deadline extended" not in extended and "Ballot opened" not in opened
    assert opened.startswith(words("Ballot opened until %(until)s", language, until="").strip())
    # the dates are written in the reader's language too (month names from Django's catalogue)
    with translation.override(language):
        from django.utils.formats import date_format

        assert date_format(timezone.localtime(decision.deadline), "j F Y") in extended


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_mandates_history_words_the_appointment_and_the_end(client, cast, language):
    mandate = cast.vice_chair_mandate
    gov.mandate_end(by=cast.secretariat, mandate=mandate)
    client.force_login(cast.secretariat)
    shown = reasons_on(client, Mandate, mandate.pk, language)
    assert shown[0] == words("Mandate ended early", language)
    day = timezone.localtime(cast.annual_meeting.starts_at).date()
    with translation.override(language):
        from django.utils.formats import date_format

        elected = words("Elected at the meeting of %(day)s", language, day=date_format(day, "DATE_FORMAT"))
    assert shown[-1] == elected
    assert not any("Elected at" in s or "ended early" in s for s in shown)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_tor_versions_history_words_the_draft_and_its_withdrawal(client, cast, language):
    make_tor_version()
    draft = gov.tor_revision_create(by=cast.secretariat, summary="Clarify the workplan.")
    gov.tor_revision_withdraw(by=cast.secretariat, tor_version=draft)
    client.force_login(cast.secretariat)
    shown = reasons_on(client, ToRVersion, draft.pk, language)
    assert shown == [
        words("Draft withdrawn", language),
        words("Draft revision of version %(number)s", language, number=1),
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_deliverables_history_words_its_steps(client, cast, language):
    tg.deliverable_update_text(by=cast.leader_x, deliverable=cast.draft_x, summary="S.", body="B.")
    client.force_login(cast.secretariat)
    shown = reasons_on(client, Deliverable, cast.draft_x.pk, language)
    assert shown[0] == words("Text edited", language) != "Text edited"
    assert all(not re.fullmatch(r"[a-z_.]+(\|.*)?", s) for s in shown)  # no code shown as such


def test_a_reason_stored_as_an_english_sentence_is_shown_as_stored(client, cast):
    decision = extended_decision(cast)
    decision.history.filter(history_change_reason__startswith="decision.extended").update(
        history_change_reason="Deadline extended from 1 May 2026, 12:00 CEST to 8 May 2026, 12:00 CEST"
    )
    client.force_login(cast.secretariat)
    shown = reasons_on(client, Decision, decision.pk, "fr")
    assert shown[0] == "Deadline extended from 1 May 2026, 12:00 CEST to 8 May 2026, 12:00 CEST"


def test_a_reason_a_person_typed_is_shown_as_typed(client, cast):
    gov.partner_leave(
        partner=cast.partner_b,
        left_on=timezone.localdate(),
        by=cast.secretariat,
        reason="Lettre du 3 mai | signée",
    )
    client.force_login(cast.secretariat)
    from governance.models import Partner

    shown = reasons_on(client, Partner, cast.partner_b.pk, "ar")
    assert shown[0] == words("Partner left U4SSC: %(text)s", "ar", text="Lettre du 3 mai | signée")
    assert "Lettre du 3 mai | signée" in shown[0] and "Partner left" not in shown[0]
