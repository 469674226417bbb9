"""The Chair's page to appoint a Leader and the Secretariat's concurrence page, through HTTP
(ToR 19, 28; issue 19): allowed and denied for each role of the cast."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from governance.models import Mandate
from tests.cast import make_person

pytestmark = pytest.mark.django_db

OTHERS = ["participant", "focal_a", "leader_x", "vice_chair", "ip_leader"]


def propose_url(cast) -> str:
    return reverse("governance:leader_propose", args=[cast.group_y.slug])


@pytest.mark.parametrize("who", OTHERS + ["secretariat"])
def test_only_the_chair_opens_the_page_to_appoint_a_leader(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(propose_url(cast)).status_code == 403
    response = client.post(propose_url(cast), {"nominee_email": cast.participant.email})
    assert response.status_code == 403
    assert not Mandate.objects.filter(person=cast.participant).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, cast):
    response = client.get(propose_url(cast))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_chair_proposes_a_leader_and_sees_it_waiting(client, cast):
    client.force_login(cast.chair)
    page = client.get(propose_url(cast)).content.decode()
    assert "Appoint a Leader of U4SSC Index" in page and "Leader_Y Tester" in page
    response = client.post(
        propose_url(cast),
        {"nominee_email": cast.participant.email.upper(), "notes": "An expert on indices."},
        follow=True,
    )
    assert response.redirect_chain == [(propose_url(cast), 302)]
    mandate = Mandate.objects.get(person=cast.participant)
    assert (mandate.status, mandate.thematic_group, mandate.proposed_by) == (
        Mandate.Status.PROPOSED,
        cast.group_y,
        cast.chair,
    )
    page = response.content.decode()
    assert "The Secretariat has been asked to concur" in page
    assert "waiting for the Secretariat" in page


def test_an_unknown_email_or_a_past_start_is_a_form_error_and_saves_nothing(client, cast):
    client.force_login(cast.chair)
    response = client.post(propose_url(cast), {"nominee_email": "nobody@example.org"})
    assert response.status_code == 400
    assert "No active portal account has this email address" in response.content.decode()
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    response = client.post(
        propose_url(cast), {"nominee_email": cast.participant.email, "starts_on": yesterday.isoformat()}
    )
    assert response.status_code == 400 and "cannot start in the past" in response.content.decode()
    assert not Mandate.objects.filter(status=Mandate.Status.PROPOSED).exists()


def test_proposing_the_current_leader_warns_before_anything_is_saved(client, cast):
    client.force_login(cast.chair)
    response = client.post(propose_url(cast), {"nominee_email": cast.leader_y.email})
    assert response.status_code == 400
    page = response.content.decode()
    assert "already leads U4SSC Index until" in page and "tick “renew”" in page
    assert not Mandate.objects.filter(status=Mandate.Status.PROPOSED).exists()
    response = client.post(propose_url(cast), {"nominee_email": cast.leader_y.email, "renew": "on"})
    assert response.status_code == 302
    current = Mandate.objects.get(person=cast.leader_y, status=Mandate.Status.ACTIVE)
    assert Mandate.objects.get(status=Mandate.Status.PROPOSED).starts_on == current.ends_on


# The Secretariat's concurrence --------------------------------------------------------------------


@pytest.fixture
def proposal(cast):
    return gov.mandate_propose_leader(
        by=cast.chair, person=make_person("nominee"), thematic_group=cast.group_y
    )


@pytest.mark.parametrize("who", OTHERS + ["chair"])
def test_only_the_secretariat_concurs_or_declines(client, cast, proposal, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("governance:leader_proposals")).status_code == 403
    assert client.post(reverse("governance:leader_concur", args=[proposal.pk])).status_code == 403
    response = client.post(reverse("governance:leader_decline", args=[proposal.pk]), {"reason": "No."})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.PROPOSED


def test_the_secretariat_concurs_and_the_leader_starts_today(client, cast, proposal):
    client.force_login(cast.secretariat)
    page = client.get(reverse("governance:leader_proposals")).content.decode()
    assert "Nominee Tester, Leader of U4SSC Index" in page and "Proposed by Chair Tester" in page
    response = client.post(reverse("governance:leader_concur", args=[proposal.pk]), follow=True)
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.ACTIVE and proposal.starts_on == timezone.localdate()
    assert "is Leader of U4SSC Index from" in response.content.decode()
    assert "No proposal is waiting" in response.content.decode()
    response = client.post(reverse("governance:leader_concur", args=[proposal.pk]), follow=True)
    assert "cannot go from “Active” to “Active”" in response.content.decode()


def test_the_secretariat_declines_only_with_a_reason(client, cast, proposal):
    client.force_login(cast.secretariat)
    url = reverse("governance:leader_decline", args=[proposal.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Say why the Secretariat declines" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.PROPOSED
    client.post(url, {"reason": "Not an expert of the field."})
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.DECLINED and "Not an expert of the field." in proposal.notes


def test_the_waiting_for_you_list_links_to_the_concurrence_page(client, cast, proposal):
    client.force_login(cast.secretariat)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("governance:leader_proposals") in page


@pytest.mark.parametrize("rows", [2, 50])
def test_the_proposals_page_costs_the_same_queries_for_2_and_50_rows(
    client, cast, rows, django_assert_max_num_queries
):
    for i in range(rows):
        gov.mandate_propose_leader(
            by=cast.chair, person=make_person(f"nominee{i}"), thematic_group=cast.group_y
        )
    client.force_login(cast.secretariat)
    client.get(reverse("governance:leader_proposals"))  # warm the Principal cache
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:leader_proposals"))
    assert response.content.decode().count("Concur: appoint") == rows


@pytest.mark.parametrize("rows", [2, 50])
def test_the_chairs_page_costs_the_same_queries_for_2_and_50_rows(
    client, cast, rows, django_assert_max_num_queries
):
    for i in range(rows):
        gov.mandate_propose_leader(
            by=cast.chair, person=make_person(f"nominee{i}"), thematic_group=cast.group_y
        )
    client.force_login(cast.chair)
    client.get(propose_url(cast))  # warm the Principal cache
    with django_assert_max_num_queries(12):
        response = client.get(propose_url(cast))
    assert response.content.decode().count("waiting for the Secretariat") == rows


def test_my_roles_leads_the_chair_and_the_secretariat_to_their_pages(client, cast):
    client.force_login(cast.chair)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert f'href="{reverse("thematic_groups:group_list")}">Appoint a Thematic Group Leader' in page
    client.force_login(cast.secretariat)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert f'href="{reverse("governance:leader_proposals")}">Concur with the Chair' in page
    client.force_login(cast.leader_x)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Appoint a Leader" not in page and reverse("governance:leader_proposals") not in page


def test_governance_reads_the_groups_the_thematic_groups_app_installed(cast):
    """Governance sits below thematic_groups: the invitation form and the Chair's page get the
    groups through the hook thematic_groups installs (governance/groups.py), not a name lookup."""
    from governance.forms import InvitationForm
    from governance.groups import thematic_groups
    from thematic_groups.models import ThematicGroup

    assert thematic_groups().model is ThematicGroup
    offered = list(InvitationForm().fields["thematic_group"].queryset)
    assert offered == [cast.group_x, cast.group_y]  # "City Platforms", "U4SSC Index": by title
