"""The demo loader: idempotent, complete, roles through services, refuses the default password
in production mode."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from governance.models import FocalPoint, Mandate, Partner, ToRVersion
from governance.rulebook import Role, principal_for
from kernel.reasons import said
from meetings.models import Audience, Meeting, MeetingDecision, Registration, Session
from tests.foundation.conftest import DEMO_PASSWORD, run_load_demo
from thematic_groups.models import Deliverable, ThematicGroup, WorkingGroup, Workplan

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = [
    "secretariat",
    "chair",
    "vicechair",
    "focal-itu",
    "focal-unece",
    "focal-wmo",
    "leader",
    "participant",
    "ipleader",
]


def snapshot() -> dict[str, list]:
    """Every row of every model (history and permission tables included)."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "contenttypes"}:
            continue
        rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def test_default_password_is_refused_in_production_mode(settings):
    settings.DEBUG = False
    settings.U4SSC_DEMO_PASSWORD = "u4ssc-demo"
    with pytest.raises(CommandError, match="Refusing to create demo accounts with the default password"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()
    assert not Partner.objects.exists()


def test_default_password_is_accepted_in_debug_mode(settings):
    settings.DEBUG = True
    settings.U4SSC_DEMO_PASSWORD = "u4ssc-demo"
    output = run_load_demo()
    assert "here 'u4ssc-demo'" in output
    assert get_user_model().objects.get(username="chair").check_password("u4ssc-demo")


def test_a_later_run_keeps_upcoming_meetings_ahead(demo_password):
    from portal.demo.loader import load_demo

    past = timezone.localdate() - dt.timedelta(days=400)
    load_demo(password=DEMO_PASSWORD, today=past)  # as if loaded long ago: its meetings are now past
    assert Meeting.objects.get(ordinal=6).starts_at < timezone.now()
    load_demo(password=DEMO_PASSWORD)
    assert Meeting.objects.get(ordinal=6).starts_at > timezone.now()
    today = timezone.localdate()
    assert Mandate.objects.active(on=today).filter(role=Mandate.Role.CHAIR).count() == 1


def test_running_again_leaves_the_same_data(demo, settings):
    """On top of the module's demo (tests/shared_demo.py: loaded by the same command): a second
    run creates and changes nothing, and prints the accounts and the address."""
    first = snapshot()
    printed = run_load_demo()
    second = snapshot()
    assert {label: len(r) for label, r in first.items()} == {label: len(r) for label, r in second.items()}
    assert first == second
    assert "0 records created, 0 updated" in printed
    assert sum(len(r) for r in first.values()) > 500
    for username in DEMO_ACCOUNTS:
        assert f"  {username}" in printed
    assert f"{settings.SITE_URL}/" in printed
    assert DEMO_PASSWORD not in printed  # only the default password is ever printed


def test_demo_accounts_sign_in_with_the_demo_password(demo, client):
    for username in DEMO_ACCOUNTS:
        assert demo[username].check_password(DEMO_PASSWORD), username
        assert demo[username].emailaddress_set.filter(verified=True, primary=True).exists()
    assert not demo["katrina.naut"].has_usable_password()
    response = client.post("/accounts/login/", {"login": "leader", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_partners_of_annex_ii(demo):
    partners = Partner.objects.all()
    assert partners.count() == 17
    assert set(partners.filter(is_secretariat=True).values_list("acronym", flat=True)) == {
        "ITU",
        "UNECE",
        "UN-Habitat",
    }
    assert set(partners.values_list("acronym", flat=True)) == {
        "ITU",
        "UNECE",
        "CBD",
        "FAO",
        "UN-Women",
        "UNECA",
        "ECLAC",
        "UNDP",
        "UN-Habitat",
        "UNEP",
        "UNEP-FI",
        "UNFCCC",
        "UNIDO",
        "UNU-EGOV",
        "UNESCO",
        "WMO",
        "UNOP",
    }
    assert Partner.objects.get(acronym="UN-Habitat").slug == "un-habitat"


def test_tor_in_force_is_version_1_with_its_clauses(demo):
    version = ToRVersion.objects.get(status=ToRVersion.Status.IN_FORCE)
    assert version.number == 1
    assert version.clauses.filter(kind="clause").count() == 43
    assert version.clauses.filter(key="11j", text__contains="UN system-wide strategy").exists()


def test_roles_come_from_services(demo):
    today = timezone.localdate()
    roles = {username: principal_for(demo[username], today).roles() for username in DEMO_ACCOUNTS}
    assert Role.SECRETARIAT in roles["secretariat"]
    assert Role.CHAIR in roles["chair"]
    assert Role.VICE_CHAIR in roles["vicechair"]
    assert Role.IP_LEADER in roles["ipleader"]
    city_platforms = ThematicGroup.objects.get(slug="city-platforms")
    assert principal_for(demo["leader"]).leader_group_ids == {city_platforms.pk}
    for username in ["focal-itu", "focal-unece", "focal-wmo"]:
        assert Role.PARTNER in roles[username] and Role.SECRETARIAT not in roles[username]
    assert principal_for(demo["focal-wmo"]).partner_ids == {Partner.objects.get(acronym="WMO").pk}
    assert roles["participant"] == {Role.ANYONE, Role.PARTICIPANT, Role.MEMBER, Role.TEAM}
    leader_mandate = Mandate.objects.get(person=demo["leader"], role=Mandate.Role.LEADER)
    assert leader_mandate.proposed_by == demo["chair"] and leader_mandate.concurred_by == demo["secretariat"]
    assert said(FocalPoint.objects.get(person=demo["secretariat"]).history.first().history_change_reason) == (
        "Focal point added"
    )


def test_current_mandates_are_active_today(demo):
    today = timezone.localdate()
    for username, role in [
        ("chair", "chair"),
        ("vicechair", "vice_chair"),
        ("leader", "leader"),
        ("ipleader", "ip_leader"),
    ]:
        assert Mandate.objects.active(on=today).filter(person=demo[username], role=role).count() == 1


def test_fifth_meeting_with_its_programme(demo):
    meeting = Meeting.objects.get(ordinal=5)
    assert meeting.kind == Meeting.Kind.ANNUAL and meeting.status == Meeting.Status.HELD
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (dt.date(2020, 10, 9), 10, 0)
    assert timezone.localtime(meeting.ends_at).strftime("%H:%M") == "16:05"
    assert "Palais des Nations" in meeting.introduction and "Virtual meeting" in meeting.place
    sessions = list(meeting.sessions.order_by("position"))
    assert [s.kind for s in sessions] == [
        "opening",
        "welcome",
        "session",
        "session",
        "session",
        "session",
        "closing",
    ]
    assert sessions[2].moderator_name.startswith("Ms. Kari Eik")
    assert sessions[2].questions.count("\n") == 2
    assert sessions[5].audience == Audience.PARTNERS
    assert {s.audience for s in sessions[:5]} == {Audience.OPEN}
    assert sessions[4].speakers.count() == 7
    assert all(speaker.summary for s in sessions for speaker in s.speakers.all())
    assert set(meeting.organisers.values_list("acronym", flat=True)) == {"ITU", "UNECE", "UN-Habitat"}
    registrations = meeting.registrations.all()
    assert registrations.count() >= 20
    assert {r.attendance for r in registrations} == {"onsite", "online"}
    assert {r.status for r in registrations} == {Registration.Status.CONFIRMED}
    assert meeting.workplan == Workplan.objects.get(period="2020-2021")


def test_three_vice_chairs_appointed_at_the_fifth_meeting_have_long_expired(demo):
    meeting = Meeting.objects.get(ordinal=5)
    appointments = MeetingDecision.objects.filter(meeting=meeting, kind=MeetingDecision.Kind.APPOINTMENT)
    assert appointments.count() == 3
    assert {d.session.position for d in appointments} == {6}
    for decision in appointments.select_related("mandate"):
        mandate = decision.mandate
        assert mandate.role == Mandate.Role.VICE_CHAIR
        assert mandate.starts_on == dt.date(2020, 10, 9) and mandate.ends_on == dt.date(2022, 10, 9)
        assert mandate.decided_by == Mandate.DecidedBy.ANNUAL_MEETING and mandate.meeting == meeting
        assert not mandate.is_active()
    names = {d.mandate.person.get_full_name() for d in appointments}
    assert names == {"Katrina Naut", "Tania Marcos", "Giampiero Bambagioni"}


def test_thematic_groups_of_the_report(demo):
    titles = set(ThematicGroup.objects.values_list("title", flat=True))
    for title in [
        "City Platforms",
        "Economic Recovery in Cities and Urban Resilience Building in the Time of COVID-19",
        "Innovative Financing Instruments for Smart Sustainable Cities",
        "Guiding Principles for Artificial Intelligence in Cities",
        "Simple Ways to be Smart",
        "Procurement Guidelines for Smart Sustainable Cities",
        "U4SSC Index",
        "Blockchain 4 Cities",
    ]:
        assert title in titles
    assert WorkingGroup.objects.filter(thematic_group__slug="city-platforms").count() == 4


def test_a_deliverable_in_every_lifecycle_state(demo):
    assert set(Deliverable.objects.values_list("status", flat=True)) == set(Deliverable.Status.values)
    published = Deliverable.objects.filter(status=Deliverable.Status.PUBLISHED)
    assert set(published.values_list("title", flat=True)) == {
        "Accelerating city transformation using frontier technologies",
        "A Guide to Circular Cities",
        "Blockchain for Smart Sustainable Cities",
    }
    for deliverable in published:
        assert deliverable.summary and deliverable.body.count("\n\n") >= 2 and deliverable.published_on


def test_upcoming_meetings_are_in_the_future(demo):
    now = timezone.now()
    sixth = Meeting.objects.get(ordinal=6)
    assert sixth.kind == Meeting.Kind.ANNUAL and sixth.starts_at > now
    assert sixth.agenda_status == Meeting.AgendaStatus.PUBLISHED
    e_meeting = Meeting.objects.get(kind=Meeting.Kind.E_MEETING, thematic_group__slug="city-platforms")
    assert e_meeting.starts_at > now and e_meeting.status == Meeting.Status.SCHEDULED
    assert Session.objects.filter(meeting=sixth, audience=Audience.PARTNERS).exists()
