"""The team (row and guardian grant in step), calls for experts (ToR 20c) and sign-ups (ToR 22a)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import get_perms

from governance.rulebook import principal_for
from kernel import outbox
from kernel.lifecycle import DomainError
from thematic_groups import services
from thematic_groups.models import CallForExperts, ContributionSignup, ExpertApplication, TeamMember

pytestmark = pytest.mark.django_db


def test_team_member_add_and_remove_keep_row_and_grant_in_step(cast):
    member = services.team_member_add(deliverable=cast.draft_x, person=cast.participant, by=cast.leader_x)
    assert "work_on_deliverable" in get_perms(cast.participant, cast.draft_x)
    assert cast.draft_x.pk in principal_for(cast.participant).team_deliverable_ids
    with pytest.raises(DomainError, match="already in the team"):
        services.team_member_add(deliverable=cast.draft_x, person=cast.participant)
    services.team_member_remove(member=member, by=cast.leader_x)
    assert not TeamMember.objects.filter(person=cast.participant).exists()
    assert get_perms(cast.participant, cast.draft_x) == []
    assert cast.draft_x.pk not in principal_for(cast.participant).team_deliverable_ids
    assert member.history.latest().history_type == "-"


def test_leader_adds_a_signed_up_person_to_the_team_over_http(client, cast):
    signup = ContributionSignup.objects.create(deliverable=cast.draft_x, person=cast.participant)
    url = reverse("thematic_groups:team_add", args=[cast.draft_x.slug, signup.pk])
    client.force_login(cast.team_x)
    assert client.post(url, {"role": "author"}).status_code == 403
    client.force_login(cast.leader_x)
    assert client.post(url, {"role": "author"}).status_code == 302
    assert TeamMember.objects.get(person=cast.participant).role == "author"
    member = TeamMember.objects.get(person=cast.participant)
    remove = reverse("thematic_groups:team_remove", args=[cast.draft_x.slug, member.pk])
    client.force_login(cast.focal_a)
    assert client.post(remove).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(remove).status_code == 302
    assert not TeamMember.objects.filter(person=cast.participant).exists()


def call_data(**extra):
    data = {
        "title": "Experts on urban data",
        "description": "We need three experts.",
        "expertise_sought": "Data governance",
        "closes_on": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
    }
    data.update(extra)
    return data


def test_leader_opens_a_call_for_experts(client, cast):
    url = reverse("thematic_groups:call_open", args=[cast.draft_x.slug])
    client.force_login(cast.leader_x)
    assert client.post(url, call_data()).status_code == 302
    call = CallForExperts.objects.get()
    assert call.opened_by == cast.leader_x and call.status == "open"
    assert client.post(url, call_data(closes_on=timezone.localdate().isoformat())).status_code == 400
    assert CallForExperts.objects.count() == 1


@pytest.mark.parametrize(
    "who,status", [("secretariat", 403), ("team_x", 403), ("leader_y", 404), ("participant", 404)]
)
def test_others_cannot_open_a_call(client, cast, who, status):
    client.force_login(getattr(cast, who))
    response = client.post(reverse("thematic_groups:call_open", args=[cast.draft_x.slug]), call_data())
    assert response.status_code == status
    assert not CallForExperts.objects.exists()


@pytest.fixture
def call(cast):
    return services.call_open(
        by=cast.leader_x,
        deliverable=cast.draft_x,
        title="Experts on urban data",
        description="Three experts",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
    )


def test_an_open_call_is_public_and_applying_needs_an_account(client, cast, call):
    cast.draft_x.objectives = "Map the urban data platforms of European cities."
    cast.draft_x.save(update_fields=["objectives"])
    url = reverse("thematic_groups:call_detail", args=[call.pk])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Experts on urban data" in body and "Map the urban data platforms" in body
    assert f"/accounts/login/?next={url}" in body and "<form" not in body.split("<main")[-1]
    assert "Experts on urban data" in client.get(reverse("thematic_groups:call_list")).content.decode()
    response = client.post(url, {"motivation": "Ten years of urban data work."})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not ExpertApplication.objects.exists()
    assert cast.draft_x.get_absolute_url() not in body  # the draft itself stays with its audience


def test_anyone_signed_in_applies_once(client, cast, call):
    url = reverse("thematic_groups:call_detail", args=[call.pk])
    client.force_login(cast.participant)
    page = client.get(url)
    assert page.status_code == 200 and "Experts on urban data" in page.content.decode()
    assert client.post(url, {"motivation": "Ten years of urban data work."}).status_code == 302
    response = client.post(url, {"motivation": "Again"})
    assert response.status_code == 400 and "already applied" in response.content.decode()
    assert ExpertApplication.objects.filter(applicant=cast.participant).count() == 1
    with pytest.raises(DomainError, match="already applied"):
        services.expert_apply(by=cast.participant, call=call, motivation="Again")


def test_a_closed_call_takes_no_application_and_hides_from_outsiders(client, cast, call):
    services.call_close(by=cast.leader_x, call=call)
    with pytest.raises(DomainError, match="closed"):
        services.expert_apply(by=cast.participant, call=call, motivation="Late")
    client.force_login(cast.participant)
    assert client.get(reverse("thematic_groups:call_detail", args=[call.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("thematic_groups:call_detail", args=[call.pk])).status_code == 404


@pytest.mark.parametrize("who", ["secretariat", "chair", "vice_chair"])
def test_secretariat_or_management_team_vets_and_the_expert_joins_the_team(client, cast, call, who):
    application = services.expert_apply(by=cast.participant, call=call, motivation="Data")
    client.force_login(getattr(cast, who))
    url = reverse("thematic_groups:application_vet", args=[application.pk])
    assert client.post(url, {"outcome": "accept"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted" and application.vetted_by == getattr(cast, who)
    assert TeamMember.objects.filter(deliverable=cast.draft_x, person=cast.participant).exists()
    assert "work_on_deliverable" in get_perms(cast.participant, cast.draft_x)
    with pytest.raises(DomainError, match="already been vetted"):
        services.application_vet(by=cast.secretariat, application=application, accept=False)


@pytest.mark.parametrize("who", ["leader_x", "focal_a", "participant"])
def test_others_cannot_vet(client, cast, call, who):
    application = services.expert_apply(by=cast.member_x, call=call, motivation="Data")
    client.force_login(getattr(cast, who))
    response = client.post(
        reverse("thematic_groups:application_vet", args=[application.pk]), {"outcome": "accept"}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"


def test_sign_up_tells_the_leader_and_the_secretariat_once(
    client, cast, call, django_capture_on_commit_callbacks
):
    client.force_login(cast.participant)
    url = reverse("thematic_groups:sign_up", args=[cast.draft_x.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "I know city platforms."})
    assert response.status_code == 302
    signup = ContributionSignup.objects.get()
    assert signup.person == cast.participant
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.leader_x.email, cast.secretariat.email])
    for email in mail.outbox:  # one email each, in the recipient's language
        assert "I know city platforms." in email.body and email.reply_to == [cast.participant.email]
        assert (
            email.subject == f"[U4SSC] {cast.participant} signed up to contribute to “{cast.draft_x.title}”"
        )
        html, mimetype = email.alternatives[0]
        assert mimetype == "text/html" and cast.draft_x.title in html
    assert outbox.sweep(now=timezone.now() + dt.timedelta(hours=1)) == {}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "Again"})
    assert ContributionSignup.objects.count() == 1 and len(mail.outbox) == 2


def test_sign_up_email_lost_to_the_broker_is_sent_by_the_sweep(cast, call):
    services.contribution_sign_up(by=cast.participant, deliverable=cast.draft_x)  # on_commit not run
    assert mail.outbox == []
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == {"sent": 2}
    assert len(mail.outbox) == 2
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3)) == {}


def test_sign_up_without_an_open_call_stays_with_the_audience(client, cast):
    client.force_login(cast.participant)
    response = client.post(reverse("thematic_groups:sign_up", args=[cast.draft_x.slug]), {"message": "Hi"})
    assert response.status_code == 404
    client.logout()
    response = client.post(reverse("thematic_groups:sign_up", args=[cast.draft_x.slug]), {"message": "Hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(cast.focal_a)
    assert client.post(reverse("thematic_groups:sign_up", args=[cast.draft_x.slug])).status_code == 302
    assert list(ContributionSignup.objects.values_list("person__username", flat=True)) == ["focal_a"]
