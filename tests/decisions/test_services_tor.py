"""Drafting a ToR revision and its comment period, through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import services
from governance.models import Clause, ToRComment, ToRVersion
from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.decisions.conftest import in_days


def test_a_draft_copies_every_clause_of_the_version_in_force(cast, tor_v1, draft):
    assert draft.number == 2 and draft.based_on == tor_v1 and draft.status == ToRVersion.Status.DRAFT
    old = list(tor_v1.clauses.order_by("position"))
    new = list(draft.clauses.order_by("position"))
    assert [(c.key, c.text, c.derived_from_id) for c in new] == [(c.key, c.text, c.pk) for c in old]
    assert said(new[0].history.first().history_change_reason) == "Copied from version 1"


@pytest.mark.parametrize("person", ["focal_a", "chair", "participant"])
def test_only_the_secretariat_drafts(cast, tor_v1, person):
    with pytest.raises(RuleDenied):
        services.tor_revision_create(by=getattr(cast, person))
    assert ToRVersion.objects.count() == 1


def test_no_draft_without_a_version_in_force(cast):
    with pytest.raises(DomainError, match="No version"):
        services.tor_revision_create(by=cast.secretariat)


def test_only_the_secretariat_edits_a_draft(cast, draft):
    with pytest.raises(RuleDenied):
        services.clause_edit(by=cast.focal_a, clause=draft.clauses.get(key="1"), text="Changed")
    assert draft.clauses.get(key="1").text.startswith("The ITU")


def test_the_version_in_force_cannot_be_edited(cast, tor_v1):
    with pytest.raises(DomainError, match="can no longer be edited"):
        services.clause_edit(by=cast.secretariat, clause=tor_v1.clauses.get(key="1"), text="Changed")


def test_renumbering_onto_an_existing_clause_is_refused(cast, draft):
    with pytest.raises(DomainError, match="already has 4"):
        services.clause_renumber(by=cast.secretariat, clause=draft.clauses.get(key="5"), number="4")
    assert draft.clauses.filter(number="5").count() == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "clause", "number": "12a"}, "numbered with digits"),
        ({"kind": "subclause", "number": "9", "letter": "a"}, "no clause 9"),
        ({"kind": "clause", "number": "3"}, "already has 3"),
        ({"kind": "clause", "number": "12", "text": "  "}, "needs text"),
    ],
)
def test_bad_insertions_are_refused_and_change_nothing(cast, draft, kwargs, message):
    before = list(draft.clauses.values_list("key", "position"))
    with pytest.raises(DomainError, match=message):
        services.clause_insert(
            by=cast.secretariat, tor_version=draft, after=None, **{"text": "Some text.", **kwargs}
        )
    assert list(draft.clauses.values_list("key", "position")) == before


def test_insertion_without_room_renumbers_positions(cast, tor_v1):
    # tor_v1 has positions 1, 2, 3…: a draft copied from it has room; squeeze many in one spot
    draft = services.tor_revision_create(by=cast.secretariat)
    after = draft.clauses.get(key="1")
    for n in range(20, 30):
        after = services.clause_insert(
            by=cast.secretariat,
            tor_version=draft,
            after=after,
            kind="clause",
            number=str(n),
            text=f"Clause {n}.",
        )
    keys = list(draft.clauses.order_by("position").values_list("key", flat=True))
    assert keys[:12] == ["1", *[str(n) for n in range(20, 30)], "2"]


def test_comment_period_allows_comments_until_the_deadline(cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(3))
    on_clause = services.tor_comment_add(
        by=cast.focal_a, tor_version=draft, clause=draft.clauses.get(key="5b"), text="Add the Chair."
    )
    whole = services.tor_comment_add(by=cast.chair, tor_version=draft, text="Fine overall.")
    assert on_clause.partner == cast.partner_a and whole.partner is None and whole.clause is None


@pytest.mark.parametrize("person", ["participant", "leader_x", "member_x"])
def test_only_management_team_and_partners_comment(cast, draft, person):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(3))
    with pytest.raises(RuleDenied):
        services.tor_comment_add(by=getattr(cast, person), tor_version=draft, text="Hello")
    assert not ToRComment.objects.exists()


def test_comment_after_the_deadline_is_refused_with_a_clear_message(cast, draft):
    deadline = in_days(1)
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=deadline)
    with pytest.raises(DomainError, match="The comment period closed on .*no longer accepted"):
        services.tor_comment_add(by=cast.focal_a, tor_version=draft, text="Late", now=deadline)
    assert not ToRComment.objects.exists()


def test_no_comment_before_the_period_opens(cast, draft):
    with pytest.raises(DomainError, match="not open for comments"):
        services.tor_comment_add(by=cast.focal_a, tor_version=draft, text="Early")


def test_secretariat_records_how_a_comment_was_handled(cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(3))
    comment = services.tor_comment_add(by=cast.focal_b, tor_version=draft, text="Add Hubs.")
    with pytest.raises(RuleDenied):
        services.tor_comment_handle(by=cast.focal_a, comment=comment, handling="accepted")
    handled = services.tor_comment_handle(
        by=cast.secretariat, comment=comment, handling="partly", note="Hubs added to clause 7."
    )
    assert (handled.handling, handled.handled_by, handled.handling_note) == (
        "partly",
        cast.secretariat,
        "Hubs added to clause 7.",
    )


def test_ballot_waits_for_the_end_of_the_comment_period(cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(3))
    with pytest.raises(DomainError, match="comment period runs until"):
        services.decision_open(
            by=cast.secretariat,
            kind="tor_revision",
            question="Adopt?",
            deadline=in_days(10),
            tor_version=draft,
        )
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.COMMENT_PERIOD
    # after the deadline it may go to the ballot; editing stops there
    services.decision_open(
        by=cast.secretariat,
        kind="tor_revision",
        question="Adopt?",
        deadline=in_days(10),
        tor_version=draft,
        now=in_days(3) + dt.timedelta(seconds=1),
    )
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.BALLOT
    with pytest.raises(DomainError, match="can no longer be edited"):
        services.clause_edit(by=cast.secretariat, clause=draft.clauses.first(), text="Late edit")


def test_withdrawn_draft(cast, draft):
    services.tor_revision_withdraw(by=cast.secretariat, tor_version=draft)
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.WITHDRAWN
    with pytest.raises(DomainError):
        services.tor_revision_withdraw(by=cast.secretariat, tor_version=draft)
    assert timezone.now()  # nothing else moved
    assert Clause.objects.filter(tor_version=draft).count() == 11
