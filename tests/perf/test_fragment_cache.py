"""Fragments of signed-in pages (kernel.cache.Fragments): the ballot page's decision, record and
each Partner's ballot card are kept until the next write to the registers, served only after the view
has decided who may see the page, and never shared between Partners."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from governance import services
from governance.models import Ballot
from kernel import cache as shared_cache
from tests.decisions.conftest import close_at_deadline, open_other


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


@pytest.fixture
def decision(cast):
    return open_other(cast)


def test_a_second_visit_reads_no_ballot_and_shows_the_same_page(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
    client.force_login(cast.focal_a)
    url = f"/decisions/{decision.pk}/"
    first, first_sql = _get(client, url)
    second, second_sql = _get(client, url)
    assert first.status_code == second.status_code == 200
    assert any("governance_ballot" in sql for sql in first_sql)
    # The person, the decision row and the person's Partners; no ballot, history or related record.
    assert not any("governance_ballot" in sql for sql in second_sql), second_sql
    assert len(second_sql) < len(first_sql) and len(second_sql) <= 3, second_sql

    def without_csrf(response):  # the token is masked afresh on every response
        html = response.content.decode()
        return [line for line in html.splitlines() if "csrfmiddlewaretoken" not in line]

    assert without_csrf(first) == without_csrf(second)
    receipt = Ballot.objects.get().receipt_code
    assert f'<code id="receipt-code">{receipt}</code>' in second.content.decode()
    vote_form = re.search(
        r'<form method="post" action="/decisions/\d+/vote/">(.*?)</form>', second.content.decode(), re.S
    )
    assert vote_form and 'name="csrfmiddlewaretoken"' in vote_form.group(1)  # a token of this response


def test_a_vote_shows_at_the_next_visit_for_everyone(client, cast, decision):
    url = f"/decisions/{decision.pk}/"
    client.force_login(cast.focal_a2)
    assert "WMO has not voted yet" in client.get(url).content.decode()
    client.force_login(cast.focal_b)
    assert "No Partner has voted yet" in client.get(url).content.decode()

    ballot = services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    page = client.get(url).content.decode()  # focal_b: the running table
    assert "No Partner has voted yet" not in page and "Focal_A Tester" in page
    client.force_login(cast.focal_a2)  # the other focal point of the same Partner: the card
    page = client.get(url).content.decode()
    assert "WMO has not voted yet" not in page and ballot.receipt_code in page
    assert re.search(r'<input type="radio" name="p\d+-choice" value="yes"[^>]* checked>', page)


def test_one_partners_card_never_reaches_another_partners_focal_point(client, cast, decision):
    ballot_a = services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    url = f"/decisions/{decision.pk}/"
    client.force_login(cast.focal_a)
    assert ballot_a.receipt_code in client.get(url).content.decode()  # cached now
    client.force_login(cast.focal_b)
    page = client.get(url).content.decode()
    assert ballot_a.receipt_code not in page
    assert f"{cast.partner_b.name}'s ballot" in page and f"{cast.partner_a.name}'s ballot" not in page


@pytest.mark.parametrize("who", [None, "participant", "leader_x"])
def test_cached_fragments_are_not_served_outside_the_audience(client, cast, decision, who):
    url = f"/decisions/{decision.pk}/"
    client.force_login(cast.focal_a)
    assert client.get(url).status_code == 200  # the record is cached now
    client.logout()
    if who:
        client.force_login(getattr(cast, who))
    assert client.get(url).status_code == 404


def test_closing_replaces_the_running_record(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    url = f"/decisions/{decision.pk}/"
    client.force_login(cast.focal_a)
    assert "Votes so far" in client.get(url).content.decode()
    close_at_deadline(decision)
    page = client.get(url).content.decode()
    assert "Votes so far" not in page and "Each Partner's vote" in page and "Cast vote" not in page
    assert 'id="decision-result"' in page


def _part(name, compute, **kwargs):
    parts = shared_cache.Fragments([name], **kwargs)
    value = parts.get(name, compute)
    parts.save()
    return value


def _fragment(compute):
    return _part("probe", compute)


def test_inside_a_services_transaction_nothing_is_cached(cast):
    calls = []

    def compute():
        calls.append(1)
        return "fragment"

    with transaction.atomic():
        assert _fragment(compute) == "fragment"
    assert _fragment(compute) == "fragment"
    assert _fragment(compute) == "fragment"
    assert len(calls) == 2  # computed in the transaction (not stored), then once and kept


def test_any_write_to_the_registers_drops_the_fragments(cast):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert _fragment(compute) == 1
    assert _fragment(compute) == 1
    cast.partner_a.name = "World Meteorological Organization (renamed)"
    cast.partner_a.save()
    assert _fragment(compute) == 2


def test_without_a_shared_cache_every_part_is_computed(settings, cast):
    settings.U4SSC_SHARED_CACHE = False
    calls = []
    for _ in range(2):
        _fragment(lambda: calls.append(1) or "x")
    assert len(calls) == 2


def test_nothing_is_computed_for_a_hidden_decision(client, cast, monkeypatch):
    """An enumerating visitor costs one row read, never a rendered record or ballot card."""
    from governance.views import decisions as views

    decision = open_other(cast)
    rendered = []
    for part in ("_record_context", "_facts_context", "_votes_context"):
        monkeypatch.setattr(views, part, lambda d: rendered.append(d) or {})
    monkeypatch.setattr(views, "_ballot_card", lambda d, pid: rendered.append(pid) or {})
    client.force_login(cast.participant)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 404
    assert rendered == []


def test_a_part_computed_before_a_write_is_not_served_after_it(cast):
    """The race the stamps close: a request reads the generation, a write commits, then the
    request stores what it computed from the older data. The next request must not use it."""
    stamp, found = shared_cache.read_stamped((shared_cache.CONTENT_KEY,), ["u4ssc:fragment:race"])
    assert found == {}
    cast.partner_a.save()  # a write between the read and the store
    shared_cache.write_stamped(stamp, {"u4ssc:fragment:race": "old"}, timeout=60)
    assert shared_cache.read_stamped((shared_cache.CONTENT_KEY,), ["u4ssc:fragment:race"])[1] == {}
    assert shared_cache.Fragments(["race"]).get("race", lambda: "recomputed") == "recomputed"


def test_a_part_depends_on_the_generations_it_names_and_no_other(cast):
    """`depends`: a part stamped with the content and one Partner's ballot survives any other
    ballot, and is dropped by a write to that ballot or to the content."""
    decision = open_other(cast)
    key = shared_cache.ballot_key(decision.pk, cast.partner_a.pk)
    calls = []

    def card():
        calls.append(1)
        return len(calls)

    depends = {"card": (shared_cache.CONTENT_KEY, key)}
    assert _part("card", card, depends=depends) == _part("card", card, depends=depends) == 1
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="yes")
    assert _part("card", card, depends=depends) == 1  # another Partner's vote
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
    assert _part("card", card, depends=depends) == 2  # its Partner's
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="yes")
    assert _part("card", card, depends=depends) == 3  # a changed vote
    Ballot.objects.get(decision=decision, partner=cast.partner_a).delete()
    assert _part("card", card, depends=depends) == 4  # a ballot deleted
    cast.partner_a.save()
    assert _part("card", card, depends=depends) == 5  # the content
    # a part without `depends` is dropped by any vote (every content generation)
    assert _part("running", card) == _part("running", card) == 6
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="no")
    assert _part("running", card) == 7


def test_a_vote_re_renders_only_the_parts_it_changes(client, cast, decision):
    """After Partner A's vote, Partner B's focal point gets the page again with the count and the
    running table read afresh, and the decision, its facts and B's own card from the cache."""
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="yes")
    url = f"/decisions/{decision.pk}/"
    client.force_login(cast.focal_b)
    first, first_sql = _get(client, url)
    assert any("governance_historicalballot" in sql for sql in first_sql)  # B's card: its changes
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
    again, again_sql = _get(client, url)
    page = again.content.decode()
    assert "Focal_A Tester" in page and "2 of" in page  # the running table and the count moved
    assert any('FROM "governance_ballot"' in sql for sql in again_sql)
    for cached in (
        'FROM "governance_decision"',
        "governance_historicalballot",
        "governance_historicaldecision",
    ):
        assert not any(cached in sql for sql in again_sql), (cached, again_sql)
    ballot_b = Ballot.objects.get(decision=decision, partner=cast.partner_b)
    assert ballot_b.receipt_code in page  # B's card, as before
