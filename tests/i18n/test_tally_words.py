"""A ballot's tally stores facts (counts, the rule, a reason code), never a sentence: the words
are chosen when a page, PDF or email shows it, through gettext, in the reader's language (issue 13)."""

from __future__ import annotations

import polib
import pytest
from django.utils import translation

from governance import services
from governance.models import Decision
from governance.services.decisions import explain_tally, vote_label
from tests.decisions.conftest import close_at_deadline, open_other

MAJORITY = "%(yes)d yes against %(no)d no, with the quorum of %(quorum)d met."
MAJORITY_FR = "%(yes)d oui contre %(no)d non, le quorum de %(quorum)d étant atteint."


@pytest.fixture
def french_catalogue(settings, tmp_path):
    """A French catalogue holding the tally's sentence, compiled as Django reads it: the words on
    the page come from gettext, not from the database."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    po.append(polib.POEntry(msgid=MAJORITY, msgstr=MAJORITY_FR, flags=["python-format"]))
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]  # Django drops its loaded catalogues on this change


def closed_with_two_votes(cast) -> Decision:
    decision = open_other(cast)
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="abstain")
    return close_at_deadline(decision)


def test_the_stored_tally_holds_counts_and_a_reason_code_and_no_words(cast):
    decision = closed_with_two_votes(cast)
    tally = Decision.objects.get(pk=decision.pk).tally
    assert {
        k: tally[k] for k in ("rule", "partners", "cast", "yes", "no", "abstain", "quorum", "reason")
    } == {
        "rule": "simple_majority",
        "partners": 4,
        "cast": 2,
        "yes": 1,
        "no": 0,
        "abstain": 0 + 1,
        "quorum": 2,
        "reason": "majority",
    }
    assert "explanation" not in tally
    assert all("choice_label" not in vote for vote in tally["votes"])


def test_the_explanation_is_worded_by_gettext_in_the_readers_language(cast, french_catalogue):
    tally = closed_with_two_votes(cast).tally
    assert explain_tally(tally) == "1 yes against 0 no, with the quorum of 2 met."
    with translation.override("fr"):
        assert explain_tally(tally) == "1 oui contre 0 non, le quorum de 2 étant atteint."


def test_the_decision_page_words_the_result_in_french(client, cast, french_catalogue):
    decision = closed_with_two_votes(cast)
    client.force_login(cast.focal_a)
    url = decision.get_absolute_url()  # the English address (a request leaves its language active)
    page = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 oui contre 0 non, le quorum de 2 étant atteint." in page
    # The record's parts are cached (kernel.cache.Fragments) per language: no cache.clear() here.
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 yes against 0 no, with the quorum of 2 met." in page


def test_a_tally_stored_with_an_english_sentence_reads_in_the_readers_language(cast, french_catalogue):
    """Tallies closed before the reason became a code hold an `explanation` sentence and no
    `reason`: the reason is found again from the same counts, and the old sentence is not shown."""
    decision = closed_with_two_votes(cast)
    old = {k: v for k, v in decision.tally.items() if k != "reason"}
    old["explanation"] = "1 yes against 0 no, with the quorum of 2 met."
    for vote in old["votes"]:
        vote["choice_label"] = "Yes" if vote["choice"] == "yes" else "Abstain"
    Decision.objects.filter(pk=decision.pk).update(tally=old)
    with translation.override("fr"):
        assert explain_tally(Decision.objects.get(pk=decision.pk).tally) == (
            "1 oui contre 0 non, le quorum de 2 étant atteint."
        )


@pytest.mark.parametrize(
    ("rule", "choices", "partners", "words"),
    [
        ("simple_majority", ["yes"], 17, "1 of 17 Partners voted; the quorum is 9."),
        ("simple_majority", ["yes", "no"], 3, "1 yes against 1 no: no majority."),
        ("two_thirds", ["yes", "yes", "no"], 17, "2 of 3 yes and no votes are yes (two-thirds met)."),
        ("two_thirds", ["yes", "no"], 17, "1 of 2 yes and no votes are yes: two-thirds not met."),
        ("consensus", ["no"], 17, "1 Partner voted no: there is no consensus."),
        ("consensus", ["no", "no"], 17, "2 Partners voted no: there is no consensus."),
        ("consensus", ["yes"], 17, "1 yes and no Partner against: consensus."),
        ("consensus", ["abstain"], 17, "No Partner voted yes."),
        ("silence", ["object"], 17, "1 Partner objected: the silence was broken."),
        ("silence", [], 17, "No Partner objected before the deadline."),
    ],
)
def test_every_reason_has_its_words(rule, choices, partners, words):
    count = services.count_votes(rule=rule, choices=choices, partners=partners)
    assert explain_tally({**count.__dict__}) == words == count.explanation


def test_a_vote_is_labelled_when_shown_not_when_stored():
    assert vote_label("silence", "object") == "Object (break the silence)"
    assert vote_label("simple_majority", "abstain") == "Abstain"
