"""Fixtures for deliverables and workplans: documents, meetings, and deliverables moved
through their lifecycle by the services, as the people of the cast would."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Meeting
from thematic_groups import services
from thematic_groups.models import Deliverable

S = Deliverable.Status


def pdf_bytes(text: str = "Draft") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + text.encode()
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_under_media() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def make_annual_meeting(*, slug="fifth-u4ssc-meeting", days_ago=30) -> Meeting:
    starts = timezone.now() - dt.timedelta(days=days_ago)
    return Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL,
        title="Fifth U4SSC meeting",
        slug=slug,
        ordinal=5,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        held_on=timezone.localdate(starts),
        status=Meeting.Status.HELD,
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
    )


@pytest.fixture
def annual_meeting(db) -> Meeting:
    return make_annual_meeting()


def propose(cast, **extra) -> Deliverable:
    today = timezone.localdate()
    data = {
        "title": "Guidelines on city platforms",
        "type": Deliverable.Type.GUIDELINE,
        "objectives": "Help cities choose platforms.",
        "scope": "Municipal data platforms.",
        "starts_on": today,
        "final_draft_due": today + dt.timedelta(days=120),
        "publication_due": today + dt.timedelta(days=200),
    }
    data.update(extra)
    return services.deliverable_propose(by=cast.leader_x, thematic_group=cast.group_x, **data)


def advance(cast, deliverable: Deliverable, to: str, *, meeting=None) -> Deliverable:
    """Move a deliverable along the lifecycle, each step by the person the ToR names."""
    order = [S.PROPOSED, S.APPROVED, S.DRAFTING, S.FINAL_DRAFT, S.EDITORIAL_REVIEW, S.PUBLISHED]
    deliverable.refresh_from_db()
    while order.index(deliverable.status) < order.index(to):
        status = deliverable.status
        if status == S.PROPOSED:
            deliverable = services.deliverable_record_approval(
                deliverable=deliverable,
                meeting=meeting or make_annual_meeting(slug=f"am-{deliverable.pk}"),
                by=cast.secretariat,
            )
        elif status == S.APPROVED:
            deliverable = services.deliverable_start_drafting(by=cast.leader_x, deliverable=deliverable)
        elif status == S.DRAFTING:
            if not deliverable.versions.exists():
                services.draft_upload(
                    by=cast.leader_x, deliverable=deliverable, file=upload("final.pdf", pdf_bytes("final"))
                )
            deliverable = services.deliverable_mark_final_draft(by=cast.leader_x, deliverable=deliverable)
        elif status == S.FINAL_DRAFT:
            deliverable = services.deliverable_start_editorial_review(
                by=cast.secretariat, deliverable=deliverable
            )
        elif status == S.EDITORIAL_REVIEW:
            if not (deliverable.summary and deliverable.body):
                services.deliverable_update_text(
                    by=cast.secretariat,
                    deliverable=deliverable,
                    summary="How cities choose and run data platforms.",
                    body="City platforms integrate municipal data.\n\nThey serve residents.",
                )
            deliverable = services.deliverable_publish(by=cast.secretariat, deliverable=deliverable)
        deliverable.refresh_from_db()
    return deliverable


@pytest.fixture
def proposed(cast) -> Deliverable:
    return propose(cast)
