"""The arithmetic of each ballot rule, including the quorum's edges and ties."""

import pytest

from governance.models import Decision
from governance.services import count_votes

R, A = Decision.Rule, Decision.Result


def votes(yes=0, no=0, abstain=0, object=0):
    return ["yes"] * yes + ["no"] * no + ["abstain"] * abstain + ["object"] * object


@pytest.mark.parametrize(
    ("partners", "ballot", "result"),
    [
        (17, votes(yes=8), A.NO_QUORUM),  # 8 of 17 is less than half
        (17, votes(yes=9), A.ADOPTED),  # 9 of 17 is the quorum
        (16, votes(yes=8), A.ADOPTED),  # exactly half of 16 is enough
        (16, votes(yes=7), A.NO_QUORUM),
        (17, votes(yes=5, no=4), A.ADOPTED),
        (17, votes(yes=4, no=4, abstain=1), A.REJECTED),  # a tie is not adopted
        (17, votes(yes=1, abstain=8), A.ADOPTED),  # abstentions count towards the quorum only
        (17, votes(abstain=9), A.REJECTED),  # quorum, but no majority: 0 yes against 0 no
        (17, votes(yes=3, no=6), A.REJECTED),
        (0, votes(), A.NO_QUORUM),
        (4, votes(), A.NO_QUORUM),
    ],
)
def test_simple_majority_with_quorum_of_half_the_partners(partners, ballot, result):
    count = count_votes(rule=R.SIMPLE_MAJORITY, choices=ballot, partners=partners)
    assert count.result == result
    assert count.cast == len(ballot)
    assert count.quorum == max(1, (partners + 1) // 2)


def test_simple_majority_counts_each_choice():
    count = count_votes(rule=R.SIMPLE_MAJORITY, choices=votes(yes=5, no=3, abstain=2), partners=17)
    assert (count.yes, count.no, count.abstain, count.cast, count.quorum_met) == (5, 3, 2, 10, True)
    assert "5 yes against 3 no" in count.explanation


@pytest.mark.parametrize(
    ("ballot", "result"),
    [
        (votes(yes=2, no=1), A.ADOPTED),  # exactly two-thirds
        (votes(yes=4, no=2, abstain=5), A.ADOPTED),  # abstentions not counted
        (votes(yes=3, no=2), A.REJECTED),  # 60 %
        (votes(yes=6, no=4), A.REJECTED),
        (votes(yes=10, no=5), A.ADOPTED),
        (votes(yes=1), A.ADOPTED),
        (votes(abstain=3), A.REJECTED),  # no yes at all
        (votes(), A.REJECTED),
    ],
)
def test_two_thirds_of_ballots_cast(ballot, result):
    assert count_votes(rule=R.TWO_THIRDS, choices=ballot, partners=17).result == result


@pytest.mark.parametrize(
    ("ballot", "result"),
    [
        (votes(yes=17), A.ADOPTED),
        (votes(yes=16, no=1), A.REJECTED),  # a single no blocks consensus
        (votes(yes=2, abstain=10), A.ADOPTED),  # abstentions do not block
        (votes(abstain=3), A.REJECTED),
        (votes(), A.REJECTED),
    ],
)
def test_consensus_means_no_partner_votes_no(ballot, result):
    assert count_votes(rule=R.CONSENSUS, choices=ballot, partners=17).result == result


@pytest.mark.parametrize(
    ("ballot", "result"),
    [
        (votes(), A.ADOPTED),  # silence: adopted at the deadline
        (votes(yes=3), A.ADOPTED),  # "no objection" ballots
        (votes(object=1), A.REJECTED),  # one objection breaks the silence
        (votes(yes=16, object=1), A.REJECTED),
    ],
)
def test_silence_procedure(ballot, result):
    count = count_votes(rule=R.SILENCE, choices=ballot, partners=17)
    assert count.result == result
    assert count.object == ballot.count("object")
