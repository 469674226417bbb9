"""My roles: a link to My requests for everyone; the requests that wait for the Secretariat in
its "Waiting for you", linked to the registers filtered, and for nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance import services
from tests.requests.conftest import ask_hub, ask_logo, tell_engagement

PENDING_LOGOS = "/admin/governance/logouserequest/?status__exact=pending"
REQUESTED_HUBS = "/admin/governance/hub/?status__exact=requested"
UNACKNOWLEDGED = "/admin/governance/externalengagementnotice/?acknowledged_by__isempty=1"


@pytest.fixture
def requests_made(cast):
    ask_logo(cast.ip_leader, organisation="OiER")
    ask_hub(cast.participant, cast.partner_a, name="U4SSC Geneva Hub")
    tell_engagement(cast.leader_x, event="World Urban Forum")


def waiting_section(client) -> str:
    page = client.get(reverse("portal:dashboard")).content.decode()
    return page.split('id="waiting-heading"')[1].split("</section>")[0]


def test_the_secretariat_sees_the_requests_waiting_for_it(client, cast, requests_made):
    client.force_login(cast.secretariat)
    waiting = waiting_section(client)
    assert "Ip_Leader Tester asks to use the logo for OiER (ToR 36)" in waiting
    assert "The Hub U4SSC Geneva Hub (Switzerland, with WMO) is requested" in waiting
    assert "Leader_X Tester told the Secretariat about World Urban Forum (ToR 37)" in waiting
    for url in (PENDING_LOGOS, REQUESTED_HUBS, UNACKNOWLEDGED):
        assert f'href="{url.replace("&", "&amp;")}"' in waiting
        assert client.get(url).status_code == 200  # the filter exists in the admin


def test_a_decided_request_no_longer_waits(client, cast, requests_made):
    from governance.models import LogoUseRequest

    services.logo_use_approve(
        by=cast.secretariat, logo_request=LogoUseRequest.objects.get(), written_agreement=True
    )
    client.force_login(cast.secretariat)
    assert "asks to use the logo" not in waiting_section(client)


@pytest.mark.parametrize("who", ["participant", "focal_a", "chair", "leader_x", "ip_leader"])
def test_nobody_else_sees_them(client, cast, requests_made, who):
    client.force_login(getattr(cast, who))
    waiting = waiting_section(client)
    assert "asks to use the logo" not in waiting and "U4SSC Geneva Hub" not in waiting
    assert "World Urban Forum" not in waiting


@pytest.mark.parametrize("who", ["participant", "secretariat"])
def test_my_roles_links_to_my_requests(client, cast, who):
    client.force_login(getattr(cast, who))
    assert (
        f'href="{reverse("governance:my_requests")}"'
        in client.get(reverse("portal:dashboard")).content.decode()
    )


@pytest.mark.parametrize("rows", [2, 30])
def test_the_secretariats_my_roles_costs_the_same_queries_with_2_and_30_requests(
    client, cast, django_assert_max_num_queries, rows
):
    for i in range(rows):
        ask_logo(cast.participant, organisation=f"Organisation {i}")
        ask_hub(cast.participant, cast.partner_a, name=f"Hub {i}")
        tell_engagement(cast.participant, event=f"Conference {i}")
    client.force_login(cast.secretariat)
    client.get(reverse("portal:dashboard"))
    # 10, plus one capped query each for ToR comment periods, workplan inputs, nominations waiting
    # for a ballot, comments not yet handled and expert applications (issue 19)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert len(response.context["waiting"]["logo_requests"]) == min(rows, 10)
