"""Drafting: uploads checked by content, comments by Partners and the team, and the
final-draft restriction to factual corrections and editorial oversights (MR 3.6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kernel.lifecycle import DomainError
from tests.thematic_groups.conftest import S, advance, docx_bytes, files_under_media, pdf_bytes, upload
from thematic_groups import services
from thematic_groups.models import DeliverableComment, DeliverableVersion

pytestmark = pytest.mark.django_db


def upload_url(d):
    return reverse("thematic_groups:version_upload", args=[d.slug])


def comment_url(d):
    return reverse("thematic_groups:comment_add", args=[d.slug])


# Uploads -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["team_x", "leader_x", "secretariat"])
def test_team_leader_and_secretariat_upload_versions(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.post(
        upload_url(cast.draft_x), {"file": upload("draft.pdf", pdf_bytes()), "note": "First"}
    )
    assert response.status_code == 302
    version = DeliverableVersion.objects.get(deliverable=cast.draft_x)
    assert (version.number, version.content_type, version.note) == (1, "application/pdf", "First")
    client.post(upload_url(cast.draft_x), {"file": upload("draft.docx", docx_bytes(), "application/msword")})
    assert list(cast.draft_x.versions.values_list("number", flat=True)) == [2, 1]


@pytest.mark.parametrize(
    "who,status", [("focal_a", 403), ("chair", 403), ("leader_y", 404), ("participant", 404)]
)
def test_others_cannot_upload(client, cast, who, status):
    client.force_login(getattr(cast, who))
    response = client.post(upload_url(cast.draft_x), {"file": upload("draft.pdf", pdf_bytes())})
    assert response.status_code == status
    assert not DeliverableVersion.objects.exists()
    assert files_under_media() == []


def test_a_file_that_is_not_a_document_stores_nothing(client, cast):
    client.force_login(cast.team_x)
    fake = upload("report.pdf", b"MZ\x90\x00 this is an executable, not a PDF")
    response = client.post(upload_url(cast.draft_x), {"file": fake})
    assert response.status_code == 400
    assert "its content was checked, not its name" in response.content.decode()
    assert not DeliverableVersion.objects.exists()
    assert files_under_media() == []


def test_an_empty_file_is_refused_with_a_message(client, cast):
    client.force_login(cast.team_x)
    response = client.post(upload_url(cast.draft_x), {"file": upload("empty.pdf", b"")})
    assert response.status_code == 400
    assert not DeliverableVersion.objects.exists() and files_under_media() == []


def test_drafts_are_downloaded_by_the_audience_only(client, cast):
    services.draft_upload(by=cast.team_x, deliverable=cast.draft_x, file=upload("v.pdf", pdf_bytes("secret")))
    url = reverse("thematic_groups:version_download", args=[cast.draft_x.slug, 1])
    for who in ("team_x", "leader_x", "focal_a", "secretariat", "chair"):
        client.force_login(getattr(cast, who))
        response = client.get(url)
        assert response.status_code == 200, who
        assert b"secret" in b"".join(response.streaming_content)
    for who in ("leader_y", "participant", "member_x"):
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == 404, who
    client.logout()
    assert client.get(url).status_code == 404


def test_drafts_of_a_published_deliverable_stay_with_its_audience(client, cast):
    published = advance(cast, cast.draft_x, S.PUBLISHED)
    url = reverse("thematic_groups:version_download", args=[published.slug, 1])
    assert client.get(url).status_code == 404
    client.force_login(cast.focal_a)
    assert client.get(url).status_code == 200


# Comments --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "team_x", "leader_x"])
def test_partners_and_the_team_comment_on_a_draft(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.post(
        comment_url(cast.draft_x), {"kind": "substantive", "text": "Add a chapter on data."}
    )
    assert response.status_code == 302
    comment = DeliverableComment.objects.get()
    assert comment.author == getattr(cast, who) and comment.kind == "substantive"


@pytest.mark.parametrize(
    "who,status", [("participant", 404), ("member_x", 404), ("leader_y", 404), ("chair", 403)]
)
def test_others_cannot_comment(client, cast, who, status):
    client.force_login(getattr(cast, who))
    response = client.post(comment_url(cast.draft_x), {"kind": "substantive", "text": "Hello"})
    assert response.status_code == status
    assert not DeliverableComment.objects.exists()


def _final_draft(cast):
    services.draft_upload(by=cast.team_x, deliverable=cast.draft_x, file=upload("final.pdf", pdf_bytes()))
    return services.deliverable_mark_final_draft(by=cast.leader_x, deliverable=cast.draft_x)


def test_final_draft_form_offers_only_factual_and_editorial_comments(client, cast):
    deliverable = _final_draft(cast)
    client.force_login(cast.focal_a)
    page = client.get(deliverable.get_absolute_url()).content.decode()
    assert 'value="factual"' in page and 'value="editorial"' in page
    assert 'value="substantive"' not in page
    assert "limited to factual corrections and editorial oversights" in page


def test_final_draft_refuses_a_substantive_comment_through_the_form(client, cast):
    deliverable = _final_draft(cast)
    client.force_login(cast.focal_a)
    response = client.post(comment_url(deliverable), {"kind": "substantive", "text": "Rewrite the scope."})
    assert response.status_code == 400
    assert not DeliverableComment.objects.exists()
    response = client.post(comment_url(deliverable), {"kind": "factual", "text": "The date in 2.1 is 2019."})
    assert response.status_code == 302
    assert DeliverableComment.objects.get().kind == "factual"


def test_final_draft_refuses_a_substantive_comment_in_the_service(cast):
    deliverable = _final_draft(cast)
    with pytest.raises(DomainError, match="factual corrections and editorial oversights"):
        services.comment_add(by=cast.focal_a, deliverable=deliverable, kind="substantive", text="More scope")
    services.comment_add(by=cast.focal_a, deliverable=deliverable, kind="editorial", text="Typo on p. 3")
    assert list(DeliverableComment.objects.values_list("kind", flat=True)) == ["editorial"]


def test_final_draft_review_closes_at_its_deadline(cast):
    deliverable = _final_draft(cast)
    deliverable.final_review_deadline = timezone.now() - dt.timedelta(minutes=1)
    deliverable.save(update_fields=["final_review_deadline"])
    with pytest.raises(DomainError, match="review closed"):
        services.comment_add(by=cast.focal_a, deliverable=deliverable, kind="factual", text="Late")


def test_no_comment_once_in_editorial_review(cast):
    advance(cast, cast.draft_x, S.EDITORIAL_REVIEW)
    with pytest.raises(DomainError, match="draft or a final draft"):
        services.comment_add(by=cast.focal_a, deliverable=cast.draft_x, kind="editorial", text="Typo")
