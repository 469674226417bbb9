"""Rate limits on voting and commenting (kernel.ratelimit): the N+1th POST in a window gets a
clear 429 page and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Ballot, Decision, ToRComment
from kernel.ratelimit import limit_for, rate_limit_hit


@pytest.fixture
def decision(cast):
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the annual meeting of next year be held online?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )


def _vote(client, decision, partner, choice):
    prefix = f"p{partner.pk}"
    return client.post(
        reverse("governance:decision_vote", args=[decision.pk]),
        {f"{prefix}-partner": partner.pk, f"{prefix}-choice": choice, f"{prefix}-comment": ""},
    )


@pytest.mark.django_db
def test_votes_within_the_limit_are_recorded(client, cast, decision, settings):
    settings.U4SSC_RATE_LIMITS = {"vote": (3, 60)}
    client.force_login(cast.focal_a)
    for choice in ("yes", "no", "abstain"):
        assert _vote(client, decision, cast.partner_a, choice).status_code == 302
    assert Ballot.objects.get(decision=decision, partner=cast.partner_a).choice == "abstain"


@pytest.mark.django_db
def test_the_vote_over_the_limit_gets_a_429_page_and_changes_nothing(client, cast, decision, settings):
    settings.U4SSC_RATE_LIMITS = {"vote": (3, 60)}
    client.force_login(cast.focal_a)
    for choice in ("yes", "no", "abstain"):
        _vote(client, decision, cast.partner_a, choice)
    ballot = Ballot.objects.get(decision=decision, partner=cast.partner_a)
    response = _vote(client, decision, cast.partner_a, "yes")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    body = response.content.decode()
    assert "Too many requests" in body and "Nothing was saved" in body
    after = Ballot.objects.get(pk=ballot.pk)
    assert (after.choice, after.receipt_code) == ("abstain", ballot.receipt_code)
    assert after.history.count() == ballot.history.count()


@pytest.mark.django_db
def test_the_limit_is_per_person(client, cast, decision, settings):
    settings.U4SSC_RATE_LIMITS = {"vote": (1, 60)}
    client.force_login(cast.focal_a)
    _vote(client, decision, cast.partner_a, "yes")
    assert _vote(client, decision, cast.partner_a, "no").status_code == 429
    client.force_login(cast.focal_b)
    assert _vote(client, decision, cast.partner_b, "no").status_code == 302
    assert Ballot.objects.get(decision=decision, partner=cast.partner_b).choice == "no"


@pytest.fixture
def tor_in_comment_period(cast):
    from tests.decisions.conftest import make_tor_version

    make_tor_version(1)
    draft = services.tor_revision_create(by=cast.secretariat, summary="Clarify the role of the Hubs")
    return services.tor_comment_period_open(
        by=cast.secretariat, tor_version=draft, deadline=timezone.now() + dt.timedelta(days=7)
    )


@pytest.mark.django_db
def test_the_comment_over_the_limit_gets_a_429_page_and_saves_nothing(
    client, cast, tor_in_comment_period, settings
):
    settings.U4SSC_RATE_LIMITS = {"comment": (2, 60)}
    client.force_login(cast.focal_a)
    url = reverse("governance:tor_comments", args=[tor_in_comment_period.number])
    for i in range(2):
        response = client.post(url, {"text": f"Comment number {i}", "clause": ""})
        assert response.status_code in (200, 302)
    count = ToRComment.objects.filter(tor_version=tor_in_comment_period).count()
    assert count == 2
    response = client.post(url, {"text": "One comment too many", "clause": ""})
    assert response.status_code == 429
    assert ToRComment.objects.filter(tor_version=tor_in_comment_period).count() == count
    # Reading the comments is not limited.
    assert client.get(url).status_code == 200


def test_the_window_resets(rf, settings):
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    cache.clear()
    settings.U4SSC_RATE_LIMITS = {"vote": (2, 60)}
    request = rf.post("/")
    request.user = AnonymousUser()
    start = 6_000_000.0  # the start of a window
    assert rate_limit_hit("vote", request, now=start) is None
    assert rate_limit_hit("vote", request, now=start + 1) is None
    assert rate_limit_hit("vote", request, now=start + 2) == 58
    assert rate_limit_hit("vote", request, now=start + 60) is None  # next window


def test_an_unknown_scope_is_a_programming_error(settings):
    with pytest.raises(ValueError):
        limit_for("no-such-scope")


@pytest.mark.django_db
def test_the_draft_comment_over_the_limit_gets_a_429_page_and_saves_nothing(client, cast, settings):
    from thematic_groups.models import DeliverableComment

    settings.U4SSC_RATE_LIMITS = {"comment": (2, 60)}
    client.force_login(cast.focal_a)
    url = reverse("thematic_groups:comment_add", args=[cast.draft_x.slug])
    kind = DeliverableComment.Kind.choices[0][0]
    for i in range(2):
        assert client.post(url, {"kind": kind, "text": f"Point {i}"}).status_code == 302
    assert DeliverableComment.objects.filter(deliverable=cast.draft_x).count() == 2
    response = client.post(url, {"kind": kind, "text": "One point too many"})
    assert response.status_code == 429
    assert DeliverableComment.objects.filter(deliverable=cast.draft_x).count() == 2
