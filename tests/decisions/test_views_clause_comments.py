"""Comments where the text is: each clause of a ToR draft has its own comment link and form, and
its comments show under it on the draft page."""

import pytest

from governance import services
from governance.models import ToRComment
from tests.decisions.conftest import in_days


@pytest.fixture
def open_draft(cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(5))
    return draft


def test_each_clause_has_its_own_comment_link_during_the_comment_period(client, cast, open_draft):
    client.force_login(cast.focal_a)
    html = client.get(f"/tor/versions/{open_draft.number}/draft/").content.decode()
    for clause in open_draft.clauses.all():
        assert f"/tor/versions/{open_draft.number}/clauses/{clause.pk}/comment/" in html


def test_no_comment_link_outside_the_comment_period(client, cast, draft):
    client.force_login(cast.focal_a)
    html = client.get(f"/tor/versions/{draft.number}/draft/").content.decode()
    assert "/comment/" not in html


def test_a_focal_point_comments_on_one_clause_and_sees_it_beside_the_clause(client, cast, open_draft):
    clause = open_draft.clauses.get(key="5b")
    client.force_login(cast.focal_a)
    url = f"/tor/versions/{open_draft.number}/clauses/{clause.pk}/comment/"
    form = client.get(url).content.decode()
    assert "Comment on clause 5(b)" in form and "Further reviewed by the Management Team;" in form
    main = form[form.index("<main") : form.index("</main>")]  # (the header has the language menu)
    assert "<select" not in main  # no list of every clause to pick from
    response = client.post(url, {"text": "Say who reviews it first."})
    assert response.status_code == 302 and response["Location"].endswith("/draft/#clause-5b")
    comment = ToRComment.objects.get()
    assert comment.clause == clause and comment.author == cast.focal_a and comment.partner == cast.partner_a
    html = client.get(response["Location"]).content.decode()
    block = html.split('id="clause-5b"')[1].split("</div>")[0]
    assert (
        "1 comment on clause 5(b)" in block
        and "Say who reviews it first." in block
        and "Not yet handled" in block
    )
    assert "Say who reviews it first." not in html.split('id="clause-5b"')[0]


def test_an_empty_comment_or_a_closed_period_changes_nothing(client, cast, open_draft):
    clause = open_draft.clauses.get(key="3")
    client.force_login(cast.focal_b)
    url = f"/tor/versions/{open_draft.number}/clauses/{clause.pk}/comment/"
    assert "This field is required" in client.post(url, {"text": ""}).content.decode()
    open_draft.comment_deadline = in_days(-1)
    open_draft.save(update_fields=["comment_deadline"])
    response = client.post(url, {"text": "Late"}, follow=True)
    assert "comments are no longer accepted" in response.content.decode()
    assert not ToRComment.objects.exists()


@pytest.mark.parametrize("who", ["participant", "leader_x"])
def test_outside_the_audience_a_clause_comment_form_is_not_found(client, cast, open_draft, who):
    clause = open_draft.clauses.first()
    client.force_login(getattr(cast, who))
    url = f"/tor/versions/{open_draft.number}/clauses/{clause.pk}/comment/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Hello"}).status_code == 404
    assert not ToRComment.objects.exists()


def test_a_clause_of_another_version_is_not_found(client, cast, open_draft, tor_v1):
    client.force_login(cast.focal_a)
    other = tor_v1.clauses.first()
    assert client.get(f"/tor/versions/{open_draft.number}/clauses/{other.pk}/comment/").status_code == 404


def test_whole_draft_comments_show_above_the_text(client, cast, open_draft):
    services.tor_comment_add(by=cast.chair, tor_version=open_draft, text="Fine overall.")
    client.force_login(cast.focal_a)
    html = client.get(f"/tor/versions/{open_draft.number}/draft/").content.decode()
    assert 'aria-label="Comments on the whole draft"' in html and "Fine overall." in html


@pytest.mark.parametrize("rows", [2, 50])
def test_the_draft_page_with_comments_costs_a_bounded_number_of_queries(
    client, cast, open_draft, django_assert_max_num_queries, rows
):
    clauses = list(open_draft.clauses.all())
    for i in range(rows):
        services.tor_comment_add(
            by=cast.focal_a, tor_version=open_draft, clause=clauses[i % len(clauses)], text=f"Comment {i}"
        )
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(14):
        response = client.get(f"/tor/versions/{open_draft.number}/draft/")
    assert response.content.decode().count('<li id="draft-comment-') == rows
