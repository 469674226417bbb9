"""The Secretariat's admin: every register loads in a bounded number of queries, nobody else
gets in, and focal points and mandates are written through the governance services."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import get_perms

from governance.models import FocalPoint, Mandate, Partner
from governance.rulebook import can
from kernel.admin_base import RegisterAdmin
from kernel.reasons import said
from tests.cast import make_person
from thematic_groups.models import Deliverable, TeamMember


def elected_on(meeting) -> str:
    """The reason an election at `meeting` is recorded with, in English."""
    from django.utils import timezone
    from django.utils.formats import date_format

    return f"Elected at the meeting of {date_format(timezone.localtime(meeting.starts_at).date(), 'DATE_FORMAT')}"


pytestmark = pytest.mark.django_db

OUR_APPS = {"people", "governance", "thematic_groups", "meetings"}
MAX_QUERIES = 25


def our_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS or isinstance(model_admin, RegisterAdmin)
    ]


def url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def test_every_register_of_the_four_apps_has_a_register_admin():
    from django.apps import apps

    registers = [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and hasattr(model, "history")
        and not model.__name__.startswith("Historical")
    ]
    assert len(registers) >= 36
    for model in registers:
        assert model in admin.site._registry, f"{model._meta.label} has no admin"
    for model, model_admin in our_admins():
        assert isinstance(model_admin, RegisterAdmin), model._meta.label


def test_every_changelist_add_and_change_page_loads_in_bounded_queries(
    demo, client, django_assert_max_num_queries
):
    client.force_login(demo["secretariat"])
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("admin:index")).status_code == 200
    for model, model_admin in our_admins():
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url(model, "changelist"))
        assert response.status_code == 200, model._meta.label
        if model_admin.has_add_permission(response.wsgi_request):
            with django_assert_max_num_queries(MAX_QUERIES):
                response = client.get(url(model, "add"))
            assert response.status_code == 200, model._meta.label
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            with django_assert_max_num_queries(MAX_QUERIES * 2):
                response = client.get(url(model, "change", obj.pk))
            assert response.status_code == 200, model._meta.label
            assert client.get(url(model, "history", obj.pk)).status_code == 200, model._meta.label


def _changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(model, "changelist")).status_code == 200
    return len(queries)


def _add_rows(demo, n: int) -> None:
    """n more rows in lists whose columns follow foreign keys."""
    from governance import services as gov
    from governance.models import Clause, ToRVersion
    from meetings.models import Meeting, Registration, Speaker

    meeting = Meeting.objects.get(ordinal=6)
    Registration.objects.bulk_create(
        Registration(meeting=meeting, name=f"P {i}", email=f"p{i}@example.org", organisation="City")
        for i in range(n)
    )
    draft = ToRVersion.objects.create(number=99, status=ToRVersion.Status.DRAFT)
    Clause.objects.bulk_create(
        Clause(tor_version=draft, position=i, section="A", number=str(i), key=str(i), text="t")
        for i in range(n)
    )
    session = meeting.sessions.first()
    Speaker.objects.bulk_create(Speaker(session=session, position=i, name=f"S {i}") for i in range(n))
    deliverable = Deliverable.objects.get(slug="simple-ways-to-be-smart")
    start = timezone.localdate() - dt.timedelta(days=10)
    for i in range(n):
        person = make_person(f"bulk{i}")
        TeamMember.objects.create(deliverable=deliverable, person=person)
        gov.focal_point_add(
            partner=Partner.objects.get(acronym="UNEP"), person=person, by=demo["secretariat"]
        )
        gov.mandate_record_election(
            by=demo["secretariat"],
            meeting=Meeting.objects.get(ordinal=5),
            role=Mandate.Role.VICE_CHAIR,
            person=person,
            starts_on=start,
        )


def test_changelist_queries_do_not_grow_with_rows(demo, client):
    """Each list costs the same with a few rows and with 50 more (list_select_related, no N+1)."""
    from governance.models import Clause
    from meetings.models import Registration, Speaker

    client.force_login(demo["secretariat"])
    # a first request reads the person and their roles (cached after it: kernel.auth, the Principal)
    client.get(reverse("admin:index"))
    models = [Clause, Registration, Speaker, Mandate, FocalPoint, TeamMember, type(demo["chair"])]
    before = {model: _changelist_queries(client, model) for model in models}
    _add_rows(demo, 50)
    client.get(reverse("admin:index"))  # the roles changed (focal points, mandates): read again once
    after = {model: _changelist_queries(client, model) for model in models}
    assert after == before


@pytest.mark.parametrize("username", ["focal-itu", "chair", "leader", "participant"])
def test_admin_refuses_people_who_do_not_keep_the_registers(demo, client, username):
    client.force_login(demo[username])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert client.get(url(Partner, "changelist")).status_code == 302
    assert client.post(url(Partner, "add"), {"name": "X", "acronym": "X", "slug": "x"}).status_code == 302
    assert not Partner.objects.filter(acronym="X").exists()


def test_admin_refuses_staff_who_are_not_secretariat_focal_points(demo, client):
    staffer = make_person("staffer", staff=True)  # staff flag, but a focal point of no Secretariat Partner
    client.force_login(staffer)
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(url(Mandate, "changelist")).status_code == 302
    # a WMO focal point with staff access is not Secretariat either
    wmo = demo["focal-wmo"]
    wmo.is_staff = True
    wmo.save(update_fields=["is_staff"])
    client.force_login(wmo)
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_refuses_anonymous_visitors(demo, client):
    response = client.get(url(FocalPoint, "changelist"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_adding_a_focal_point_in_the_admin_goes_through_the_service(demo, client):
    client.force_login(demo["secretariat"])
    fao = Partner.objects.get(acronym="FAO")
    person = demo["participant"]
    response = client.post(
        url(FocalPoint, "add"),
        {"partner": fao.pk, "person": person.pk, "title": "Urban food systems", "started_on": "2025-01-06"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    focal_point = FocalPoint.objects.get(partner=fao, person=person)
    assert "act_for_partner" in get_perms(person, fao)
    assert said(focal_point.history.first().history_change_reason) == "Focal point added"
    assert can(person, "decision.vote", fao)


def test_a_second_current_focal_point_for_the_same_pair_is_refused_with_a_message(demo, client):
    client.force_login(demo["secretariat"])
    itu = Partner.objects.get(acronym="ITU")
    before = FocalPoint.objects.count()
    response = client.post(
        url(FocalPoint, "add"),
        {"partner": itu.pk, "person": demo["focal-itu"].pk, "started_on": "2025-01-06"},
        follow=True,
    )
    assert response.redirect_chain == [(url(FocalPoint, "add"), 302)]
    assert "Cristina Bueti is already a focal point of ITU." in response.content.decode()
    assert FocalPoint.objects.count() == before


def test_ending_a_focal_point_in_the_admin_removes_the_partner_powers(demo, client):
    client.force_login(demo["secretariat"])
    focal_point = FocalPoint.objects.get(person=demo["focal-wmo"])
    response = client.post(
        url(FocalPoint, "changelist"),
        {"action": "end_today", "_selected_action": [focal_point.pk]},
        follow=True,
    )
    assert "1 focal points ended." in response.content.decode()
    focal_point.refresh_from_db()
    assert focal_point.ended_on == timezone.localdate()
    assert not get_perms(demo["focal-wmo"], focal_point.partner)
    assert said(focal_point.history.first().history_change_reason) == "Focal point ended"


def test_an_election_recorded_in_the_admin_goes_through_the_service(demo, client):
    from meetings.models import Meeting

    fifth = Meeting.objects.get(ordinal=5)
    client.force_login(demo["secretariat"])
    start = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(
        url(Mandate, "add"),
        {
            "role": "ip_leader",
            "person": demo["participant"].pk,
            "meeting": fifth.pk,
            "starts_on": start.isoformat(),
            "notes": "Elected at the annual meeting.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    mandate = Mandate.objects.get(person=demo["participant"], role="ip_leader")
    assert mandate.status == Mandate.Status.ACTIVE and mandate.meeting == fifth
    assert mandate.decided_by == Mandate.DecidedBy.ANNUAL_MEETING
    assert mandate.ends_on == start.replace(year=start.year + 2)
    assert said(mandate.history.first().history_change_reason) == elected_on(fifth)
    assert can(demo["participant"], "minutes.upload_ip")


def test_a_mandate_without_the_meeting_that_elected_it_is_refused_in_the_admin(demo, client):
    """Issue 16: the admin created an active Chair linked to no decision and no meeting."""
    client.force_login(demo["secretariat"])
    before = Mandate.objects.count()
    response = client.post(
        url(Mandate, "add"),
        {
            "role": "chair",
            "person": demo["participant"].pk,
            "starts_on": "2025-03-01",
            "ends_on": "2025-02-01",
            "status": "active",
            "decided_by": "electronic",
        },
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Mandate.objects.count() == before


def test_ending_a_mandate_in_the_admin_ends_the_powers_at_once(demo, client):
    client.force_login(demo["secretariat"])
    leader = demo["leader"]
    mandate = Mandate.objects.get(person=leader, role=Mandate.Role.LEADER)
    assert can(leader, "deliverable.propose", mandate.thematic_group)
    client.post(url(Mandate, "changelist"), {"action": "end_today", "_selected_action": [mandate.pk]})
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.ENDED
    leader = type(leader).objects.get(pk=leader.pk)  # a new request: no cached roles
    assert not can(leader, "deliverable.propose", mandate.thematic_group)
    assert "lead_group" not in get_perms(leader, mandate.thematic_group)


def test_an_action_the_lifecycle_refuses_shows_the_reason_and_changes_nothing(demo, client):
    client.force_login(demo["secretariat"])
    mandate = Mandate.objects.get(person=demo["chair"], role=Mandate.Role.CHAIR)
    client.post(url(Mandate, "changelist"), {"action": "end_today", "_selected_action": [mandate.pk]})
    history = mandate.history.count()
    from meetings.models import Meeting

    response = client.post(
        url(Mandate, "changelist"),
        {
            "action": "renew_at_meeting",
            "_selected_action": [mandate.pk],
            "meeting": Meeting.objects.get(ordinal=5).pk,
        },
        follow=True,
    )
    # the lifecycle answers before the service is called: the mandate is named, with why
    assert "Left as they were: " in response.content.decode()
    assert "Only an active mandate is renewed (this one: ended early)." in response.content.decode()
    assert mandate.history.count() == history
    assert Mandate.objects.filter(person=demo["chair"], role=Mandate.Role.CHAIR).count() == 1


def test_team_members_added_in_the_admin_get_the_team_grant(demo, client):
    client.force_login(demo["secretariat"])
    deliverable = Deliverable.objects.get(slug="simple-ways-to-be-smart")
    person = demo["focal-wmo"]
    response = client.post(
        url(TeamMember, "add"),
        {
            "deliverable": deliverable.pk,
            "person": person.pk,
            "role": "contributor",
            "joined_on": "2025-01-06",
        },
    )
    assert response.status_code == 302
    assert "work_on_deliverable" in get_perms(person, deliverable)
    member = TeamMember.objects.get(deliverable=deliverable, person=person)
    client.post(url(TeamMember, "delete", member.pk), {"post": "yes"})
    # Deleting is for superusers only; the Secretariat's delete page refuses, the grant stays.
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_a_secretariat_member_cannot_raise_powers_in_the_person_admin(demo, client):
    client.force_login(demo["secretariat"])
    person = demo["participant"]
    response = client.get(url(type(person), "change", person.pk))
    content = response.content.decode()
    assert 'name="is_superuser"' not in content and 'name="is_staff"' not in content
