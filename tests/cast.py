"""A standard cast for tests, built through services as a person would.

Partners: ITU (Secretariat), UNECE (Secretariat), WMO, UNDP.
People:   secretariat (ITU focal point, staff), focal_a (WMO), focal_a2 (WMO), focal_b (UNDP),
          chair, vice_chair, leader_x (group_x), leader_y (group_y), ip_leader, participant,
          member_x (member of group_x), team_x (team of draft_x).
Groups:   group_x, group_y with one unpublished deliverable each (draft_x, draft_y)
          and one published deliverable in group_x (published_x).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance import services as gov
from governance.models import Mandate, Partner
from meetings.models import Meeting
from thematic_groups.models import Deliverable, Membership, TeamMember, ThematicGroup


def make_person(username: str, *, staff: bool = False, **extra):
    Person = get_user_model()
    person = Person.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct-horse-battery",
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", "Tester"),
        is_staff=staff,
        **extra,
    )
    return person


def installer():
    """The installation's superuser (`manage.py createsuperuser`): it records the first Secretariat
    focal point, after which the Secretariat keeps the register (focal_point_add asks the rulebook)."""
    Person = get_user_model()
    return Person.objects.filter(username="installer").first() or make_person(
        "installer", staff=True, is_superuser=True
    )


def make_partner(acronym: str, *, secretariat: bool = False) -> Partner:
    return Partner.objects.create(
        name=f"{acronym} organisation",
        acronym=acronym,
        slug=acronym.lower(),
        is_secretariat=secretariat,
        joined_on=dt.date(2016, 5, 18),
    )


def make_group(title: str, slug: str) -> ThematicGroup:
    return ThematicGroup.objects.create(title=title, slug=slug, objectives=f"Objectives of {title}")


def make_deliverable(
    group: ThematicGroup, slug: str, *, status=Deliverable.Status.DRAFTING, **extra
) -> Deliverable:
    if status == Deliverable.Status.PUBLISHED:
        extra.setdefault("published_on", timezone.localdate())
    return Deliverable.objects.create(
        thematic_group=group,
        title=extra.pop("title", slug.replace("-", " ").title()),
        slug=slug,
        status=status,
        **extra,
    )


def add_to_team(deliverable: Deliverable, person) -> TeamMember:
    from thematic_groups.services import team_member_add

    return team_member_add(deliverable=deliverable, person=person)


@dataclass
class Cast:
    itu: Partner
    unece: Partner
    partner_a: Partner
    partner_b: Partner
    secretariat: object
    focal_a: object
    focal_a2: object
    focal_b: object
    chair: object
    vice_chair: object
    leader_x: object
    leader_y: object
    ip_leader: object
    participant: object
    member_x: object
    team_x: object
    group_x: ThematicGroup
    group_y: ThematicGroup
    draft_x: Deliverable
    draft_y: Deliverable
    published_x: Deliverable
    chair_mandate: Mandate
    vice_chair_mandate: Mandate
    annual_meeting: Meeting  # the held annual meeting that elected the chair, vice_chair, ip_leader

    def role_users(self) -> dict[str, object]:
        """The roles of the rulebook table test, by name."""
        return {
            "anonymous": None,
            "participant": self.participant,
            "focal_a": self.focal_a,
            "focal_b": self.focal_b,
            "leader_x": self.leader_x,
            "leader_y": self.leader_y,
            "chair": self.chair,
            "vice_chair": self.vice_chair,
            "ip_leader": self.ip_leader,
            "secretariat": self.secretariat,
        }


def appoint_leader(chair, secretariat, person, group, start: dt.date):
    """ToR 19: the Chair proposes, the Secretariat concurs (on `start`, a day in the cast's past)."""
    proposal = gov.mandate_propose_leader(
        by=chair, person=person, thematic_group=group, starts_on=start, on=start
    )
    return gov.mandate_concur(by=secretariat, mandate=proposal, on=start)


def build_cast(today: dt.date | None = None) -> Cast:
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=100)
    itu = make_partner("ITU", secretariat=True)
    unece = make_partner("UNECE", secretariat=True)
    partner_a = make_partner("WMO")
    partner_b = make_partner("UNDP")

    # The installation's superuser records the first Secretariat focal point; the Secretariat keeps
    # the register from then on (focal_point_add asks the rulebook).
    secretariat = make_person("secretariat", staff=True)
    gov.focal_point_add(partner=itu, person=secretariat, by=installer())
    focal_a = make_person("focal_a")
    gov.focal_point_add(partner=partner_a, person=focal_a, by=secretariat)
    focal_a2 = make_person("focal_a2")
    gov.focal_point_add(partner=partner_a, person=focal_a2, by=secretariat)
    focal_b = make_person("focal_b")
    gov.focal_point_add(partner=partner_b, person=focal_b, by=secretariat)

    group_x = make_group("City Platforms", "city-platforms")
    group_y = make_group("U4SSC Index", "u4ssc-index")

    # Mandates come from the bodies the ToR names: the annual meeting elects the Management Team and
    # the IP Leader (recorded by the Secretariat); the Chair appoints Leaders, the Secretariat concurs.
    annual = Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL,
        title="Annual meeting of the cast",
        slug="cast-annual-meeting",
        starts_at=timezone.make_aware(dt.datetime.combine(start, dt.time(10))),
        status=Meeting.Status.HELD,
        held_on=start,
    )
    chair = make_person("chair")
    chair_mandate = gov.mandate_record_election(
        by=secretariat, meeting=annual, role=Mandate.Role.CHAIR, person=chair, starts_on=start
    )
    vice_chair = make_person("vice_chair")
    vice_chair_mandate = gov.mandate_record_election(
        by=secretariat, meeting=annual, role=Mandate.Role.VICE_CHAIR, person=vice_chair, starts_on=start
    )
    leader_x = make_person("leader_x")
    appoint_leader(chair, secretariat, leader_x, group_x, start)
    leader_y = make_person("leader_y")
    appoint_leader(chair, secretariat, leader_y, group_y, start)
    ip_leader = make_person("ip_leader")
    gov.mandate_record_election(
        by=secretariat, meeting=annual, role=Mandate.Role.IP_LEADER, person=ip_leader, starts_on=start
    )
    participant = make_person("participant")
    member_x = make_person("member_x")
    Membership.objects.create(thematic_group=group_x, person=member_x, joined_on=start)

    draft_x = make_deliverable(group_x, "draft-x", title="Integrated city management with city platforms")
    draft_y = make_deliverable(group_y, "draft-y", title="A global city index")
    published_x = make_deliverable(
        group_x, "published-x", status=Deliverable.Status.PUBLISHED, title="City platforms guide"
    )
    team_x = make_person("team_x")
    add_to_team(draft_x, team_x)
    # The notices the cast's appointments queued (Leaders proposed and concurred) belong to its
    # past, not to the test: a test starts with an outbox holding only what it causes itself.
    from django.core import mail

    from kernel.models import OutboxMessage

    OutboxMessage.objects.all().delete()
    if hasattr(mail, "outbox"):  # a transactional test delivered them at each commit already
        mail.outbox.clear()
    return Cast(
        itu=itu,
        unece=unece,
        partner_a=partner_a,
        partner_b=partner_b,
        secretariat=secretariat,
        focal_a=focal_a,
        focal_a2=focal_a2,
        focal_b=focal_b,
        chair=chair,
        vice_chair=vice_chair,
        leader_x=leader_x,
        leader_y=leader_y,
        ip_leader=ip_leader,
        participant=participant,
        member_x=member_x,
        team_x=team_x,
        group_x=group_x,
        group_y=group_y,
        draft_x=draft_x,
        draft_y=draft_y,
        published_x=published_x,
        chair_mandate=chair_mandate,
        vice_chair_mandate=vice_chair_mandate,
        annual_meeting=annual,
    )
