"""Fixtures for meetings: the Fifth U4SSC meeting (MR 2020), built through the services, and
e-meetings of group_x and group_y."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kernel import cache as shared_cache
from meetings import services
from meetings.models import Audience, Meeting, MeetingDecision, Registration, Session
from tests.cast import make_person

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
FIFTH_TITLE = "Fifth meeting of the United for Smart Sustainable Cities initiative"
KARI_EIK = "Ms. Kari Eik, Secretary-General of the OiER"
CRISTINA_BUETI = "Ms. Cristina Bueti, ITU Focal Point on Smart Sustainable Cities"
LEWIS_LETTINGTON = (
    "Mr. Robert Lewis-Lettington, Chief of Land, Housing, and Shelter Section at the Urban Practices "
    "Branch, Global Solutions Division, UN-Habitat"
)
PAOLA_DEDA = "Ms. Paola Deda, Director, Forests, Land and Housing Division"
SESSION_4_SECRET = "Proposals for new Vice-Chairs were circulated by the U4SSC Secretariat"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The report view de-duplicates renders through the cache; start each test clean."""
    cache.clear()
    yield
    cache.clear()


def pdf_bytes(text: str = "Minutes") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_under_media() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@dataclass
class FifthMeeting:
    meeting: Meeting
    sessions: list[Session]
    partners_only: Session
    decisions: list[MeetingDecision]
    registrations: list[Registration]


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=GENEVA)


def build_fifth_meeting(cast) -> FifthMeeting:
    """The Fifth U4SSC meeting (Virtual meeting, 9 October 2020), as in the meeting report."""
    sec = cast.secretariat
    day = dt.date(2020, 10, 9)
    meeting = services.meeting_create(
        by=sec,
        title=FIFTH_TITLE,
        slug="fifth-u4ssc-meeting",
        ordinal=5,
        starts_at=at(day, 10),
        ends_at=at(day, 16, 5),
        format=Meeting.Format.HYBRID,
        place="Virtual meeting",
        organisers=[cast.unece, cast.itu],
        introduction=(
            'U4SSC was conceptualized to achieve Sustainable Development Goal 11: "Make cities and human '
            'settlements inclusive, safe, resilient and sustainable".\n\nThe meeting took place online on '
            "WebEx with a limited onsite participation at the Palais des Nations, Geneva, Switzerland."
        ),
        objectives=(
            "Discuss the application of KPIs for smart sustainable cities to support achieving SDG11;\n"
            "Provide updates on the U4SSC activities;\n"
            "Provide updates on the work of the U4SSC thematic groups; and\n"
            "Discuss U4SSC working methods, the draft Terms of Reference and the draft Work Plan 2020-2021."
        ),
        closure=(
            "Ms. Paola Deda thanked the U4SSC participants for their dedication towards the initiative."
        ),
        report_version_date=dt.date(2020, 11, 9),
    )
    opening = services.session_add(
        by=sec,
        meeting=meeting,
        title="Opening of the Meeting",
        kind=Session.Kind.OPENING,
        starts_at=at(day, 10),
        ends_at=at(day, 10, 30),
    )
    for name, affiliation in [
        ("Ms. Olga Algayerova", "UNECE Executive Secretary"),
        ("Mr. Chaesub Lee", "Director of the ITU Telecommunication Standardization Bureau"),
        ("Mr. Raf Tuts", "Director, Global Solutions Division, UN-Habitat"),
        ("Mr. Nasser Saleh Al Marzouqi", "Chairman of the U4SSC"),
    ]:
        services.speaker_add(by=sec, session=opening, name=name, affiliation=affiliation)
    welcome = services.session_add(
        by=sec,
        meeting=meeting,
        title="Welcome Remarks",
        kind=Session.Kind.WELCOME,
        starts_at=at(day, 10, 30),
        ends_at=at(day, 10, 40),
    )
    services.speaker_add(
        by=sec,
        session=welcome,
        name="Ms. Beatrice Ferrari",
        affiliation="Director International Geneva, Canton of Geneva",
    )
    session1 = services.session_add(
        by=sec,
        meeting=meeting,
        title="Session 1: Application of U4SSC KPIs for smart sustainable cities to support achieving SDG11",
        starts_at=at(day, 10, 40),
        ends_at=at(day, 12),
        moderator_name=KARI_EIK,
        questions="How can the application of KPIs help cities to achieve SDGs?\nWhat are the experiences and good practices?",
    )
    for name, affiliation in [
        ("Ms. Cristina Bueti", "ITU Focal Point on Smart Sustainable Cities"),
        ("Ms. Agata Krause", "Consultant, UNECE Housing and Land Management Unit"),
        ("Mr. Kristian Mjøen", "Geneva UN Charter Centre of Excellence, Trondheim"),
    ]:
        services.speaker_add(by=sec, session=session1, name=name, affiliation=affiliation)
    session2 = services.session_add(
        by=sec,
        meeting=meeting,
        title="Session 2: Update on U4SSC activities",
        starts_at=at(day, 12),
        ends_at=at(day, 13),
        moderator_name=CRISTINA_BUETI,
    )
    bendhaou = services.speaker_add(
        by=sec,
        session=session2,
        name="Ms. Soumaya Ben Dhaou",
        affiliation="Research Coordinator, UNU-EGOV",
        summary="Provided a snapshot of the report on Blockchain for Smart Sustainable Cities.",
    )
    services.presentation_add(
        by=sec,
        session=session2,
        speaker=bendhaou,
        title="Blockchain for Smart Sustainable Cities",
        url="https://www.itu.int/en/ITU-T/ssc/united/Pages/202010/meeting.aspx",
    )
    session3 = services.session_add(
        by=sec,
        meeting=meeting,
        title="Session 3: Update on the work of the U4SSC thematic groups",
        starts_at=at(day, 14),
        ends_at=at(day, 15),
        moderator_name=LEWIS_LETTINGTON,
    )
    services.speaker_add(
        by=sec, session=session3, name="Mr. Alberto Bernal", affiliation="City of València, Spain"
    )
    session4 = services.session_add(
        by=sec,
        meeting=meeting,
        title="Session 4: U4SSC working methods and Terms of Reference and Annual Work Plan",
        starts_at=at(day, 15),
        ends_at=at(day, 16),
        moderator_name=PAOLA_DEDA,
        audience=Audience.PARTNERS,
        highlights=f"{SESSION_4_SECRET} prior to the meeting.",
    )
    services.speaker_add(
        by=sec,
        session=session4,
        name="Ms. Gulnara Roll",
        affiliation="UNECE",
        summary="Presented the draft Terms of Reference to the Partners.",
    )
    services.presentation_add(
        by=sec,
        session=session4,
        title="Draft Terms of Reference 2020",
        file=upload("draft-tor.pdf", pdf_bytes("draft ToR")),
    )
    decisions = []
    for name in ("Katrina Naut", "Tania Marcos", "Giampiero Bambagioni"):
        first, last = name.split(" ", 1)
        person = make_person(f"vc_{last.lower()}", first_name=first, last_name=last)
        decisions.append(
            services.meeting_decision_record(
                by=sec,
                meeting=meeting,
                session=session4,
                kind=MeetingDecision.Kind.APPOINTMENT,
                role="vice_chair",
                person=person,
                text=f"Partners agreed the appointment of {name} as Vice-Chair.",
            )
        )
    decisions.append(
        services.meeting_decision_record(
            by=sec,
            meeting=meeting,
            session=session4,
            kind=MeetingDecision.Kind.OTHER,
            text="Comments on the final draft are reserved for factual mistakes or editorial oversight.",
        )
    )
    services.meeting_agenda_agree(by=cast.chair, meeting=meeting)
    services.meeting_agenda_publish(by=sec, meeting=meeting)
    registrations = [
        services.participant_record(
            by=sec,
            meeting=meeting,
            name=name,
            email=f"{name.split()[-1].lower()}@example.org",
            organisation=org,
            country=country,
            attendance=attendance,
        )
        for name, org, country, attendance in [
            ("Nasser Saleh Al Marzouqi", "U4SSC Chairman", "United Arab Emirates", "online"),
            ("Paola Deda", "UNECE", "Switzerland", "onsite"),
            ("Kari Eik", "OiER", "Norway", "online"),
            ("Cristina Bueti", "ITU", "Switzerland", "onsite"),
        ]
    ]
    meeting.refresh_from_db()
    return FifthMeeting(
        meeting=meeting,
        sessions=[opening, welcome, session1, session2, session3, session4],
        partners_only=session4,
        decisions=decisions,
        registrations=registrations,
    )


@pytest.fixture
def fifth(cast) -> FifthMeeting:
    return build_fifth_meeting(cast)


def open_meeting(
    cast, *, slug="sixth-u4ssc-meeting", days_ahead=60, publish=True, format=Meeting.Format.HYBRID
):
    starts = timezone.now() + dt.timedelta(days=days_ahead)
    meeting = services.meeting_create(
        by=cast.secretariat,
        title=f"Meeting {slug}",
        slug=slug,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        format=format,
        place="Geneva",
    )
    if publish:
        services.meeting_agenda_agree(by=cast.chair, meeting=meeting)
        services.meeting_agenda_publish(by=cast.secretariat, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def sixth(cast) -> Meeting:
    """An upcoming annual meeting whose programme is published: registration is open."""
    return open_meeting(cast)


def held_emeeting(by, *, days_ago: int = 10, **scope) -> Meeting:
    """An e-meeting recorded as held `days_ago` days ago (the form's "it already took place")."""
    starts = timezone.now() - dt.timedelta(days=days_ago)
    return services.emeeting_schedule(
        by=by,
        title=scope.pop("title", "Working group call"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        online_link="https://meet.example.org/u4ssc",
        held=True,
        **scope,
    )


def passed_emeeting(by, *, days_ago: int = 10, **scope) -> Meeting:
    """An e-meeting scheduled (for today, as the service requires) whose date has since passed
    without anyone marking it held: the clock is moved by rewriting its dates, as time would."""
    starts = timezone.now() + dt.timedelta(minutes=5)
    meeting = services.emeeting_schedule(
        by=by,
        title=scope.pop("title", "Working group call"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        online_link="https://meet.example.org/u4ssc",
        **scope,
    )
    moved = timezone.now() - dt.timedelta(days=days_ago)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=moved, ends_at=moved + dt.timedelta(hours=1))
    shared_cache.bump_now_and_after_commit(shared_cache.CONTENT_KEY)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def emeeting_x(cast) -> Meeting:
    return held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="City Platforms call")


@pytest.fixture
def emeeting_y(cast) -> Meeting:
    return held_emeeting(cast.leader_y, thematic_group=cast.group_y, title="U4SSC Index call")
