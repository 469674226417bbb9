"""The public site: /deliverables/ with search, filters and pagination, the groups, the feed,
and nothing unpublished anywhere public (ToR 31, 33, 35)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.thematic_groups.conftest import S, advance, pdf_bytes, upload
from thematic_groups import services
from thematic_groups.models import Deliverable
from thematic_groups.selectors import DeliverableFilters, deliverable_search_public

pytestmark = pytest.mark.django_db

LIST = "/deliverables/"
FEED = "/feeds/deliverables/"


def published(group, slug, *, title=None, summary="", body="", type=Deliverable.Type.REPORT, on=None):
    return Deliverable.objects.create(
        thematic_group=group,
        slug=slug,
        title=title or slug.replace("-", " ").title(),
        summary=summary,
        body=body,
        type=type,
        status=S.PUBLISHED,
        published_on=on or timezone.localdate(),
        edition=1,
    )


def bulk_published(group, n):
    today = timezone.localdate()
    Deliverable.objects.bulk_create(
        Deliverable(
            thematic_group=group,
            slug=f"bulk-{i}",
            title=f"Bulk report {i}",
            summary="Summary",
            status=S.PUBLISHED,
            published_on=today - dt.timedelta(days=i),
            edition=1,
        )
        for i in range(n)
    )


def test_public_list_shows_published_only(client, cast):
    page = client.get(LIST).content.decode()
    assert cast.published_x.title in page
    assert cast.draft_x.title not in page and cast.draft_y.title not in page
    assert 'for="id_q">Search deliverables<' in page


def test_signed_in_audience_still_sees_only_published_on_the_public_list(client, cast):
    client.force_login(cast.secretariat)
    page = client.get(LIST).content.decode()
    assert cast.published_x.title in page and cast.draft_x.title not in page


def test_filters_by_group_type_and_year(client, cast):
    published(
        cast.group_y, "index-study", title="Index study", type=Deliverable.Type.STUDY, on=dt.date(2019, 5, 1)
    )
    page = client.get(LIST, {"group": cast.group_y.slug}).content.decode()
    assert "Index study" in page and cast.published_x.title not in page
    page = client.get(LIST, {"type": "study"}).content.decode()
    assert "Index study" in page and cast.published_x.title not in page
    page = client.get(LIST, {"year": "2019"}).content.decode()
    assert "Index study" in page and cast.published_x.title not in page
    assert "1 deliverable found" in page
    assert client.get(LIST, {"year": "nonsense", "page": "x"}).status_code == 200


def test_search_on_sqlite_or_postgres_finds_published_text_only(client, cast):
    published(cast.group_x, "mobility", title="Mobility", body="Electric buses in cities.")
    Deliverable.objects.filter(pk=cast.draft_x.pk).update(body="Electric buses draft")
    page = client.get(LIST, {"q": "buses"}).content.decode()
    assert "Mobility" in page and cast.draft_x.title not in page


def test_search_ranks_a_title_match_before_a_body_match(cast):
    older = timezone.localdate() - dt.timedelta(days=30)
    published(cast.group_x, "in-body", title="Urban report", body="This report covers resilience of cities.")
    published(cast.group_x, "in-title", title="Resilience of cities", body="Other text.", on=older)
    slugs = [d.slug for d in deliverable_search_public(DeliverableFilters(q="resilience"))]
    assert slugs == ["in-title", "in-body"]


@pytest.mark.postgres
def test_postgres_full_text_search_ranks_title_before_summary_before_body(cast):
    older = timezone.localdate() - dt.timedelta(days=30)
    published(cast.group_x, "body", title="Report one", body="Notes on interoperability of platforms.")
    published(cast.group_x, "summary", title="Report two", summary="Interoperability matters.", on=older)
    published(cast.group_x, "title", title="Interoperable platforms", on=older - dt.timedelta(days=1))
    slugs = [d.slug for d in deliverable_search_public(DeliverableFilters(q="interoperability"))]
    assert slugs == ["title", "summary", "body"]  # stemming: "interoperable" matches too


def test_pagination_keeps_the_filters(client, cast):
    bulk_published(cast.group_x, 45)
    page = client.get(LIST, {"group": cast.group_x.slug}).content.decode()
    assert "Page 1 of 3" in page and "group=city-platforms&amp;page=2" in page
    page3 = client.get(LIST, {"group": cast.group_x.slug, "page": 3}).content.decode()
    assert "Page 3 of 3" in page3


@pytest.mark.parametrize("rows", [2, 50])
def test_public_list_query_count_is_bounded(client, cast, rows, django_assert_max_num_queries):
    bulk_published(cast.group_x, rows)
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(LIST, {"q": "Bulk", "type": "report"}).status_code == 200


def _count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_public_list_costs_the_same_for_5_and_500_deliverables(client, cast):
    bulk_published(cast.group_x, 5)
    small = _count_queries(client, LIST)
    bulk_published_more = [
        Deliverable(
            thematic_group=cast.group_y,
            slug=f"more-{i}",
            title=f"More {i}",
            status=S.PUBLISHED,
            published_on=timezone.localdate(),
            edition=1,
        )
        for i in range(495)
    ]
    Deliverable.objects.bulk_create(bulk_published_more)
    assert _count_queries(client, LIST) == small


def test_group_pages_show_leaders_and_hide_drafts_from_outsiders(client, cast):
    page = client.get(reverse("thematic_groups:group_detail", args=[cast.group_x.slug])).content.decode()
    assert "Leader_X Tester" in page and cast.published_x.title in page
    assert cast.draft_x.title not in page
    client.force_login(cast.focal_a)
    page = client.get(cast.group_x.get_absolute_url()).content.decode()
    assert cast.draft_x.title in page
    client.force_login(cast.leader_y)
    page = client.get(cast.group_x.get_absolute_url()).content.decode()
    assert cast.draft_x.title not in page
    listing = client.get(reverse("thematic_groups:group_list")).content.decode()
    assert cast.group_x.title in listing and cast.group_y.title in listing


@pytest.mark.parametrize("rows", [2, 50])
def test_group_page_query_count_is_bounded(client, cast, rows, django_assert_max_num_queries):
    bulk_published(cast.group_x, rows)
    client.force_login(cast.focal_a)
    with django_assert_max_num_queries(20):
        assert client.get(cast.group_x.get_absolute_url()).status_code == 200


def test_feed_is_atom_and_lists_published_only(client, cast):
    withdrawn = published(cast.group_x, "withdrawn-one", title="Withdrawn one")
    services.deliverable_withdraw(by=cast.secretariat, deliverable=withdrawn, note="Superseded")
    response = client.get(FEED)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and cast.published_x.title in body
    for hidden in (cast.draft_x, cast.draft_y, withdrawn):
        assert hidden.title not in body and hidden.slug not in body


def test_enumerating_unpublished_deliverables_finds_nothing(client, cast):
    """Anonymous and another group's Leader: no page, file, PDF, feed entry or search result."""
    services.draft_upload(by=cast.team_x, deliverable=cast.draft_x, file=upload("v.pdf", pdf_bytes("secret")))
    proposed = Deliverable.objects.create(
        thematic_group=cast.group_x, slug="only-proposed", title="Only proposed"
    )
    hidden = [cast.draft_x, proposed]
    for who in (None, cast.leader_y, cast.participant, cast.member_x):
        client.logout()
        if who is not None:
            client.force_login(who)
        for d in hidden:
            for url in (
                d.get_absolute_url(),
                reverse("thematic_groups:deliverable_pdf", args=[d.slug]),
                reverse("thematic_groups:version_download", args=[d.slug, 1]),
                f"/api/v1/deliverables/{d.slug}/",
            ):
                assert client.get(url).status_code == 404, (who, url)
            assert d.title not in client.get(FEED).content.decode()
            results = client.get(LIST, {"q": d.title}).content.decode()
            assert "0 deliverables found" in results and d.get_absolute_url() not in results
            assert d.slug not in client.get("/api/v1/deliverables/").content.decode()
        assert (
            client.get(
                reverse("thematic_groups:version_download", args=[cast.published_x.slug, 1])
            ).status_code
            == 404
        )
    client.force_login(cast.leader_x)
    assert client.get(cast.draft_x.get_absolute_url()).status_code == 200


def test_published_deliverable_is_found_by_search_and_opened(client, cast):
    d = advance(cast, cast.draft_x, S.PUBLISHED)
    client.logout()
    page = client.get(LIST, {"q": "integrated"}).content.decode()
    assert d.get_absolute_url() in page
    detail = client.get(d.get_absolute_url()).content.decode()
    assert "Download PDF" in detail and reverse("thematic_groups:deliverable_pdf", args=[d.slug]) in detail


def test_feed_links_lead_back_to_the_address_it_was_asked_on(client, cast):
    body = client.get(FEED, HTTP_HOST="localhost:8011").content.decode()
    assert f'href="http://localhost:8011{cast.published_x.get_absolute_url()}"' in body
    assert "127.0.0.1:8000" not in body
