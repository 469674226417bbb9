"""Scoped invalidation (kernel/cache.py, issue 17): a vote moves the ballots generation only, so
what shows no ballot (the ToR's public pages, fragments that say scopes=("content",)) stays cached
through the busy hour's votes, while everything that may show ballots is dropped as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from governance import services
from governance.services.tor_load import tor_version_load_from_text
from kernel import cache as shared_cache
from kernel.middleware import HIT_HEADER
from tests.decisions.conftest import in_days, open_other
from tests.governance.test_rulebook_http import TOR_TEXT


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.U4SSC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def tor(db):
    return tor_version_load_from_text(text=TOR_TEXT, number=1, adopted_on=dt.date(2021, 1, 1))


def _hit(url: str) -> bool:
    response = Client().get(url)
    assert response.status_code == 200
    return response.headers.get(HIT_HEADER) == "hit"


def test_a_vote_leaves_the_tor_pages_and_home_cached_and_drops_pages_that_may_show_ballots(cast, tor):
    decision = open_other(cast)
    for url in ("/tor/", "/", "/partners/"):
        _hit(url)
        assert _hit(url), url
    (content_before,) = shared_cache.generations(shared_cache.CONTENT_KEY)
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    assert shared_cache.generations(shared_cache.CONTENT_KEY) == [content_before]
    assert _hit("/tor/"), "a vote re-rendered the ToR page"
    assert _hit("/"), "a vote re-rendered the home page (its view says it shows no ballot)"
    assert not _hit("/partners/"), "a page that does not say what it shows must be dropped by a vote"


def test_a_vote_writes_nothing_but_the_ballots_and_a_change_of_vote_not_who_voted(cast):
    """What a vote writes moves the ballots generation (and, for a Partner's first ballot, the
    voters one): not the content, roles or private ones, whatever else it writes (the history
    row, the receipts in the outbox, the session)."""
    decision = open_other(cast)
    client = Client()
    client.force_login(cast.focal_a)
    keys = (*shared_cache.CONTENT_KEYS, shared_cache.ROLES_KEY, shared_cache.PRIVATE_KEY)
    before = dict(zip(keys, shared_cache.generations(*keys), strict=True))
    pid = cast.partner_a.pk
    for choice in ("yes", "no"):
        response = client.post(
            f"/decisions/{decision.pk}/vote/", {f"p{pid}-partner": pid, f"p{pid}-choice": choice}
        )
        assert response.status_code == 302
        after = dict(zip(keys, shared_cache.generations(*keys), strict=True))
        moved = {key for key in keys if after[key] != before[key]}
        if choice == "yes":
            assert moved == {shared_cache.BALLOTS_KEY, shared_cache.VOTERS_KEY}, moved
        else:
            assert moved == {shared_cache.BALLOTS_KEY}, moved
        before = after


def test_a_vote_leaves_the_deliverables_meetings_and_api_pages_cached(cast):
    decision = open_other(cast)
    urls = (
        "/deliverables/",
        f"/deliverables/{cast.published_x.slug}/",
        "/meetings/",
        "/api/v1/deliverables/",
    )
    for url in urls:
        _hit(url)
        assert _hit(url), url
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    for url in urls:
        assert _hit(url), f"a vote re-rendered {url}"
    services.decision_extend(
        by=cast.secretariat,
        decision=decision,
        deadline=decision.deadline + dt.timedelta(days=1),
        reason="Time",
    )
    assert not any(_hit(url) for url in urls), "a write to the registers must drop them"


def test_signing_in_drops_no_page(cast):
    """A sign-in saves the person's last login and simple_history a row of their history: neither
    changes what anyone sees (368 people signing in at the meeting's start dropped every page)."""
    _hit("/partners/")
    assert _hit("/partners/")
    Client().force_login(cast.focal_a)
    assert _hit("/partners/"), "a sign-in dropped the cached pages"
    cast.focal_a.first_name = "Renamed"
    cast.focal_a.save()  # any other change of a person still does
    assert not _hit("/partners/")


def test_a_write_to_the_tor_still_drops_its_pages(cast, tor):
    _hit("/tor/")
    assert _hit("/tor/")
    services.decision_open(by=cast.secretariat, kind="other", question="Meet in Geneva?", deadline=in_days(7))
    assert not _hit("/tor/")  # a decision is content: the ToR page may name it


def test_fragments_that_show_no_ballot_survive_a_vote_and_the_others_do_not(cast):
    decision = open_other(cast)
    computed = []

    def read(scopes):
        parts = shared_cache.Fragments(["part"], scopes=scopes)
        value = parts.get("part", lambda: computed.append(scopes) or len(computed))
        parts.save()
        return value

    for scopes in (("content",), None):
        shared_cache.reset()
        first = read(scopes)
        assert read(scopes) == first  # cached
        services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
        after_vote = read(scopes)
        if scopes == ("content",):
            assert after_vote == first, "a vote invalidated a part that shows no ballot"
        else:
            assert after_vote != first, "a vote left a part that may show ballots cached"
        services.decision_extend(
            by=cast.secretariat,
            decision=decision,
            deadline=decision.deadline + dt.timedelta(days=1 + len(computed)),
            reason="More time",
        )
        assert read(scopes) != after_vote  # any other write drops both


def test_unknown_scopes_are_refused(db):
    with pytest.raises(ValueError, match="Unknown cache scopes"):
        shared_cache.Fragments(["x"], scopes=("votes",))
    with pytest.raises(ValueError, match="Unknown cache scopes"):
        shared_cache.pages_show("/nowhere/", "votes")
