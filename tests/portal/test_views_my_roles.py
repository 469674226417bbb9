import datetime as dt

from django.urls import reverse

from governance.models import Mandate


def test_my_roles_requires_sign_in(client):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_my_roles_shows_scope_and_end_of_each_mandate(client, cast):
    client.force_login(cast.leader_x)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    mandate = Mandate.objects.get(person=cast.leader_x)
    text = response.content.decode()
    assert "Thematic Group Leader" in text
    assert cast.group_x.title in text
    assert (mandate.ends_on - dt.timedelta(days=1)).strftime("%-d %B %Y") in text
    assert cast.group_y.title not in text


def test_my_roles_of_a_focal_point_names_the_partner(client, cast):
    client.force_login(cast.focal_a)
    text = client.get(reverse("portal:dashboard")).content.decode()
    assert "Partner focal point" in text
    assert cast.partner_a.name in text
    assert "Thematic Group Leader" not in text


def test_my_roles_of_a_participant_lists_no_governance_role(client, cast):
    client.force_login(cast.participant)
    text = client.get(reverse("portal:dashboard")).content.decode()
    assert "Participant (signed in)" in text
    assert "Secretariat" not in text.split("What you may do")[0].split("Current roles")[1]


def test_my_roles_costs_bounded_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("portal:dashboard")).status_code == 200


def test_waiting_for_you_lists_the_ballot_the_partner_has_not_cast(client, cast):
    import datetime as dt

    from django.utils import timezone

    from governance import services as gov
    from governance.models import Decision

    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Meet in Geneva next year?",
        deadline=timezone.now() + dt.timedelta(days=5),
    )
    client.force_login(cast.focal_a)
    assert "Meet in Geneva next year?" in client.get(reverse("portal:dashboard")).content.decode()
    gov.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="yes")
    assert "Meet in Geneva next year?" not in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(cast.participant)
    assert "Meet in Geneva next year?" not in client.get(reverse("portal:dashboard")).content.decode()


def test_waiting_for_you_shows_the_chair_the_agenda_to_frame(client, cast):
    import datetime as dt

    from django.utils import timezone

    from meetings import services as meetings

    meeting = meetings.meeting_create(
        by=cast.secretariat,
        title="Seventh U4SSC meeting",
        slug="seventh",
        starts_at=timezone.now() + dt.timedelta(days=40),
    )
    meetings.session_add(by=cast.secretariat, meeting=meeting, title="Opening")
    client.force_login(cast.chair)
    assert "Seventh U4SSC meeting" in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(cast.focal_b)
    assert "Seventh U4SSC meeting" not in client.get(reverse("portal:dashboard")).content.decode()
