"""The busy hour's pages on the uncached path (issue 17): with the shared caches off (the first
visit after any write), every page costs the same number of queries with 2 rows and with 50, and
that number is small: the person's roles are one query (it was five to seven), the
second-factor middleware reads nothing for a session past the second factor."""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from governance import services
from governance.rulebook import _compute_principal
from tests.decisions.conftest import draft, in_days, make_board, open_other, tor_v1  # noqa: F401
from thematic_groups import services as groups

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caches_off(settings):
    settings.U4SSC_SHARED_CACHE = False


def _get(client, path, bound, django_assert_max_num_queries):
    """Two of the bound are the session and the person, one the Principal; the rest the page's."""
    with django_assert_max_num_queries(bound):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def test_the_principal_is_one_query(cast):
    from django.utils import timezone

    for person in (cast.secretariat, cast.focal_a, cast.chair, cast.leader_x, cast.team_x, cast.participant):
        with CaptureQueriesContext(connection) as queries:
            principal = _compute_principal(person, timezone.localdate())
        assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]
        assert principal.user_id == person.pk
    today = timezone.localdate()
    assert _compute_principal(cast.secretariat, today).secretariat
    assert cast.partner_a.pk in _compute_principal(cast.focal_a, today).partner_ids
    assert _compute_principal(cast.chair, today).chair
    assert cast.group_x.pk in _compute_principal(cast.leader_x, today).leader_group_ids
    assert cast.draft_x.pk in _compute_principal(cast.team_x, today).team_deliverable_ids
    assert cast.group_x.pk in _compute_principal(cast.member_x, today).member_group_ids


@pytest.mark.parametrize("rows", [2, 50])
def test_decisions_list_and_ballot_page(client, cast, django_assert_max_num_queries, rows):
    board = make_board(rows, 1)
    decision = open_other(cast)
    for partner, (person,) in board:
        services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
    for i in range(rows):
        open_other(cast, question=f"Question {i}?", deadline=in_days(1 + i))
    client.force_login(board[0][1][0])
    with CaptureQueriesContext(connection) as queries:
        _get(client, "/decisions/", 6, django_assert_max_num_queries)
    counted = any("COUNT(*)" in q["sql"] for q in queries.captured_queries)
    assert counted == (rows + 1 > 25), "a list that fits on its first page is not counted"
    response = _get(client, f"/decisions/{decision.pk}/", 11, django_assert_max_num_queries)
    assert response.content.decode().count('<tr><th scope="row">') == rows


@pytest.mark.parametrize("rows", [2, 50])
def test_tor_draft_and_diff(client, cast, draft, django_assert_max_num_queries, rows):  # noqa: F811
    clauses = list(draft.clauses.order_by("position"))
    for clause in clauses[:rows]:
        services.clause_edit(by=cast.secretariat, clause=clause, text=clause.text + " (revised)")
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(2))
    for i in range(rows):
        services.tor_comment_add(
            by=cast.focal_a, tor_version=draft, clause=clauses[i % len(clauses)], text=f"Comment {i}"
        )
    client.force_login(cast.focal_a)
    _get(client, f"/tor/versions/{draft.number}/draft/", 7, django_assert_max_num_queries)
    _get(client, f"/tor/versions/{draft.number}/diff/", 6, django_assert_max_num_queries)


@pytest.mark.parametrize("rows", [2, 50])
def test_deliverable_draft_page(client, cast, django_assert_max_num_queries, rows):
    for i in range(rows):
        groups.comment_add(by=cast.focal_a, deliverable=cast.draft_x, text=f"Comment {i}", kind="substantive")
    client.force_login(cast.secretariat)
    _get(client, f"/deliverables/{cast.draft_x.slug}/", 10, django_assert_max_num_queries)


@pytest.mark.parametrize("rows", [2, 50])
def test_my_roles(client, cast, django_assert_max_num_queries, rows):
    for i in range(rows):
        open_other(cast, question=f"Question {i}?", deadline=in_days(1 + i))
    client.force_login(cast.focal_a)
    _get(client, "/me/", 7, django_assert_max_num_queries)


def test_security_settings_are_read_once_and_a_change_counts_at_once(settings, db):
    from portal.models import SecuritySettings

    settings.U4SSC_SHARED_CACHE = True
    with CaptureQueriesContext(connection) as first:
        assert SecuritySettings.current().require_mfa_for_focal_points is False
    with CaptureQueriesContext(connection) as again:
        assert SecuritySettings.current().require_mfa_for_focal_points is False
    assert (len(first), len(again)) == (1, 0)
    SecuritySettings(require_mfa_for_focal_points=True).save()
    assert SecuritySettings.current().require_mfa_for_focal_points is True
    SecuritySettings.objects.all().delete()
    assert SecuritySettings.current().require_mfa_for_focal_points is False


@contextmanager
def compiled_empty():
    """The queries Django compiled whole only to find them empty (`pk__in=[]`): never sent to
    the database, but each paid in full (issue 17: five of them were a third of a participant's
    My roles page). A spy on the real compiler: what it compiles and sends is unchanged."""
    found: list[str] = []
    original = SQLCompiler.as_sql

    def as_sql(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        except EmptyResultSet:
            found.append(self.query.model.__name__)
            raise

    with mock.patch.object(SQLCompiler, "as_sql", as_sql):
        yield found


def test_a_person_without_roles_pays_for_no_empty_query(client, cast, django_assert_max_num_queries):
    """A participant's My roles and an annual meeting's page: no list the Principal knows to be
    empty is compiled; the meeting is one row (no join of its group and deliverable, which an
    annual meeting does not have)."""
    from tests.meetings.conftest import open_meeting

    meeting = open_meeting(cast)
    client.force_login(cast.participant)
    with compiled_empty() as empty:
        response = _get(client, "/me/", 4, django_assert_max_num_queries)
    assert empty == [] and "My roles" in response.content.decode()
    with compiled_empty() as empty, CaptureQueriesContext(connection) as queries:
        response = _get(client, meeting.get_absolute_url(), 9, django_assert_max_num_queries)
    assert empty == [] and meeting.title in response.content.decode()
    meeting_rows = [q["sql"] for q in queries.captured_queries if 'FROM "meetings_meeting"' in q["sql"]]
    assert len(meeting_rows) == 1 and "JOIN" not in meeting_rows[0], meeting_rows


def test_an_e_meeting_shows_its_group_and_deliverable_read_after_it(
    client, cast, django_assert_max_num_queries
):
    from tests.meetings.conftest import held_emeeting

    on_group = held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="City Platforms call")
    on_draft = held_emeeting(cast.leader_x, deliverable=cast.draft_x, title="Draft call")
    client.force_login(cast.leader_x)
    html = _get(client, on_group.get_absolute_url(), 10, django_assert_max_num_queries).content.decode()
    assert "City Platforms call" in html and cast.group_x.title in html
    html = _get(client, on_draft.get_absolute_url(), 11, django_assert_max_num_queries).content.decode()
    assert "Draft call" in html and cast.draft_x.title in html
