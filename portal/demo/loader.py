"""Load the demo data, idempotently: run it twice on the same day and nothing changes.

Records are found by their natural key (username, acronym, slug, position…) and only the
fields that differ are saved, so a second run writes no row and no history. Roles are
given through the governance services (focal points, mandates, the Chair proposing and the
Secretariat concurring with a Leader), exactly as a person would give them.

Dates that must stay "current" (the active mandates, the upcoming meetings, the final-draft
review) are computed from `today`; everything taken from the Fifth meeting report keeps its
historical date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from governance import services as gov
from governance.models import FocalPoint, Hub, LogoUseRequest, Mandate, Partner, ToRVersion
from governance.rulebook import can
from governance.services.tor_load import tor_version_load_from_text
from governance.tor_text import reference_text
from meetings.models import Audience, Meeting, MeetingDecision, Registration, Session, Speaker
from portal.demo import fifth_meeting as fifth
from portal.demo import index as index_demo
from portal.demo import kpis as kpi_demo
from portal.demo.groups import DELIVERABLES, GROUPS
from portal.demo.partners import PARTNERS
from portal.demo.people import DEMO_ACCOUNTS, REPORT_PEOPLE, PersonData
from thematic_groups.models import (
    Deliverable,
    Membership,
    TeamMember,
    ThematicGroup,
    WorkingGroup,
    Workplan,
    WorkplanItem,
)

GENEVA = ZoneInfo("Europe/Zurich")
CURRENT_MANDATE_AGE = dt.timedelta(days=120)  # the demo's current mandates started four months ago
FOCAL_POINTS_CONFIRMED = dt.date(2020, 11, 9)  # partners confirmed their focal points after MR 3.6
EMAIL_DOMAIN = "example.org"


@dataclass
class DemoResult:
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (username, role)
    created: int = 0
    updated: int = 0


class _Writer:
    """Find-or-create by natural key; save only what differs (so a rerun writes nothing)."""

    def __init__(self) -> None:
        self.result = DemoResult()

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None) -> models.Model:
        values = values or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.result.created += 1
            return obj
        changed = []
        for name, value in values.items():
            field_ = model._meta.get_field(name)
            if field_.is_relation:
                current, wanted = getattr(obj, field_.attname), (value.pk if value is not None else None)
            else:
                current, wanted = getattr(obj, name), value
            if current != wanted:
                setattr(obj, name, value)
                changed.append(name)
        if changed:
            obj.save(update_fields=changed)
            self.result.updated += 1
        return obj


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=GENEVA)


@transaction.atomic
def load_demo(*, password: str, today: dt.date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    w = _Writer()
    partners = _partners(w)
    _tor(w)
    people = _people(w, password)
    _focal_points(partners, people)
    groups = _groups(w)
    meeting = _fifth_meeting(w, partners, people)
    _current_mandates(people, groups, meeting, today)
    deliverables = _deliverables(w, groups, people, today)
    _memberships(w, groups, people)
    workplan = _workplan(w, groups, deliverables, meeting)
    _fifth_meeting_decisions(w, meeting, people, workplan)
    _upcoming_meetings(w, partners, groups, people, today)
    _hubs(w, partners)
    _requests(w, people, today)
    kpi_demo.load(w.result, people, partners, today)
    index_demo.load(w.result, people, partners)
    w.result.accounts = [(account.person.username, account.role) for account in DEMO_ACCOUNTS]
    return w.result


# Partners and the ToR ---------------------------------------------------------------------


def _partners(w: _Writer) -> dict[str, Partner]:
    partners = {}
    for data in PARTNERS:
        partners[data.acronym] = w.upsert(
            Partner,
            {"acronym": data.acronym},
            {
                "name": data.name,
                "slug": data.acronym.lower(),
                "is_secretariat": data.secretariat,
                "joined_on": data.joined_on,
                "website": data.website,
                "description": data.description,
            },
        )
    return partners


def _tor(w: _Writer) -> None:
    if ToRVersion.objects.filter(number=1).exists():
        return
    if ToRVersion.objects.filter(status=ToRVersion.Status.IN_FORCE).exists():
        return  # a later version is in force: the demo does not touch it
    tor_version_load_from_text(
        text=reference_text(),
        number=1,
        adopted_on=None,
        adopted_note="The Terms of Reference in force when the portal was set up, as circulated by the Secretariat.",
    )
    w.result.created += 1


# People, focal points, mandates ---------------------------------------------------------


def _person(w: _Writer, data: PersonData, password: str | None, *, staff: bool = False):
    Person = get_user_model()
    email = f"{data.username}@{EMAIL_DOMAIN}"
    values = {
        "first_name": data.first_name,
        "last_name": data.last_name,
        "email": email,
        "organisation": data.organisation,
        "country": data.country,
        "is_staff": staff,
    }
    person = Person.objects.filter(username=data.username).first()
    if person is None:
        person = Person(username=data.username, **values)
        if password is None:
            person.set_unusable_password()
        else:
            person.set_password(password)
        person.save()
        w.result.created += 1
    else:
        person = w.upsert(Person, {"username": data.username}, values)
        if password is not None and not person.check_password(password):
            person.set_password(password)
            person.save(update_fields=["password"])
            w.result.updated += 1
    if password is not None:
        # Demo accounts sign in at once: their address is verified (allauth asks otherwise).
        w.upsert(EmailAddress, {"user": person, "email": email}, {"verified": True, "primary": True})
    return person


def _people(w: _Writer, password: str) -> dict[str, object]:
    people = {}
    for account in DEMO_ACCOUNTS:
        staff = account.person.username == "secretariat"
        people[account.person.username] = _person(w, account.person, password, staff=staff)
    for username, data in REPORT_PEOPLE.items():
        people[username] = _person(w, data, None)
    return people


# (username, Partner acronym, Secretariat contact (Annex III), title)
FOCAL_POINTS = [
    ("secretariat", "ITU", False),
    ("focal-itu", "ITU", True),
    ("focal-unece", "UNECE", True),
    ("robert.lewis-lettington", "UN-Habitat", True),
    ("focal-wmo", "WMO", False),
]


def _installer():
    """Who records the first Secretariat focal point of a new installation (focal_point_add needs
    someone who keeps the registers): the operator's superuser (`manage.py createsuperuser`), or on a
    database without one an installation account that cannot sign in."""
    Person = get_user_model()
    superuser = Person.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if superuser is not None:
        return superuser
    installer = Person(
        username="installer",
        email="",
        first_name="Installation",
        last_name="account",
        is_staff=True,
        is_superuser=True,
    )
    installer.set_unusable_password()
    installer.save()
    return installer


def _focal_points(partners: dict[str, Partner], people: dict) -> None:
    titles = {a.person.username: a.person.title for a in DEMO_ACCOUNTS} | {
        u: p.title for u, p in REPORT_PEOPLE.items()
    }
    secretariat = people["secretariat"]
    for username, acronym, contact in FOCAL_POINTS:
        person, partner = people[username], partners[acronym]
        if FocalPoint.objects.filter(partner=partner, person=person, ended_on__isnull=True).exists():
            continue
        # The Secretariat adds the focal points; its own first one is added by the installation.
        gov.focal_point_add(
            by=secretariat if can(secretariat, "registers.keep") else _installer(),
            partner=partner,
            person=person,
            title=titles.get(username, ""),
            started_on=FOCAL_POINTS_CONFIRMED,
            is_secretariat_contact=contact,
        )


def _has_active(person, role: str, today: dt.date, group=None) -> bool:
    return Mandate.objects.active(on=today).filter(person=person, role=role, thematic_group=group).exists()


def _current_mandates(
    people: dict, groups: dict[str, ThematicGroup], meeting: Meeting, today: dt.date
) -> None:
    """The current Management Team and IP Leader, recorded by the Secretariat as elected at the annual
    meeting (ToR 13a, 15, Annex I), and the Leader appointed by the Chair with the Secretariat's
    concurrence (ToR 19): the same services as the admin and the portal pages."""
    start = today - CURRENT_MANDATE_AGE
    for username, role, notes in [
        ("chair", Mandate.Role.CHAIR, "Elected by the Partners at the annual meeting."),
        ("vicechair", Mandate.Role.VICE_CHAIR, "Re-appointed by the Partners at the annual meeting."),
        ("ipleader", Mandate.Role.IP_LEADER, "Elected at the annual meeting."),
    ]:
        if not _has_active(people[username], role, today):
            gov.mandate_record_election(
                by=people["secretariat"],
                meeting=meeting,
                role=role,
                person=people[username],
                starts_on=start,
                notes=notes,
            )
    city_platforms = groups["city-platforms"]
    leader = people["leader"]
    if not _has_active(leader, Mandate.Role.LEADER, today, city_platforms):
        # ToR 19: the Chair appoints the Leader in consultation with the Secretariat.
        proposal = gov.mandate_propose_leader(
            by=people["chair"], person=leader, thematic_group=city_platforms, starts_on=start, on=start
        )
        gov.mandate_concur(by=people["secretariat"], mandate=proposal, on=start)


# Thematic Groups and deliverables --------------------------------------------------------


def _groups(w: _Writer) -> dict[str, ThematicGroup]:
    groups = {}
    for data in GROUPS:
        scope = data.scope
        if data.leaders:
            scope = f"{scope}\n\nLeaders named in the Fifth meeting report: {data.leaders}.".strip()
        group = w.upsert(
            ThematicGroup,
            {"slug": data.slug},
            {
                "title": data.title,
                "objectives": data.objectives,
                "scope": scope,
                "started_on": data.started_on,
            },
        )
        for number, title in enumerate(data.working_groups, start=1):
            w.upsert(WorkingGroup, {"thematic_group": group, "number": number}, {"title": title})
        groups[data.slug] = group
    return groups


def _add_to_team(w: _Writer, deliverable: Deliverable, person, role: str, joined_on: dt.date) -> None:
    w.upsert(
        TeamMember, {"deliverable": deliverable, "person": person}, {"role": role, "joined_on": joined_on}
    )
    assign_perm("thematic_groups.work_on_deliverable", person, deliverable)


def _deliverables(w: _Writer, groups: dict, people: dict, today: dt.date) -> dict[str, Deliverable]:
    deliverables = {}
    for data in DELIVERABLES:
        group = groups[data.group]
        working_group = (
            WorkingGroup.objects.get(thematic_group=group, number=data.working_group)
            if data.working_group
            else None
        )
        values = {
            "thematic_group": group,
            "working_group": working_group,
            "title": data.title,
            "type": data.type,
            "status": data.status,
            "summary": data.summary,
            "body": data.body,
            "proposed_on": data.proposed_on or today,
            "approved_on": data.approved_on,
            "published_on": data.published_on,
            "withdrawn_on": data.withdrawn_on,
            "withdrawal_note": data.withdrawal_note,
            "proposed_by": people["leader"] if data.group == "city-platforms" else None,
        }
        if data.status in ("drafting", "approved"):
            values["starts_on"] = data.approved_on
            values["final_draft_due"] = today + dt.timedelta(days=90)
            values["publication_due"] = today + dt.timedelta(days=180)
        if data.days_to_final_review is not None:
            values["final_review_deadline"] = _at(
                today + dt.timedelta(days=data.days_to_final_review), dt.time(23, 59)
            )
            values["publication_due"] = today + dt.timedelta(days=60)
        deliverable = w.upsert(Deliverable, {"slug": data.slug}, values)
        for username, role in data.team:
            _add_to_team(
                w, deliverable, people[username], role, data.approved_on or data.proposed_on or today
            )
        deliverables[data.slug] = deliverable
    return deliverables


def _memberships(w: _Writer, groups: dict, people: dict) -> None:
    city_platforms = groups["city-platforms"]
    wg1 = WorkingGroup.objects.get(thematic_group=city_platforms, number=1)
    for username, group, working_group in [
        ("participant", city_platforms, wg1),
        ("leader", city_platforms, None),
        ("focal-unece", groups["economic-recovery-covid-19"], None),
        ("soumaya.bendhaou", groups["simple-ways-to-be-smart"], None),
        ("judy.backhouse", groups["simple-ways-to-be-smart"], None),
    ]:
        w.upsert(
            Membership,
            {"thematic_group": group, "person": people[username]},
            {"working_group": working_group, "joined_on": group.started_on or fifth.DAY},
        )


def _workplan(w: _Writer, groups: dict, deliverables: dict, meeting: Meeting) -> Workplan:
    workplan = w.upsert(
        Workplan,
        {"period": "2020-2021"},
        {
            "title": "U4SSC Work Plan 2020-2021",
            "status": Workplan.Status.AGREED,
            "compiled_on": dt.date(2020, 10, 30),
            "reviewed_on": dt.date(2020, 11, 6),
            "presented_on": dt.date(2020, 12, 10),
            "agreed_on": dt.date(2020, 12, 10),
        },
    )
    items = [
        (WorkplanItem.Kind.DELIVERABLE, deliverables[d.slug], groups[d.group], d.title, "")
        for d in DELIVERABLES
        if d.status not in ("published", "withdrawn")
    ]
    items += [
        (
            WorkplanItem.Kind.ACTIVITY,
            None,
            None,
            "Web-tool for cities to report U4SSC KPI data for verification",
            "ITU",
        ),
        (
            WorkplanItem.Kind.ACTIVITY,
            None,
            None,
            "National U4SSC KPIs project in Norway (5 years)",
            "U4SSC-IP",
        ),
        (WorkplanItem.Kind.EVENT, None, None, "Sixth meeting of the U4SSC initiative", "Secretariat"),
    ]
    for position, (kind, deliverable, group, title, owner) in enumerate(items, start=1):
        w.upsert(
            WorkplanItem,
            {"workplan": workplan, "position": position},
            {
                "kind": kind,
                "deliverable": deliverable,
                "thematic_group": group,
                "title": title,
                "owner": owner or (str(group) if group else ""),
                "starts_on": dt.date(2020, 11, 1),
                "ends_on": dt.date(2021, 12, 31),
            },
        )
    if meeting.workplan_id != workplan.pk:
        meeting.workplan = workplan
        meeting.save(update_fields=["workplan"])
        w.result.updated += 1
    return workplan


# Meetings ------------------------------------------------------------------------------


def _fifth_meeting(w: _Writer, partners: dict, people: dict) -> Meeting:
    meeting = w.upsert(
        Meeting,
        {"slug": fifth.SLUG},
        {
            "kind": Meeting.Kind.ANNUAL,
            "title": fifth.TITLE,
            "ordinal": 5,
            "starts_at": _at(fifth.DAY, fifth.STARTS),
            "ends_at": _at(fifth.DAY, fifth.ENDS),
            "format": Meeting.Format.HYBRID,
            "place": fifth.PLACE,
            "audience": Audience.OPEN,
            "agenda_status": Meeting.AgendaStatus.PUBLISHED,
            "status": Meeting.Status.HELD,
            "held_on": fifth.DAY,
            "agenda": fifth.AGENDA,
            "introduction": fifth.INTRODUCTION,
            "objectives": fifth.OBJECTIVES,
            "closure": fifth.CLOSURE,
            "report_version_date": fifth.REPORT_VERSION,
            "scheduled_by": people["secretariat"],
        },
    )
    meeting.organisers.add(*(partners[acronym] for acronym in fifth.ORGANISERS))
    for position, data in enumerate(fifth.SESSIONS, start=1):
        session = w.upsert(
            Session,
            {"meeting": meeting, "position": position},
            {
                "kind": data.kind,
                "title": data.title,
                "moderator": people.get(data.moderator_username) if data.moderator_username else None,
                "moderator_name": data.moderator_name,
                "audience": data.audience,
                "questions": data.questions,
                "highlights": data.highlights,
            },
        )
        for number, speaker in enumerate(data.speakers, start=1):
            w.upsert(
                Speaker,
                {"session": session, "position": number},
                {
                    "name": speaker.name,
                    "affiliation": speaker.affiliation,
                    "summary": speaker.summary,
                    "person": people.get(speaker.username) if speaker.username else None,
                },
            )
    for name, organisation, country, attendance, username in fifth.PARTICIPANTS:
        person = people.get(username) if username else None
        email = person.email if person else f"{name.lower().replace(' ', '.')}@{EMAIL_DOMAIN}"
        w.upsert(
            Registration,
            {"meeting": meeting, "email": email},
            {
                "person": person,
                "name": name,
                "organisation": organisation,
                "country": country,
                "attendance": attendance,
                "status": Registration.Status.CONFIRMED,
            },
        )
    return meeting


def _fifth_meeting_decisions(w: _Writer, meeting: Meeting, people: dict, workplan) -> None:
    """MR 3.6: the Partners agreed to appoint three Vice-Chairs; and the working-method decisions."""
    session_4 = Session.objects.get(meeting=meeting, position=6)
    for username, proposed_by in fifth.VICE_CHAIRS:
        person = people[username]
        mandate = Mandate.objects.filter(
            role=Mandate.Role.VICE_CHAIR, person=person, starts_on=fifth.DAY, meeting=meeting
        ).first()
        if mandate is None:
            mandate = gov.mandate_record_election(
                by=people["secretariat"],
                meeting=meeting,
                role=Mandate.Role.VICE_CHAIR,
                person=person,
                starts_on=fifth.DAY,
                notes=f"Proposed by {proposed_by}; appointed by the Partners at the Fifth U4SSC meeting (MR 3.6).",
            )
        w.upsert(
            MeetingDecision,
            {"meeting": meeting, "kind": MeetingDecision.Kind.APPOINTMENT, "mandate": mandate},
            {
                "session": session_4,
                "text": f"The Partners agreed to appoint {person.get_full_name()} as Vice-Chair "
                f"(proposed by {proposed_by}).",
                "recorded_by": people["secretariat"],
            },
        )
    for kind, text in fifth.OTHER_DECISIONS:
        w.upsert(
            MeetingDecision,
            {"meeting": meeting, "text": text},
            {
                "session": session_4,
                "kind": kind,
                "workplan": workplan if kind == "workplan" else None,
                "recorded_by": people["secretariat"],
            },
        )


def _future(existing: Meeting | None, wanted: dt.datetime) -> dt.datetime:
    """Keep an upcoming meeting's date while it is still ahead; move it forward once it passed."""
    if existing is not None and existing.starts_at > timezone.now():
        return existing.starts_at.astimezone(GENEVA)
    return wanted


def _upcoming_meetings(w: _Writer, partners: dict, groups: dict, people: dict, today: dt.date) -> None:
    slug = "sixth-u4ssc-meeting"
    starts = _future(
        Meeting.objects.filter(slug=slug).first(), _at(today + dt.timedelta(days=75), dt.time(10))
    )
    sixth = w.upsert(
        Meeting,
        {"slug": slug},
        {
            "kind": Meeting.Kind.ANNUAL,
            "title": "Sixth meeting of the United for Smart Sustainable Cities initiative",
            "ordinal": 6,
            "starts_at": starts,
            "ends_at": starts.replace(hour=16, minute=0),
            "format": Meeting.Format.HYBRID,
            "place": "Palais des Nations, Geneva, Switzerland, and online",
            "audience": Audience.OPEN,
            "agenda_status": Meeting.AgendaStatus.PUBLISHED,
            "status": Meeting.Status.SCHEDULED,
            "held_on": None,
            "agenda": "\n".join(session for _, session, _ in SIXTH_SESSIONS),
            "objectives": "\n".join(
                [
                    "Review the application of the U4SSC KPIs in cities;",
                    "Present the progress of the Thematic Groups and their deliverables;",
                    "Agree the work plan and the appointments of the Management Team.",
                ]
            ),
            "scheduled_by": people["secretariat"],
        },
    )
    sixth.organisers.add(*(partners[acronym] for acronym in fifth.ORGANISERS))
    for position, (kind, title, audience) in enumerate(SIXTH_SESSIONS, start=1):
        w.upsert(
            Session,
            {"meeting": sixth, "position": position},
            {"kind": kind, "title": title, "audience": audience},
        )
    for username, attendance in [("participant", "online"), ("focal-wmo", "online"), ("chair", "onsite")]:
        person = people[username]
        w.upsert(
            Registration,
            {"meeting": sixth, "email": person.email},
            {
                "person": person,
                "name": person.get_full_name(),
                "organisation": person.organisation,
                "country": person.country,
                "attendance": attendance,
                "status": Registration.Status.CONFIRMED,
            },
        )

    slug = "city-platforms-wg1-e-meeting"
    starts = _future(
        Meeting.objects.filter(slug=slug).first(), _at(today + dt.timedelta(days=14), dt.time(14))
    )
    w.upsert(
        Meeting,
        {"slug": slug},
        {
            "kind": Meeting.Kind.E_MEETING,
            "title": "City Platforms e-meeting: Working Group 1 best practices",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=1),
            "format": Meeting.Format.ONLINE,
            "audience": Audience.GROUP,
            "agenda_status": Meeting.AgendaStatus.PUBLISHED,
            "status": Meeting.Status.SCHEDULED,
            "thematic_group": groups["city-platforms"],
            "deliverable": Deliverable.objects.get(slug="integrated-city-management-city-platforms"),
            "agenda": "Review of the case submissions\nStructure of the best-practices chapter\nNext steps",
            "scheduled_by": people["leader"],
        },
    )


SIXTH_SESSIONS = [
    (Session.Kind.OPENING, "Opening of the Meeting", Audience.OPEN),
    (Session.Kind.SESSION, "Session 1: U4SSC KPIs in cities: results and lessons learnt", Audience.OPEN),
    (Session.Kind.SESSION, "Session 2: Update on the work of the U4SSC thematic groups", Audience.OPEN),
    (Session.Kind.SESSION, "Session 3: Management Team, Terms of Reference and Work Plan", Audience.PARTNERS),
    (Session.Kind.CLOSING, "Closure", Audience.OPEN),
]


def _hubs(w: _Writer, partners: dict) -> None:
    w.upsert(
        Hub,
        {"name": "U4SSC Norway Hub"},
        {
            "country": "Norway",
            "city": "Trondheim",
            "partner": partners["UNECE"],
            "description": "A national hub building bridges between Norwegian cities and stakeholders to share "
            "their experiences of smart sustainable city transitions (MR 3.4).",
            "status": Hub.Status.APPROVED,
            "approved_on": dt.date(2021, 3, 1),
        },
    )


def _requests(w: _Writer, people: dict, today: dt.date) -> None:
    """A pending logo-use request of the IP Leader, made through the service as on /requests/logo/new/
    (ToR 36; the Secretariat's written agreement is needed, Annex I). A rerun finds it and leaves it."""
    ip_leader = people["ipleader"]
    if LogoUseRequest.objects.filter(requester=ip_leader, organisation=DEMO_LOGO_ORGANISATION).exists():
        return
    start = max(today, timezone.localdate()) + dt.timedelta(days=21)  # the service refuses past dates
    gov.logo_use_request(
        by=ip_leader,
        organisation=DEMO_LOGO_ORGANISATION,
        purpose="The U4SSC logo on the programme, banners and certificates of the U4SSC Implementation "
        "Programme's city KPI workshop, next to the logos of the participating cities.",
        use_from=start,
        use_until=start + dt.timedelta(days=2),
    )
    w.result.created += 1


DEMO_LOGO_ORGANISATION = "OiER (U4SSC Implementation Programme)"
