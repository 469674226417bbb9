"""The rulebook through HTTP: for each action a person reaches on a page, every role of the
cast is let in or turned away as DESIGN.md says (and as test_rulebook_table.py asserts of
the rulebook itself). Turned away means 302 to the login page, 403 or 404, and no change."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from governance.models import (
    Ballot,
    Decision,
    ExternalEngagementNotice,
    Hub,
    LogoUseRequest,
    Nomination,
    ToRVersion,
)
from governance.rulebook import forget_principal
from governance.services.tor_load import tor_version_load_from_text
from meetings import services as meetings
from meetings.models import Audience, Meeting
from tests.governance.test_rulebook_table import EVERYONE, MT, PARTNERS, SIGNED_IN

TOR_TEXT = Path(settings.BASE_DIR, "governance", "data", "terms-of-reference.txt").read_text(encoding="utf-8")


@dataclass
class World:
    cast: object
    tor: ToRVersion
    draft: ToRVersion
    decision: Decision
    emeeting: Meeting
    annual: Meeting


@pytest.fixture
def world(cast) -> World:
    now = timezone.now()
    tor = tor_version_load_from_text(text=TOR_TEXT, number=1, adopted_on=dt.date(2021, 1, 1))
    draft = gov.tor_revision_create(by=cast.secretariat, summary="Clarify the workplan.")
    gov.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=now + dt.timedelta(days=10))
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Hold the next meeting in Geneva?",
        deadline=now + dt.timedelta(days=7),
    )
    emeeting = meetings.emeeting_schedule(
        by=cast.leader_x,
        title="City Platforms WG1 e-meeting",
        starts_at=now - dt.timedelta(days=2),
        thematic_group=cast.group_x,
        held=True,
    )
    annual = meetings.meeting_create(
        by=cast.secretariat,
        title="Sixth U4SSC meeting",
        slug="sixth-u4ssc-meeting",
        starts_at=now + dt.timedelta(days=30),
    )
    meetings.session_add(
        by=cast.secretariat,
        meeting=annual,
        title="Session 4: working methods",
        audience=Audience.PARTNERS,
        highlights="Partners agreed the new Vice-Chairs.",
    )
    meetings.meeting_agenda_agree(by=cast.chair, meeting=annual)
    meetings.meeting_agenda_publish(by=cast.secretariat, meeting=annual)
    for user in cast.role_users().values():
        if user is not None:
            forget_principal(user)
    return World(cast=cast, tor=tor, draft=draft, decision=decision, emeeting=emeeting, annual=annual)


def turned_away(response) -> bool:
    if response.status_code == 302:
        return "/accounts/login/" in response["Location"] or "/admin/login/" in response["Location"]
    return response.status_code in (403, 404)


def page(url_name, *args, allowed_status=200, contains=None):
    """A GET that answers `allowed_status` (and shows `contains`) to those allowed."""

    def check(client, world, user):
        response = client.get(reverse(url_name, args=[a(world) if callable(a) else a for a in args]))
        if turned_away(response):
            return False
        assert response.status_code == allowed_status, (url_name, user, response.status_code)
        return contains is None or contains in response.content.decode()

    return check


def vote_for_partner_a(client, world, user):
    Ballot.objects.filter(decision=world.decision).delete()
    partner = world.cast.partner_a
    client.post(
        reverse("governance:decision_vote", args=[world.decision.pk]),
        {f"p{partner.pk}-partner": partner.pk, f"p{partner.pk}-choice": "yes", f"p{partner.pk}-comment": ""},
    )
    return Ballot.objects.filter(decision=world.decision, partner=partner).exists()


def nominate_for_partner_a(client, world, user):
    Nomination.objects.all().delete()
    client.post(
        reverse("governance:nomination_create"),
        {
            "role": "vice_chair",
            "nominee_email": world.cast.participant.email,
            "statement": "An urban data expert.",
        },
    )
    return Nomination.objects.filter(nominated_by=world.cast.partner_a).exists()


def creates(url_name, *args, data, files=None, made):
    """A POST that, for those allowed, creates what `made(world)` counts (deleted before each try)."""

    def check(client, world, user):
        made(world).delete()
        payload = dict(data(world) if callable(data) else data)
        if files:
            payload.update(files())
        response = client.post(
            reverse(url_name, args=[a(world) if callable(a) else a for a in args]), payload
        )
        assert response.status_code != 500
        return made(world).exists()

    return check


def pdf_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return {"file": SimpleUploadedFile("minutes.pdf", body, content_type="application/pdf")}


def new_drafts(world):
    return ToRVersion.objects.filter(status=ToRVersion.Status.DRAFT).exclude(pk=world.draft.pk)


HTTP_TABLE = [
    (
        "published.view",
        page("thematic_groups:deliverable_detail", lambda w: w.cast.published_x.slug),
        EVERYONE,
    ),
    ("published.view:tor", page("governance:tor"), EVERYONE),
    (
        "unpublished.view",
        page("thematic_groups:deliverable_detail", lambda w: w.cast.draft_x.slug),
        PARTNERS | MT | {"leader_x"},
    ),
    (
        "unpublished.view:other group",
        page("thematic_groups:deliverable_detail", lambda w: w.cast.draft_y.slug),
        PARTNERS | MT | {"leader_y"},
    ),
    (
        "tor.propose_revision",
        creates("governance:tor_draft_create", data={"summary": "Tidy Annex II."}, made=new_drafts),
        {"secretariat"},
    ),
    ("tor.comment", page("governance:tor_comments", lambda w: w.draft.number), PARTNERS | MT),
    ("decision.open", page("governance:decision_open"), {"secretariat"}),
    ("decision.view_running", page("governance:decision_detail", lambda w: w.decision.pk), PARTNERS | MT),
    ("decision.vote", vote_for_partner_a, {"focal_a"}),
    ("mandate.nominate", nominate_for_partner_a, {"focal_a"}),
    (
        "deliverable.propose",
        page("thematic_groups:deliverable_propose", lambda w: w.cast.group_x.slug),
        {"leader_x"},
    ),
    (
        "deliverable.upload_draft",
        creates(
            "thematic_groups:version_upload",
            lambda w: w.cast.draft_x.slug,
            data={"note": "v2"},
            files=pdf_file,
            made=lambda w: w.cast.draft_x.versions.all(),
        ),
        {"leader_x", "secretariat"},
    ),
    ("workplan.compile", page("thematic_groups:workplan_create"), {"secretariat"}),
    (
        "emeeting.schedule",
        page("meetings:emeeting_create"),
        {"leader_x", "leader_y", "ip_leader", "secretariat"},
    ),
    (
        "minutes.upload",
        creates(
            "meetings:minutes_upload",
            lambda w: w.emeeting.slug,
            data={},
            files=pdf_file,
            made=lambda w: w.emeeting.minutes.all(),
        ),
        {"leader_x", "secretariat"},
    ),
    (
        "emeeting.view",
        page("meetings:meeting_detail", lambda w: w.emeeting.slug),
        PARTNERS | MT | {"leader_x"},
    ),
    (
        "meeting.view_partners_only",
        page(
            "meetings:meeting_detail",
            lambda w: w.annual.slug,
            contains="Partners agreed the new Vice-Chairs.",
        ),
        PARTNERS | MT,
    ),
    (
        "meeting.register",
        creates(
            "meetings:meeting_register",
            lambda w: w.annual.slug,
            data={
                "name": "Ada Lovelace",
                "email": "ada@example.org",
                "organisation": "City of Geneva",
                "country": "Switzerland",
                "attendance": "online",
            },
            made=lambda w: w.annual.registrations.all(),
        ),
        EVERYONE,
    ),
    ("meeting.manage", page("meetings:participants", lambda w: w.annual.slug), {"secretariat"}),
    ("people.invite", page("governance:invitation_create"), {"secretariat"}),
    ("registers.keep", page("admin:index"), {"secretariat"}),
    ("my roles", page("portal:dashboard"), SIGNED_IN),
    ("my requests", page("governance:my_requests"), SIGNED_IN),
    (
        "logo.request",
        creates(
            "governance:logo_request_create",
            data={"organisation": "OiER", "purpose": "The programme of a KPI workshop."},
            made=lambda w: LogoUseRequest.objects.all(),
        ),
        SIGNED_IN,
    ),
    (
        "hub.request",
        creates(
            "governance:hub_request_create",
            data=lambda w: {
                "name": "U4SSC Lisbon Hub",
                "country": "Portugal",
                "partner": w.cast.partner_a.pk,
            },
            made=lambda w: Hub.objects.all(),
        ),
        SIGNED_IN,
    ),
    (
        "engagement.notify",
        creates(
            "governance:engagement_notice_create",
            data={"kind": "presentation", "event": "World Urban Forum"},
            made=lambda w: ExternalEngagementNotice.objects.all(),
        ),
        SIGNED_IN,
    ),
]


@pytest.mark.parametrize(("action", "check", "allowed"), HTTP_TABLE, ids=[row[0] for row in HTTP_TABLE])
def test_rulebook_through_http(client, world, action, check, allowed):
    outcome = {}
    for name, user in world.cast.role_users().items():
        client.logout()
        if user is not None:
            client.force_login(user)
        outcome[name] = check(client, world, user)
    assert {name for name, ok in outcome.items() if ok} == allowed


def test_minutes_form_is_refused_to_those_who_may_only_read_the_e_meeting(client, world):
    client.force_login(world.cast.focal_a)
    url = reverse("meetings:minutes_upload", args=[world.emeeting.slug])
    assert client.get(url).status_code == 403
    client.force_login(world.cast.leader_x)
    assert client.get(url).status_code == 200
