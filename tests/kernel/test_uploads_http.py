"""Hostile files through the portal's upload forms (minutes of an e-meeting, a draft version):
the person reads the reason, the database is unchanged and nothing of the file is under
MEDIA_ROOT, also for a file large enough to be spooled to a temporary file by Django."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from meetings.models import Meeting, Minutes
from tests.kernel import packages as p
from tests.meetings.conftest import held_emeeting, passed_emeeting
from thematic_groups.models import DeliverableVersion

pytestmark = pytest.mark.django_db

MACRO_OVERRIDE = (
    '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
)


def macro_docx() -> bytes:
    return p.docx(overrides=MACRO_OVERRIDE, extra=[("word/vbaProject.bin", b"Attribute VB_Name")])


def zip_bomb() -> bytes:
    """A package over Django's in-memory limit (so it is spooled to a temporary file) whose one
    part declares a gigabyte."""
    padding = bytes(range(256)) * (3 * 1024 * 4)  # 3 MB that do not compress
    content = p.docx(
        extra=[("word/media/image1.png", b"\x89PNG\r\n\x1a\n" + padding), ("word/media/x.xml", b"<x/>")]
    )
    return p.set_declared_size(content, "word/media/x.xml", 1024 * 1024 * 1024)


HOSTILE = {
    "macro .docx": ("minutes.docx", macro_docx, "contains macros"),
    "macro renamed .pdf": ("minutes.pdf", macro_docx, "contains macros"),
    "zip bomb": ("minutes.docx", zip_bomb, "decompression bomb"),
    "nested package": (
        "minutes.docx",
        lambda: p.docx(extra=[("word/embeddings/sheet.xlsx", p.xlsx())]),
        "inside it",
    ),
    "encrypted docx": ("minutes.docx", lambda: p.ole("EncryptionInfo", "EncryptedPackage"), "password"),
    "PDF JavaScript": (
        "minutes.pdf",
        lambda: p.pdf(b"<< /S /J#61vaScript /JS (app.alert(1)) >>"),
        "JavaScript",
    ),
    "PDF launch": (
        "minutes.pdf",
        lambda: p.pdf(b"<< /OpenAction << /S /Launch /F (cmd.exe) >> >>"),
        "launches a program",
    ),
}


def files_under_media() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [f for f in root.rglob("*") if f.is_file()] if root.exists() else []


def snapshot(meeting: Meeting):
    meeting.refresh_from_db()
    return (
        Minutes.objects.count(),
        DeliverableVersion.objects.count(),
        meeting.status,
        meeting.held_on,
        Meeting.history.count(),
        files_under_media(),
    )


@pytest.fixture
def scheduled_call(cast):
    """An e-meeting that took place but is still 'scheduled': a refused upload must not mark it held."""
    return passed_emeeting(
        cast.leader_x, days_ago=3, title="City Platforms call", thematic_group=cast.group_x
    )


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_minutes_are_refused_with_the_reason_and_nothing_changes(client, cast, scheduled_call, case):
    name, build, reason = HOSTILE[case]
    client.force_login(cast.leader_x)
    before = snapshot(scheduled_call)
    response = client.post(
        reverse("meetings:minutes_upload", args=[scheduled_call.slug]), {"file": p.upload(name, build())}
    )
    assert response.status_code == 400
    assert reason in html.unescape(response.content.decode())
    assert snapshot(scheduled_call) == before
    assert before[-1] == [] and before[2] == Meeting.Status.SCHEDULED


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_draft_versions_are_refused_with_the_reason_and_nothing_changes(client, cast, case):
    name, build, reason = HOSTILE[case]
    meeting = held_emeeting(cast.leader_x, thematic_group=cast.group_x)
    client.force_login(cast.team_x)
    before = snapshot(meeting)
    response = client.post(
        reverse("thematic_groups:version_upload", args=[cast.draft_x.slug]),
        {"file": p.upload(name.replace("minutes", "draft"), build()), "note": "v2"},
    )
    assert response.status_code == 400
    assert reason in html.unescape(response.content.decode())
    assert snapshot(meeting) == before


def test_the_same_document_without_macros_is_stored(client, cast, scheduled_call):
    client.force_login(cast.leader_x)
    response = client.post(
        reverse("meetings:minutes_upload", args=[scheduled_call.slug]),
        {"file": p.upload("minutes.docx", p.docx())},
    )
    assert response.status_code == 302
    assert Minutes.objects.get().content_type == p.uploads.DOCX
    assert len(files_under_media()) == 1


@hypothesis_settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz/_", min_size=1, max_size=30),
    st.sampled_from(["vbaProject.bin", "VBAPROJECT.BIN"]),
)
def test_a_vba_project_under_a_generated_path_never_reaches_the_disk(client, cast, path, macro):
    path = "/".join(s for s in path.split("/") if s)
    name = f"{path}/{macro}" if path else macro
    client.force_login(cast.team_x)
    count = DeliverableVersion.objects.count()
    response = client.post(
        reverse("thematic_groups:version_upload", args=[cast.draft_x.slug]),
        {"file": p.upload("draft.docx", p.docx(extra=[(name, b"VBA")]))},
    )
    assert response.status_code == 400
    assert "contains macros" in html.unescape(response.content.decode())
    assert DeliverableVersion.objects.count() == count
    assert files_under_media() == []
