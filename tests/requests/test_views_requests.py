"""The request pages through HTTP: sign-in required, who may ask, form errors that save nothing,
each person's own requests only, and a bounded number of queries."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from governance.models import ExternalEngagementNotice, Hub, LogoUseRequest
from tests.cast import make_person
from tests.requests.conftest import ask_hub, ask_logo, in_days, tell_engagement

LIST = "governance:my_requests"
FORMS = {
    "logo": "governance:logo_request_create",
    "hub": "governance:hub_request_create",
    "engagement": "governance:engagement_notice_create",
}


def valid_data(kind: str, cast) -> dict:
    return {
        "logo": {
            "organisation": "OiER",
            "purpose": "The programme of the Trondheim KPI workshop.",
            "use_from": in_days(7).isoformat(),
            "use_until": in_days(8).isoformat(),
        },
        "hub": {
            "name": "U4SSC Lisbon Hub",
            "country": "Portugal",
            "city": "Lisbon",
            "partner": cast.partner_a.pk,
            "description": "Universities and start-ups of Lisbon.",
        },
        "engagement": {
            "kind": "presentation",
            "event": "World Urban Forum",
            "takes_place_on": in_days(40).isoformat(),
            "venue": "Baku",
            "description": "The U4SSC KPIs.",
        },
    }[kind]


MADE = {"logo": LogoUseRequest, "hub": Hub, "engagement": ExternalEngagementNotice}


@pytest.mark.parametrize("url_name", [LIST, *FORMS.values()])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, cast, url_name):
    for response in (client.get(reverse(url_name)), client.post(reverse(url_name), {})):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not any(model.objects.exists() for model in MADE.values())


@pytest.mark.parametrize("who", ["participant", "focal_a", "leader_x", "ip_leader"])
@pytest.mark.parametrize("kind", FORMS)
def test_each_person_makes_each_request(client, cast, django_capture_on_commit_callbacks, who, kind):
    person = getattr(cast, who)
    client.force_login(person)
    form = client.get(reverse(FORMS[kind]))
    assert form.status_code == 200 and b'<form method="post"' in form.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(FORMS[kind]), valid_data(kind, cast), follow=True)
    assert response.redirect_chain == [(reverse(LIST), 302)]
    made = MADE[kind].objects.get()
    assert (
        made in response.context[{"logo": "logo", "hub": "hubs", "engagement": "engagements"}[kind]]["rows"]
    )
    page = response.content.decode()
    assert 'class="message message-success"' in page and "Secretariat" in page
    # a Hub: also one email to each focal point of its Partner (DESIGN.md, ToR 30)
    assert len(mail.outbox) == (3 if kind == "hub" else 1) and mail.outbox[0].to == [cast.secretariat.email]


def test_the_logo_form_starts_with_the_persons_organisation(client, cast):
    person = make_person("someone", organisation="City of Dubai")
    client.force_login(person)
    assert 'value="City of Dubai"' in client.get(reverse(FORMS["logo"])).content.decode()


@pytest.mark.parametrize(
    ("kind", "change", "message"),
    [
        ("logo", {"use_until": in_days(6).isoformat()}, "The use cannot end before it starts."),
        ("logo", {"use_from": in_days(-3).isoformat()}, "The use cannot start in the past"),
        ("logo", {"use_from": "31/02/2027"}, "Enter a valid date."),
        ("logo", {"purpose": ""}, "This field is required."),
        ("hub", {"partner": ""}, "This field is required."),
        ("hub", {"partner": "987654"}, "Select a valid choice."),
        ("hub", {"country": "   "}, "This field is required."),
        ("engagement", {"takes_place_on": in_days(-1).isoformat()}, "announced in advance (ToR 37)"),
        ("engagement", {"kind": "gossip"}, "Select a valid choice."),
        ("engagement", {"event": ""}, "This field is required."),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    client, cast, django_capture_on_commit_callbacks, kind, change, message
):
    client.force_login(cast.participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(FORMS[kind]), valid_data(kind, cast) | change)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem: nothing was sent" in page and message in page
    assert 'class="errorlist' in page  # next to the field, not only in the summary
    assert not MADE[kind].objects.exists() and not MADE[kind].history.exists()
    assert mail.outbox == []


def test_a_partner_that_has_left_is_not_offered_for_a_hub(client, cast):
    cast.partner_b.left_on = in_days(0)
    cast.partner_b.save(update_fields=["left_on"])
    client.force_login(cast.participant)
    page = client.get(reverse(FORMS["hub"])).content.decode()
    assert cast.partner_a.name in page and cast.itu.name in page and cast.partner_b.name not in page
    response = client.post(reverse(FORMS["hub"]), valid_data("hub", cast) | {"partner": cast.partner_b.pk})
    assert "Select a valid choice." in response.content.decode() and not Hub.objects.exists()


def test_a_second_request_for_the_same_hub_is_refused_next_to_its_name(client, cast):
    ask_hub(cast.leader_x, cast.partner_a, name="U4SSC Lisbon Hub", country="Portugal")
    client.force_login(cast.participant)
    response = client.post(reverse(FORMS["hub"]), valid_data("hub", cast))
    assert response.status_code == 200
    assert "already waiting for the Partners" in response.context["form"].errors["name"][0]
    assert Hub.objects.count() == 1


def test_my_requests_shows_only_the_persons_own_requests(client, cast):
    ask_logo(cast.participant, organisation="Participant's city")
    ask_hub(cast.participant, cast.partner_a, name="Participant's Hub")
    tell_engagement(cast.participant, event="Participant's conference")
    ask_logo(cast.leader_x, organisation="Leader's city")
    ask_hub(cast.leader_x, cast.partner_a, name="Leader's Hub")
    tell_engagement(cast.leader_x, event="Leader's conference")
    client.force_login(cast.participant)
    page = client.get(reverse(LIST)).content.decode()
    for own in ("Participant&#x27;s city", "Participant&#x27;s Hub", "Participant&#x27;s conference"):
        assert own in page
    assert "Leader&#x27;s" not in page
    assert "Waiting for the Secretariat" in page and "Waiting for the Partners' decision" in page
    assert "Not yet acknowledged" in page


def test_my_requests_shows_each_status_and_its_dates(client, cast):
    approved = ask_logo(cast.ip_leader, organisation="OiER", use_from=in_days(2), use_until=in_days(9))
    from governance import services

    services.logo_use_approve(by=cast.secretariat, logo_request=approved, written_agreement=True)
    refused = ask_logo(cast.ip_leader, organisation="Refused Org")
    services.logo_use_refuse(by=cast.secretariat, logo_request=refused)
    ask_hub(cast.ip_leader, cast.partner_a)
    client.force_login(cast.ip_leader)
    page = client.get(reverse(LIST)).content.decode()
    assert "Approved</span> on" in page and "with written agreement" in page and "Refused</span> on" in page
    assert in_days(9).strftime("%-d %B %Y") in page
    hub = client.get(reverse(LIST)).context["hubs"]["rows"][0]
    assert hub.requested_at is not None  # the day it was requested, from its history


def test_an_empty_my_requests_page_offers_the_three_forms(client, cast):
    client.force_login(cast.participant)
    page = client.get(reverse(LIST)).content.decode()
    assert "You have not asked to use the logo." in page
    for url_name in FORMS.values():
        assert f'href="{reverse(url_name)}"' in page


@pytest.mark.parametrize("rows", [2, 30])
def test_my_requests_costs_the_same_queries_with_2_and_30_rows(
    client, cast, django_assert_max_num_queries, rows
):
    for i in range(rows):
        ask_logo(cast.participant, organisation=f"Organisation {i}")
        ask_hub(cast.participant, cast.partner_a, name=f"Hub {i}")
        tell_engagement(cast.participant, event=f"Conference {i}")
    client.force_login(cast.participant)
    client.get(reverse(LIST))  # the Principal is cached from here on, as for any signed-in visit
    with django_assert_max_num_queries(8):
        response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert len(response.context["logo"]["rows"]) == min(rows, 20)
    assert len(response.context["engagements"]["rows"]) == min(rows, 20)


def test_my_requests_pages_each_kind_on_its_own(client, cast):
    for i in range(25):
        ask_logo(cast.participant, organisation=f"Organisation {i:02d}")
    tell_engagement(cast.participant)
    client.force_login(cast.participant)
    first = client.get(reverse(LIST))
    assert "Organisation 24" in first.content.decode() and "Organisation 04" not in first.content.decode()
    assert 'href="?logo=2#logo-heading"' in first.content.decode()
    second = client.get(reverse(LIST), {"logo": 2, "engagements": 1}).content.decode()
    assert "Organisation 04" in second and "Organisation 24" not in second
    assert "Smart City Expo World Congress" in second  # the other list stays where it was
