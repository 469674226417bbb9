"""Data for the browser tests, built through services on top of the standard cast."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from governance import services as gov
from governance.models import Decision
from governance.services.tor_load import tor_version_load_from_text
from governance.tor_text import reference_text
from meetings import services as meeting_services


@dataclass
class PublicSite:
    cast: object
    partner: object
    group: object
    deliverable: object
    meeting: object
    emeeting: object
    decision: object


def public_site_data(cast) -> PublicSite:
    tor_version_load_from_text(text=reference_text(), number=1, adopted_on=dt.date(2023, 5, 10))
    starts = timezone.now() + dt.timedelta(days=30)
    meeting = meeting_services.meeting_create(
        by=cast.secretariat,
        title="Seventh U4SSC meeting",
        slug="seventh-u4ssc-meeting",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
        ordinal=7,
        agenda="Opening; Thematic Group reports; Workplan; Closing.",
        introduction="The annual meeting of the U4SSC initiative, open to all.",
    )
    meeting_services.meeting_agenda_agree(by=cast.chair, meeting=meeting)
    meeting = meeting_services.meeting_agenda_publish(by=cast.secretariat, meeting=meeting)
    emeeting = meeting_services.emeeting_schedule(
        by=cast.leader_x,
        title="City Platforms monthly call",
        starts_at=timezone.now() + dt.timedelta(days=3),
        thematic_group=cast.group_x,
    )
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the next annual meeting be held online?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    return PublicSite(
        cast=cast,
        partner=cast.partner_a,
        group=cast.group_x,
        deliverable=cast.published_x,
        meeting=meeting,
        emeeting=emeeting,
        decision=decision,
    )


def forms_for(site: PublicSite) -> dict[str, list[str]]:
    """The forms each person fills, by username: pages that hold them."""
    cast = site.cast
    return {
        "focal_a": [
            f"/decisions/{site.decision.pk}/",  # the ballot
            f"/deliverables/{cast.draft_x.slug}/",  # comment on a draft
            "/reminders/preferences/",
            "/me/profile/",
        ],
        "leader_x": [
            "/meetings/e-meetings/new/",
            f"/meetings/{site.emeeting.slug}/minutes/",
            f"/groups/{cast.group_x.slug}/propose/",
        ],
        "secretariat": [
            "/decisions/new/",
            "/invitations/new/",
        ],
    }


def annual_meeting(cast, *, title: str, slug: str, starts_at, published: bool, ordinal: int = 8):
    """An annual meeting, its agenda agreed by the Chair and published by the Secretariat if asked."""
    meeting = meeting_services.meeting_create(
        by=cast.secretariat,
        title=title,
        slug=slug,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=4),
        ordinal=ordinal,
        agenda="Opening; Thematic Group reports; Workplan; Closing.",
        introduction="The annual meeting of the U4SSC initiative, open to all.",
    )
    if published:
        meeting_services.meeting_agenda_agree(by=cast.chair, meeting=meeting)
        meeting = meeting_services.meeting_agenda_publish(by=cast.secretariat, meeting=meeting)
    return meeting


def index_demo_site(people) -> None:
    """The KPI catalogue with its targets and the Index's demo cities, cycles and published edition
    on top of the browser tests' cast (`people`). In one transaction, as the demo loader does: the
    scores are recomputed once per cycle after its commit, not after each verified value's
    (kernel.queue.enqueue_on_commit)."""
    from types import SimpleNamespace

    from django.db import transaction

    from kpis import services as kpi_services
    from portal.demo import index as index_demo
    from portal.demo import kpis as kpi_demo

    with transaction.atomic():
        kpi_services.catalogue_load()
        kpi_demo._targets(people.secretariat)
        roles = {
            "secretariat": people.secretariat,
            "steward": people.participant,
            "verifier": people.leader_x,
        }
        index_demo.load(SimpleNamespace(created=0), roles, {})
