"""Comments on a deliverable's drafts: drafts are uploaded files, not clauses, so a comment names
the version it is about and, optionally, where in the document (a section, page or paragraph);
the page shows them grouped by version, in the order of the places they name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernel.lifecycle import DomainError
from tests.thematic_groups.conftest import pdf_bytes, upload
from thematic_groups import services
from thematic_groups.models import DeliverableComment


def detail(client, d, query="") -> str:
    return client.get(reverse("thematic_groups:deliverable_detail", args=[d.slug]) + query).content.decode()


@pytest.fixture
def two_versions(client, cast):
    client.force_login(cast.leader_x)
    url = reverse("thematic_groups:version_upload", args=[cast.draft_x.slug])
    for _ in range(2):
        assert client.post(url, {"file": upload("draft.pdf", pdf_bytes())}).status_code == 302
    return {v.number: v for v in cast.draft_x.versions.all()}


def test_a_partner_comments_on_a_place_in_a_version_and_sees_it_under_that_version(
    client, cast, two_versions
):
    client.force_login(cast.focal_a)
    page = detail(client, cast.draft_x, "?comment_on=1")
    assert "Comment on version 2</a>" in page and 'href="?comment_on=1#add-comment"' in page
    assert f'<option value="{two_versions[1].pk}" selected>' in page  # the link chose version 1
    response = client.post(
        reverse("thematic_groups:comment_add", args=[cast.draft_x.slug]),
        {
            "kind": "substantive",
            "version": two_versions[1].pk,
            "location": " Section 3.2,  page 14 ",
            "text": "Add Hubs.",
        },
    )
    assert response.status_code == 302
    comment = DeliverableComment.objects.get()
    assert comment.version == two_versions[1] and comment.location == "Section 3.2, page 14"
    page = detail(client, cast.draft_x)
    on_v1 = page.split('id="comments-on-1"')[1].split("</section>")[0]
    assert "On version 1 (1)" in on_v1 and "Section 3.2, page 14" in on_v1 and "Add Hubs." in on_v1
    assert 'id="comments-on-2"' not in page  # no empty group


def test_comments_are_grouped_by_version_and_ordered_by_place(client, cast, two_versions):
    add = services.comment_add
    add(
        by=cast.focal_a,
        deliverable=cast.draft_x,
        kind="editorial",
        text="Typo",
        version=two_versions[2],
        location="Page 9",
    )
    add(
        by=cast.focal_b,
        deliverable=cast.draft_x,
        kind="substantive",
        text="Scope",
        version=two_versions[2],
        location="Page 2",
    )
    add(by=cast.focal_b, deliverable=cast.draft_x, kind="substantive", text="Overall fine")
    add(by=cast.focal_a, deliverable=cast.draft_x, kind="substantive", text="Older", version=two_versions[1])
    client.force_login(cast.leader_x)
    page = detail(client, cast.draft_x)
    order = [
        page.index(marker)
        for marker in (
            'id="comments-on-2"',
            "Page 2",
            "Page 9",
            'id="comments-on-1"',
            "Older",
            'id="comments-on-none"',
            "Overall fine",
        )
    ]
    assert order == sorted(order)


def test_a_place_longer_than_200_characters_is_refused(client, cast, two_versions):
    with pytest.raises(DomainError, match="at most 200 characters"):
        services.comment_add(
            by=cast.focal_a, deliverable=cast.draft_x, kind="substantive", text="x", location="p" * 201
        )
    client.force_login(cast.focal_a)
    response = client.post(
        reverse("thematic_groups:comment_add", args=[cast.draft_x.slug]),
        {"kind": "substantive", "location": "p" * 201, "text": "Long"},
    )
    assert response.status_code == 400 and not DeliverableComment.objects.exists()


def test_no_comment_link_for_those_who_may_not_comment(client, cast, two_versions):
    client.force_login(cast.chair)  # the Management Team reads drafts; Partners and the team comment
    page = detail(client, cast.draft_x)
    assert "Comment on version" not in page and 'id="add-comment"' not in page


@pytest.mark.parametrize("rows", [2, 50])
def test_the_deliverable_page_with_comments_costs_bounded_queries(
    client, cast, two_versions, django_assert_max_num_queries, rows
):
    for i in range(rows):
        services.comment_add(
            by=cast.focal_a,
            deliverable=cast.draft_x,
            kind="substantive",
            text=f"C{i}",
            version=two_versions[1 + i % 2],
            location=f"Page {i}",
        )
    client.force_login(cast.focal_a)
    with django_assert_max_num_queries(22):
        page = detail(client, cast.draft_x)
    assert page.count('<li id="deliverable-comment-') == rows
