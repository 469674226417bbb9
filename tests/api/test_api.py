"""The read-only API: same visibility, filters and pagination as the site; no writes; an
OpenAPI 3 schema and docs served without a CDN."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import Clause, ToRVersion
from meetings.models import Meeting
from thematic_groups.models import Deliverable

pytestmark = pytest.mark.django_db
S = Deliverable.Status
API = "/api/v1/deliverables/"


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


def bulk(group, n, prefix="bulk"):
    Deliverable.objects.bulk_create(
        Deliverable(
            thematic_group=group,
            slug=f"{prefix}-{i}",
            title=f"{prefix} {i}",
            status=S.PUBLISHED,
            published_on=timezone.localdate() - dt.timedelta(days=i),
            edition=1,
        )
        for i in range(n)
    )


def test_anonymous_sees_published_deliverables_only(client, cast):
    assert slugs(client.get(API)) == {"published-x"}
    row = client.get(API).json()["results"][0]
    assert row["pdf_url"].endswith("/deliverables/published-x/pdf/")
    assert row["thematic_group"] == "city-platforms"


@pytest.mark.parametrize(
    "who,expected",
    [
        ("participant", {"published-x"}),
        ("member_x", {"published-x"}),
        ("leader_y", {"published-x", "draft-y"}),
        ("leader_x", {"published-x", "draft-x"}),
        ("team_x", {"published-x", "draft-x"}),
        ("focal_a", {"published-x", "draft-x", "draft-y"}),
        ("secretariat", {"published-x", "draft-x", "draft-y"}),
        ("chair", {"published-x", "draft-x", "draft-y"}),
    ],
)
def test_a_signed_in_person_sees_what_they_may_see(client, cast, who, expected):
    client.force_login(getattr(cast, who))
    assert slugs(client.get(API)) == expected


def test_unpublished_detail_is_404_outside_its_audience(client, cast):
    assert client.get(f"{API}draft-x/").status_code == 404
    client.force_login(cast.leader_y)
    assert client.get(f"{API}draft-x/").status_code == 404
    client.force_login(cast.leader_x)
    detail = client.get(f"{API}draft-x/").json()
    assert detail["status"] == "drafting" and detail["pdf_url"] is None and "body" in detail


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        API,
        f"{API}published-x/",
        "/api/v1/thematic-groups/",
        "/api/v1/partners/",
        "/api/v1/meetings/",
        "/api/v1/tor/",
    ],
)
def test_no_write_endpoints(client, cast, method, path):
    client.force_login(cast.secretariat)
    response = getattr(client, method)(path, data={}, content_type="application/json")
    assert response.status_code == 405
    assert Deliverable.objects.count() == 3


def test_filters_as_on_the_site(client, cast):
    Deliverable.objects.create(
        thematic_group=cast.group_y,
        slug="index-study",
        title="Index study",
        type=Deliverable.Type.STUDY,
        status=S.PUBLISHED,
        published_on=dt.date(2019, 3, 1),
        body="Key performance indicators",
    )
    assert slugs(client.get(API, {"group": "u4ssc-index"})) == {"index-study"}
    assert slugs(client.get(API, {"type": "study"})) == {"index-study"}
    assert slugs(client.get(API, {"year": 2019})) == {"index-study"}
    assert slugs(client.get(API, {"q": "indicators"})) == {"index-study"}
    assert client.get(API, {"type": "nonsense"}).status_code == 400


def test_pagination(client, cast):
    bulk(cast.group_x, 45)
    first = client.get(API).json()
    assert first["count"] == 46 and len(first["results"]) == 20 and first["next"]
    assert len(client.get(API, {"page": 3}).json()["results"]) == 6


def _queries(client, url) -> int:
    client.get(url)  # the first request of a person also computes their Principal (then cached)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", [None, "focal_a"])
def test_api_list_costs_the_same_for_5_and_500_deliverables(client, cast, who):
    if who:
        client.force_login(getattr(cast, who))
    bulk(cast.group_x, 5)
    small = _queries(client, API)
    bulk(cast.group_y, 495, prefix="more")
    assert _queries(client, API) == small
    assert client.get(API).json()["count"] == (501 if who is None else 503)  # focal_a also sees 2 drafts


@pytest.mark.parametrize("rows", [2, 50])
def test_api_lists_have_bounded_query_counts(client, cast, rows, django_assert_max_num_queries):
    bulk(cast.group_x, rows)
    for url in (API, "/api/v1/thematic-groups/", "/api/v1/partners/", "/api/v1/meetings/"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_thematic_groups_with_leaders(client, cast):
    rows = {g["slug"]: g for g in client.get("/api/v1/thematic-groups/").json()["results"]}
    assert rows["city-platforms"]["leaders"] == ["Leader_X Tester"]
    assert client.get("/api/v1/thematic-groups/u4ssc-index/").json()["title"] == "U4SSC Index"


def test_partners(client, cast):
    rows = client.get("/api/v1/partners/").json()["results"]
    assert {p["acronym"] for p in rows} == {"ITU", "UNECE", "WMO", "UNDP"}
    assert "focal_points" not in rows[0]
    assert {
        p["acronym"] for p in client.get("/api/v1/partners/", {"is_secretariat": "true"}).json()["results"]
    } == {
        "ITU",
        "UNECE",
    }


def test_meetings_follow_the_audience_rules(client, cast):
    now = timezone.now()
    Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL,
        title="Sixth meeting",
        slug="sixth",
        starts_at=now + dt.timedelta(days=30),
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
    )
    Meeting.objects.create(
        kind=Meeting.Kind.E_MEETING,
        title="Draft X e-meeting",
        slug="draft-x-e",
        starts_at=now,
        deliverable=cast.draft_x,
        thematic_group=cast.group_x,
        audience="group",
    )
    assert slugs(client.get("/api/v1/meetings/")) == {"sixth"}
    client.force_login(cast.leader_x)
    assert slugs(client.get("/api/v1/meetings/")) == {"sixth", "draft-x-e"}


def test_tor_in_force_with_its_clauses(client, cast):
    assert client.get("/api/v1/tor/").status_code == 404
    draft = ToRVersion.objects.create(number=2, status=ToRVersion.Status.DRAFT)
    Clause.objects.create(tor_version=draft, position=1, section="A", number="1", key="1", text="Draft text")
    version = ToRVersion.objects.create(number=1, status=ToRVersion.Status.IN_FORCE)
    Clause.objects.create(
        tor_version=version, position=2, section="B", number="10", key="10", text="Workplan"
    )
    Clause.objects.create(tor_version=version, position=1, section="A", number="1", key="1", text="Intro")
    data = client.get("/api/v1/tor/").json()
    assert data["number"] == 1 and [c["text"] for c in data["clauses"]] == ["Intro", "Workplan"]
    assert data["clauses"][0]["anchor"] == "clause-1"


def test_openapi_schema_and_docs_without_cdn(client, cast):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    body = schema.content.decode()
    assert "openapi: 3" in body or '"openapi": "3' in body
    for path in (
        "/api/v1/deliverables/",
        "/api/v1/thematic-groups/",
        "/api/v1/meetings/",
        "/api/v1/partners/",
        "/api/v1/tor/",
    ):
        assert path in body
    assert "post:" not in body and '"post"' not in body
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html
    assert "<style>" not in html and "<script>" not in html  # CSP: no inline code
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()


def test_browsable_api_renders(client, cast):
    response = client.get(API, HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"published-x" in response.content
    assert b"draft-x" not in response.content
