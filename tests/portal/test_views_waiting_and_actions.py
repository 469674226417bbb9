"""'Waiting for you' lists what the ToR expects of the person now, each linked to where it is done,
in a bounded number of queries; 'What you may do' lists the person's actions as links."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from tests.cast import make_person
from tests.decisions.conftest import in_days, make_tor_version
from thematic_groups import services as groups
from thematic_groups.models import CallForExperts, ExpertApplication, Workplan


def open_call(cast):
    return groups.call_open(
        by=cast.leader_x,
        deliverable=cast.draft_x,
        title="Data experts",
        description="Help",
        closes_on=timezone.localdate() + dt.timedelta(days=20),
    )


def dashboard(client, who) -> str:
    client.force_login(who)
    return client.get(reverse("portal:dashboard")).content.decode()


def waiting(html: str) -> str:
    return html.split('id="waiting-heading"')[1].split("</section>")[0]


@pytest.fixture
def draft_in_comment_period(cast):
    make_tor_version()
    draft = gov.tor_revision_create(by=cast.secretariat, summary="Hubs")
    gov.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(4))
    return draft


def test_focal_points_and_the_management_team_are_asked_to_comment_during_a_comment_period(
    client, cast, draft_in_comment_period
):
    link = f'href="/tor/versions/{draft_in_comment_period.number}/draft/"'
    for who in (cast.focal_a, cast.chair):
        assert link in waiting(dashboard(client, who))
    for who in (cast.participant, cast.leader_x):
        assert "open for comments" not in waiting(dashboard(client, who))


def test_the_secretariat_is_shown_unhandled_comments_until_they_are_handled(
    client, cast, draft_in_comment_period
):
    comment = gov.tor_comment_add(by=cast.focal_a, tor_version=draft_in_comment_period, text="Hubs?")
    gov.tor_comment_add(by=cast.focal_b, tor_version=draft_in_comment_period, text="More Hubs?")
    html = waiting(dashboard(client, cast.secretariat))
    assert "2 comments on draft version 2 of the ToR are not yet handled" in html
    assert 'href="/tor/versions/2/comments/"' in html
    assert "not yet handled" not in waiting(dashboard(client, cast.focal_a))
    gov.tor_comment_handle(by=cast.secretariat, comment=comment, handling="accepted")
    assert "1 comment on draft version 2 of the ToR is not yet handled" in waiting(
        dashboard(client, cast.secretariat)
    )


def test_a_nomination_waits_for_the_secretariat_until_it_is_on_a_ballot(client, cast):
    nomination = gov.nomination_create(
        by=cast.focal_a, partner=cast.partner_a, role="chair", nominee=cast.leader_x
    )
    html = waiting(dashboard(client, cast.secretariat))
    link = f"/decisions/new/?kind=chair_appointment&amp;nomination={nomination.pk}"
    assert link in html and "waits for a ballot" in html
    assert "waits for a ballot" not in waiting(dashboard(client, cast.focal_a))
    client.force_login(cast.secretariat)
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{nomination.pk}" selected>' in form and "as Chair?" in form
    gov.decision_open(
        by=cast.secretariat,
        kind="chair_appointment",
        question="Chair?",
        deadline=in_days(5),
        nomination=nomination,
    )
    assert "waits for a ballot" not in waiting(dashboard(client, cast.secretariat))


def test_expert_applications_wait_for_the_secretariat_and_the_management_team(client, cast):
    call = open_call(cast)
    groups.expert_apply(by=cast.participant, call=call, motivation="I know data.")
    for who in (cast.secretariat, cast.chair):
        html = waiting(dashboard(client, who))
        assert "applied to the call “Data experts”" in html and f'href="/calls/{call.pk}/"' in html
    assert "applied to the call" not in waiting(dashboard(client, cast.leader_x))


def test_a_leader_is_asked_for_workplan_inputs_until_they_give_one(client, cast):
    workplan = groups.workplan_create(
        by=cast.secretariat, title="Workplan 2027", period="2027", inputs_deadline=in_days(9)
    )
    link = f'href="/workplans/{workplan.pk}/"'
    assert link in waiting(dashboard(client, cast.leader_x)) and "waits for your inputs" in waiting(
        dashboard(client, cast.leader_x)
    )
    assert "waits for your inputs" not in waiting(dashboard(client, cast.participant))
    groups.workplan_input_add(by=cast.leader_x, workplan=workplan, text="Add a guideline on data.")
    assert "waits for your inputs" not in waiting(dashboard(client, cast.leader_x))


def test_what_you_may_do_is_a_list_of_links_not_a_table_of_rules(client, cast):
    html = dashboard(client, cast.leader_x)
    part = html.split("What you may do")[1]
    assert "<table" not in part
    assert (
        f'href="/groups/{cast.group_x.slug}/propose/">Propose a deliverable for {cast.group_x.title}</a>'
        in part
    )
    assert 'href="/meetings/e-meetings/new/">Schedule an e-meeting</a>' in part
    assert "Put a question to the Partners Board" not in part
    secretariat = dashboard(client, cast.secretariat).split("What you may do")[1]
    assert 'href="/decisions/new/">Put a question to the Partners Board</a>' in secretariat
    assert "Run the open ballots" in secretariat
    participant = dashboard(client, cast.participant).split("What you may do")[1]
    links = re.findall(r'<li><a href="([^"]+)">', participant.split("</ul>")[0])
    assert links == [
        "/calls/",
        "/deliverables/",
        "/requests/hubs/new/",
        "/requests/logo/new/",
        "/requests/engagements/new/",
    ]


@pytest.mark.parametrize("rows", [2, 50])
def test_the_secretariats_waiting_list_costs_the_same_queries_with_2_and_50_rows(
    client, cast, django_assert_max_num_queries, rows
):
    make_tor_version()
    draft = gov.tor_revision_create(by=cast.secretariat, summary="Hubs")
    gov.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(4))
    call = open_call(cast)
    for i in range(rows):
        person = make_person(f"expert{i}")
        gov.tor_comment_add(by=cast.focal_a, tor_version=draft, text=f"Comment {i}")
        groups.expert_apply(by=person, call=call, motivation="Me")
        gov.nomination_create(by=cast.focal_a, partner=cast.partner_a, role="vice_chair", nominee=person)
        groups.workplan_create(
            by=cast.secretariat, title=f"Workplan {i}", period=f"20{i:02d}", inputs_deadline=in_days(9)
        )
    client.force_login(cast.secretariat)
    client.get(reverse("portal:dashboard"))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("portal:dashboard"))
    context = response.context["waiting"]
    assert len(context["nominations"]) == len(context["expert_applications"]) == min(rows, 10)
    assert len(context["workplan_inputs"]) == min(rows, 10) and len(context["comment_periods"]) == 1
    assert ExpertApplication.objects.count() == rows and Workplan.objects.count() == rows
    assert CallForExperts.objects.count() == 1


def test_a_focal_point_is_reminded_of_an_open_ballot_in_one_narrow_query(client, cast):
    """My roles reads the ballots a Partner has not voted on with their question and deadline only
    (no ballot count, no other column: issue 17), and forgets them once the Partner voted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.decisions.conftest import open_other

    decision = open_other(cast)
    client.force_login(cast.focal_a)
    client.get(reverse("portal:dashboard"))
    with CaptureQueriesContext(connection) as queries:
        html = waiting(client.get(reverse("portal:dashboard")).content.decode())
    assert "Your Partner has not voted on" in html and decision.question in html
    assert decision.get_absolute_url() in html
    read = [q["sql"] for q in queries.captured_queries if 'FROM "governance_decision"' in q["sql"]]
    assert len(read) == 1 and "COUNT(" not in read[0] and '"description"' not in read[0], read
    gov.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="yes")
    assert decision.question not in waiting(dashboard(client, cast.focal_a))
