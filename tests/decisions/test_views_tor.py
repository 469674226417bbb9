"""The ToR pages through HTTP: the version in force, versions, drafts and their audience."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Clause, ToRComment, ToRVersion
from tests.decisions.conftest import close_at_deadline, in_days


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_tor_page_shows_the_version_in_force_with_clause_anchors(client, tor_v1):
    response = client.get("/tor/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("1", "5", "5a", "5c", "fn1"):
        assert f'id="clause-{key}"' in html
    assert 'id="tor-version-number">1 (in force)' in html
    assert "10 May 2023" in html and "Adopted at the annual meeting of 2023" in html


def test_tor_page_names_the_decision_that_adopted_the_version(client, cast, tor_v1, draft):
    decision = services.decision_open(
        by=cast.secretariat, kind="tor_revision", question="Adopt v2?", deadline=in_days(2), tor_version=draft
    )
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="yes")
    close_at_deadline(decision)
    html = client.get("/tor/").content.decode()
    assert 'id="tor-version-number">2 (in force)' in html
    assert f'href="/decisions/{decision.pk}/"' in html and "Adopt v2?" in html
    # the earlier version stays readable, with its diff to the next
    old = client.get("/tor/versions/1/")
    assert old.status_code == 200 and b"superseded" in old.content
    diff = client.get("/tor/versions/1/diff/")
    assert diff.status_code == 200 and b"Changes from version 1 to version 2" in diff.content


@pytest.mark.parametrize("who", [None, "participant", "leader_x", "member_x"])
def test_a_draft_is_not_found_outside_its_audience(client, cast, draft, who):
    if who:
        client.force_login(getattr(cast, who))
    for url in (
        f"/tor/versions/{draft.number}/",
        f"/tor/versions/{draft.number}/draft/",
        f"/tor/versions/{draft.number}/diff/",
        f"/tor/versions/{draft.number}/diff.pdf",
        f"/tor/versions/{draft.number}/comments/",
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get("/tor/versions/").content.decode()
    assert "Version 1" in listing and "Version 2" not in listing


@pytest.mark.parametrize("who", ["focal_a", "chair", "vice_chair", "secretariat"])
def test_a_draft_is_visible_to_partners_management_team_and_secretariat(client, cast, draft, who):
    client.force_login(getattr(cast, who))
    assert client.get(f"/tor/versions/{draft.number}/draft/").status_code == 200
    assert client.get(f"/tor/versions/{draft.number}/diff/").status_code == 200
    assert "Version 2" in client.get("/tor/versions/").content.decode()


def test_secretariat_runs_a_revision_in_the_portal(client, cast, tor_v1):
    client.force_login(cast.secretariat)
    response = client.post("/tor/versions/new/", {"summary": "Hubs"})
    draft = ToRVersion.objects.get(number=2)
    assert response.url == "/tor/versions/2/draft/"
    c3 = draft.clauses.get(key="3")
    # edit
    response = client.post(
        f"/tor/versions/2/clauses/{c3.pk}/", {"section": c3.section, "text": "Meetings are open."}
    )
    assert response.status_code == 302
    # insert after 7
    c7 = draft.clauses.get(key="7")
    response = client.post(
        "/tor/versions/2/clauses/new/",
        {
            "after": c7.pk,
            "kind": "clause",
            "number": "8",
            "letter": "",
            "section": "",
            "text": "Hubs report yearly.",
        },
    )
    assert response.status_code == 302
    # renumber 6 → 9, then move 2 after 4, then delete 1
    c6 = draft.clauses.get(key="6")
    assert (
        client.post(f"/tor/versions/2/clauses/{c6.pk}/renumber/", {"number": "9", "letter": ""}).status_code
        == 302
    )
    c2, c4 = draft.clauses.get(key="2"), draft.clauses.get(key="4")
    assert client.post(f"/tor/versions/2/clauses/{c2.pk}/move/", {"after": c4.pk}).status_code == 302
    c1 = draft.clauses.get(key="1")
    assert client.get(f"/tor/versions/2/clauses/{c1.pk}/delete/").status_code == 200
    assert client.post(f"/tor/versions/2/clauses/{c1.pk}/delete/").status_code == 302
    diff = client.get("/tor/versions/2/diff/").content.decode()
    assert "<ins>Meetings</ins> are open" in diff and "<del>" in diff
    for word in ("inserted", "deleted", "moved", "renumbered", "edited"):
        assert f'<span class="badge">{word}</span>' in diff
    assert '6 <span class="dir-arrow">→</span> 9' in diff  # the arrow turns round in Arabic
    # comment period, then ballot
    client.post("/tor/versions/2/comment-period/", {"deadline": local(in_days(1))})
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.COMMENT_PERIOD
    response = client.post(
        "/tor/versions/2/ballot/",
        {
            "question": "Adopt version 2?",
            "rule": "simple_majority",
            "deadline": local(in_days(5)),
            "description": "",
        },
        follow=True,
    )
    assert b"comment period runs until" in response.content  # still in the comment period: refused
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.COMMENT_PERIOD


def test_a_focal_point_cannot_edit_a_draft(client, cast, draft):
    client.force_login(cast.focal_a)
    clause = draft.clauses.get(key="3")
    response = client.post(f"/tor/versions/2/clauses/{clause.pk}/", {"section": "A", "text": "Hijacked"})
    assert response.status_code == 403
    assert client.post("/tor/versions/new/").status_code == 403
    assert draft.clauses.get(key="3").text.startswith("The U4SSC meetings")


def test_bad_clause_input_shows_a_message_and_changes_nothing(client, cast, draft):
    client.force_login(cast.secretariat)
    before = Clause.objects.filter(tor_version=draft).count()
    response = client.post(
        "/tor/versions/2/clauses/new/",
        {"after": "", "kind": "subclause", "number": "42", "letter": "a", "section": "A", "text": "x"},
    )
    assert response.status_code == 200
    assert b"There is no clause 42 in this draft" in response.content
    assert Clause.objects.filter(tor_version=draft).count() == before


def test_comments_through_http_and_closed_after_the_deadline(client, cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(1))
    client.force_login(cast.focal_a)
    clause = draft.clauses.get(key="5b")
    response = client.post("/tor/versions/2/comments/", {"clause": clause.pk, "text": "Add the Chair."})
    assert response.status_code == 302
    comment = ToRComment.objects.get()
    assert comment.clause == clause and comment.partner == cast.partner_a
    # the participant may not comment (not even see the draft)
    client.force_login(cast.participant)
    assert client.post("/tor/versions/2/comments/", {"text": "Me too"}).status_code == 404
    # the Secretariat records the handling
    client.force_login(cast.secretariat)
    client.post(f"/tor/comments/{comment.pk}/handle/", {"handling": "accepted", "note": "Done"})
    comment.refresh_from_db()
    assert comment.handling == "accepted" and comment.handled_by == cast.secretariat
    # after the deadline
    ToRVersion.objects.filter(pk=draft.pk).update(comment_deadline=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(cast.focal_b)
    response = client.post("/tor/versions/2/comments/", {"clause": "", "text": "Late"}, follow=True)
    assert b"The comment period closed on" in response.content
    assert ToRComment.objects.count() == 1


def test_secretariat_puts_a_draft_to_the_ballot(client, cast, draft):
    client.force_login(cast.secretariat)
    page = client.get("/tor/versions/2/ballot/")
    assert b"Open ballot" in page.content
    response = client.post(
        "/tor/versions/2/ballot/",
        {
            "question": "Adopt version 2?",
            "rule": "two_thirds",
            "deadline": local(in_days(5)),
            "description": "",
        },
    )
    decision = draft.decisions.get()
    assert response.url == f"/decisions/{decision.pk}/"
    assert decision.rule == "two_thirds"
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.BALLOT


def test_the_version_in_force_cannot_be_opened_as_a_draft(client, cast, tor_v1):
    client.force_login(cast.secretariat)
    clause = tor_v1.clauses.first()
    assert client.get(f"/tor/versions/1/clauses/{clause.pk}/").status_code == 404
    assert reverse("governance:tor") == "/tor/"
