"""Enumerating ids of unpublished or restricted objects finds nothing (ToR 33, 35): not a page,
not a file, not the API, not the feed, not the calendar. Hidden objects answer 404, not 403."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from governance.models import Decision
from governance.services.tor_load import tor_version_load_from_text
from meetings import services as meetings
from meetings.models import Minutes
from tests.governance.test_rulebook_http import TOR_TEXT
from thematic_groups import services as tg

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OUTSIDERS = ["anonymous", "participant", "leader_y", "ip_leader"]


@pytest.fixture
def hidden(cast):
    """Restricted material of group X and of the Board, with files."""
    now = timezone.now()
    tor_version_load_from_text(text=TOR_TEXT, number=1, adopted_on=dt.date(2021, 1, 1))
    draft = gov.tor_revision_create(by=cast.secretariat, summary="Confidential revision")
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="A confidential question",
        deadline=now + dt.timedelta(days=3),
    )
    emeeting = meetings.emeeting_schedule(
        by=cast.leader_x,
        title="Confidential e-meeting",
        starts_at=now - dt.timedelta(days=1),
        thematic_group=cast.group_x,
        held=True,
    )
    minutes = meetings.minutes_upload(
        by=cast.leader_x, meeting=emeeting, file=SimpleUploadedFile("m.pdf", PDF)
    )
    version = tg.draft_upload(
        by=cast.leader_x, deliverable=cast.draft_x, file=SimpleUploadedFile("d.pdf", PDF), note=""
    )
    return {
        "draft": draft,
        "decision": decision,
        "emeeting": emeeting,
        "minutes": minutes,
        "version": version,
    }


def hidden_urls(cast, hidden) -> list[str]:
    max_minutes = Minutes.objects.order_by("-pk").values_list("pk", flat=True).first()
    urls = [
        reverse("thematic_groups:deliverable_detail", args=[cast.draft_x.slug]),
        reverse("thematic_groups:deliverable_pdf", args=[cast.draft_x.slug]),
        reverse("thematic_groups:version_download", args=[cast.draft_x.slug, hidden["version"].number]),
        reverse("governance:tor_version", args=[hidden["draft"].number]),
        reverse("governance:tor_diff", args=[hidden["draft"].number]),
        reverse("governance:tor_diff_pdf", args=[hidden["draft"].number]),
        reverse("meetings:meeting_detail", args=[hidden["emeeting"].slug]),
        f"/api/v1/deliverables/{cast.draft_x.slug}/",
        f"/api/v1/meetings/{hidden['emeeting'].slug}/",
    ]
    urls += [reverse("governance:decision_detail", args=[pk]) for pk in range(1, hidden["decision"].pk + 3)]
    urls += [reverse("governance:decision_pdf", args=[pk]) for pk in range(1, hidden["decision"].pk + 3)]
    urls += [reverse("meetings:minutes_download", args=[pk]) for pk in range(1, max_minutes + 3)]
    return urls


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_enumerating_ids_find_nothing(client, cast, hidden, outsider):
    user = cast.role_users()[outsider]
    if user is not None:
        client.force_login(user)
    for url in hidden_urls(cast, hidden):
        response = client.get(url)
        assert response.status_code == 404, (outsider, url, response.status_code)


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_lists_feeds_and_api_leave_hidden_material_out(client, cast, hidden, outsider):
    user = cast.role_users()[outsider]
    if user is not None:
        client.force_login(user)
    secrets = [
        cast.draft_x.title,
        "Confidential e-meeting",
        "A confidential question",
        "Confidential revision",
    ]
    for url in [
        "/",
        "/deliverables/",
        "/deliverables/?q=city",
        "/feeds/deliverables/",
        "/meetings/",
        "/meetings.ics",
        "/api/v1/deliverables/",
        "/api/v1/meetings/",
        "/decisions/",
        "/tor/versions/",
        "/groups/city-platforms/",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (outsider, url, secret)


def test_the_audience_does_find_it(client, cast, hidden):
    client.force_login(cast.focal_b)
    assert (
        client.get(reverse("thematic_groups:deliverable_detail", args=[cast.draft_x.slug])).status_code == 200
    )
    assert client.get(reverse("meetings:minutes_download", args=[hidden["minutes"].pk])).status_code == 200
    assert client.get(reverse("governance:decision_detail", args=[hidden["decision"].pk])).status_code == 200
    client.force_login(cast.leader_x)
    response = client.get(
        reverse("thematic_groups:version_download", args=[cast.draft_x.slug, hidden["version"].number])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
