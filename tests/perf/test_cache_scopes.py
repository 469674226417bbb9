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


def test_a_vote_leaves_the_tor_pages_cached_and_drops_pages_that_may_show_ballots(cast, tor):
    decision = open_other(cast)
    for url in ("/tor/", "/"):
        _hit(url)
        assert _hit(url), url
    (content_before,) = shared_cache.generations(shared_cache.CONTENT_KEY)
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    assert shared_cache.generations(shared_cache.CONTENT_KEY) == [content_before]
    assert _hit("/tor/"), "a vote re-rendered the ToR page"
    assert not _hit("/"), "a page that does not say what it shows must be dropped by a vote"


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
