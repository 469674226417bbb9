"""List pages and the ballot page cost the same number of queries with 2 or 50 rows."""

import pytest

from governance import services
from tests.decisions.conftest import in_days, make_board, open_other


@pytest.mark.parametrize("rows", [2, 50])
def test_decision_list_queries_are_bounded(client, cast, django_assert_max_num_queries, rows):
    for i in range(rows):
        decision = open_other(cast, question=f"Question {i}?", deadline=in_days(1 + i))
        services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    client.force_login(cast.focal_b)
    with django_assert_max_num_queries(14):
        response = client.get("/decisions/")
    assert response.status_code == 200
    assert len(response.context["awaiting"]) == min(rows, 25)


@pytest.mark.parametrize("rows", [2, 50])
def test_ballot_page_queries_are_bounded(client, cast, django_assert_max_num_queries, rows):
    board = make_board(rows, 1)
    decision = open_other(cast)
    for partner, (person,) in board:
        services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
    client.force_login(board[0][1][0])
    with django_assert_max_num_queries(16):
        response = client.get(f"/decisions/{decision.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count('<tr><th scope="row">') == rows  # the running table


@pytest.mark.parametrize("rows", [2, 50])
def test_tor_versions_and_comments_queries_are_bounded(
    client, cast, draft, django_assert_max_num_queries, rows
):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(2))
    clause = draft.clauses.first()
    for i in range(rows):
        services.tor_comment_add(by=cast.focal_a, tor_version=draft, clause=clause, text=f"Comment {i}")
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(14):
        assert client.get("/tor/versions/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(f"/tor/versions/{draft.number}/comments/").status_code == 200
