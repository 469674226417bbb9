"""Minutes of e-meetings (ToR 20e): checked by content, each upload a new version, and a refused
upload stores nothing (no row, no file)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kernel.reasons import said
from meetings import services
from meetings.models import Meeting, Minutes
from tests.meetings.conftest import (
    docx_bytes,
    files_under_media,
    held_emeeting,
    odt_bytes,
    passed_emeeting,
    pdf_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def _post_minutes(client, meeting, file):
    return client.post(reverse("meetings:minutes_upload", args=[meeting.slug]), {"file": file})


def _assert_nothing_stored():
    assert Minutes.objects.count() == 0
    assert files_under_media() == []


BAD_FILES = {
    "renamed ELF executable": ("minutes.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 4000, "not a PDF"),
    "renamed Windows executable": (
        "minutes.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 4000,
        "not a PDF",
    ),
    "HTML file named .pdf": (
        "minutes.pdf",
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "not a PDF",
    ),
    "empty file": ("minutes.pdf", b"", "The file is empty"),
    "21 MB file": ("minutes.pdf", b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024), "the limit is 20 MB"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_gets_a_clear_message_and_stores_nothing(client, cast, emeeting_x, case):
    name, content, message = BAD_FILES[case]
    client.force_login(cast.leader_x)
    response = _post_minutes(client, emeeting_x, upload(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    _assert_nothing_stored()


def test_leader_cannot_upload_to_another_groups_e_meeting(client, cast, emeeting_y):
    client.force_login(cast.leader_x)
    response = _post_minutes(client, emeeting_y, upload("minutes.pdf", pdf_bytes()))
    assert response.status_code == 404
    assert client.get(reverse("meetings:minutes_upload", args=[emeeting_y.slug])).status_code == 404
    _assert_nothing_stored()


def test_service_refuses_another_groups_e_meeting_and_stores_nothing(cast, emeeting_y):
    with pytest.raises(RuleDenied):
        services.minutes_upload(by=cast.leader_x, meeting=emeeting_y, file=upload("m.pdf", pdf_bytes()))
    _assert_nothing_stored()


def test_member_who_may_see_but_not_upload_is_refused_and_nothing_is_stored(client, cast, emeeting_x):
    client.force_login(cast.member_x)
    response = _post_minutes(client, emeeting_x, upload("minutes.pdf", pdf_bytes()))
    assert response.status_code == 403
    assert "A Leader uploads the minutes" in response.content.decode()
    _assert_nothing_stored()


def test_file_is_removed_when_the_transaction_fails_after_saving_it(cast, emeeting_x, monkeypatch):
    def fail(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Minutes, "save", fail)
    with pytest.raises(RuntimeError):
        services.minutes_upload(by=cast.leader_x, meeting=emeeting_x, file=upload("m.pdf", pdf_bytes()))
    monkeypatch.undo()
    _assert_nothing_stored()


def test_leader_uploads_versions_of_the_minutes(client, cast, emeeting_x):
    client.force_login(cast.leader_x)
    response = _post_minutes(client, emeeting_x, upload("minutes.pdf", pdf_bytes()))
    assert response.status_code == 302
    response = _post_minutes(client, emeeting_x, upload("minutes-corrected.docx", docx_bytes()))
    assert response.status_code == 302
    _post_minutes(client, emeeting_x, upload("minutes.odt", odt_bytes()))
    versions = list(emeeting_x.minutes.order_by("version").values_list("version", "content_type"))
    assert [v for v, _ in versions] == [1, 2, 3]
    assert versions[1][1].endswith("wordprocessingml.document")
    assert versions[2][1] == "application/vnd.oasis.opendocument.text"
    assert len(files_under_media()) == 3
    page = client.get(emeeting_x.get_absolute_url()).content.decode()
    assert "Download version 3" in page and "Download version 1" in page


def test_a_pdf_named_docx_is_stored_as_pdf(cast, emeeting_x):
    minutes = services.minutes_upload(
        by=cast.leader_x, meeting=emeeting_x, file=upload("x.docx", pdf_bytes())
    )
    assert minutes.content_type == "application/pdf"
    assert minutes.file.name.endswith(".pdf")


def test_secretariat_uploads_for_any_group(cast, emeeting_y):
    minutes = services.minutes_upload(
        by=cast.secretariat, meeting=emeeting_y, file=upload("m.pdf", pdf_bytes())
    )
    assert minutes.version == 1
    assert said(minutes.history.first().history_change_reason) == "Minutes uploaded (version 1)"


def test_minutes_of_a_future_e_meeting_are_refused(cast):
    meeting = services.emeeting_schedule(
        by=cast.leader_x,
        title="Next call",
        thematic_group=cast.group_x,
        starts_at=timezone.now() + dt.timedelta(days=3),
    )
    with pytest.raises(DomainError, match="has not taken place yet"):
        services.minutes_upload(by=cast.leader_x, meeting=meeting, file=upload("m.pdf", pdf_bytes()))
    _assert_nothing_stored()


def test_minutes_mark_a_past_scheduled_e_meeting_as_held(cast):
    meeting = passed_emeeting(cast.leader_x, days_ago=2, title="Last call", thematic_group=cast.group_x)
    services.minutes_upload(by=cast.leader_x, meeting=meeting, file=upload("m.pdf", pdf_bytes()))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_ip_leader_uploads_minutes_of_the_quarterly_e_meeting_and_a_leader_cannot(client, cast):
    meeting = held_emeeting(cast.ip_leader, is_ip_quarterly=True, title="Q3 IP meeting")
    client.force_login(cast.leader_x)
    assert _post_minutes(client, meeting, upload("m.pdf", pdf_bytes())).status_code == 404
    _assert_nothing_stored()
    client.force_login(cast.ip_leader)
    assert _post_minutes(client, meeting, upload("m.pdf", pdf_bytes())).status_code == 302
    assert meeting.minutes.count() == 1


# Downloads ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 404),
        ("participant", 404),
        ("leader_y", 404),
        ("member_x", 200),
        ("leader_x", 200),
        ("focal_b", 200),
        ("secretariat", 200),
        ("chair", 200),
    ],
)
def test_minutes_download_only_to_the_audience(client, cast, emeeting_x, who, status):
    minutes = services.minutes_upload(by=cast.leader_x, meeting=emeeting_x, file=upload("m.pdf", pdf_bytes()))
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    response = client.get(reverse("meetings:minutes_download", args=[minutes.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == pdf_bytes()


def test_deliverable_team_sees_its_deliverables_e_meeting_minutes(client, cast):
    meeting = held_emeeting(cast.leader_x, deliverable=cast.draft_x, title="Draft X call")
    minutes = services.minutes_upload(by=cast.leader_x, meeting=meeting, file=upload("m.pdf", pdf_bytes()))
    client.force_login(cast.team_x)
    assert client.get(reverse("meetings:minutes_download", args=[minutes.pk])).status_code == 200
