"""Signed-in pages cached whole for the session that read them (kernel.middleware.
PrivatePageCacheMiddleware, issue 17): a repeat visit is served without the view, never to
another session or person, never after a write that changes what the page shows, a role, the
person or their account; a vote drops the ballot page, not the ToR draft; a changed vote does not
even drop "My roles" or the decisions list (they show who voted, not how)."""

from __future__ import annotations

import datetime as dt
import re
import secrets

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance import services
from governance.models import FocalPoint, ToRVersion
from governance.services.tor_load import tor_version_load_from_text
from kernel import cache as shared_cache
from kernel.middleware import HIT_HEADER
from tests.decisions.conftest import open_other
from tests.governance.test_rulebook_http import TOR_TEXT


@pytest.fixture(autouse=True)
def _private_page_cache_on(settings):
    settings.U4SSC_PRIVATE_PAGE_CACHE_SECONDS = 30


@pytest.fixture
def draft(cast) -> ToRVersion:
    """A ToR draft open for comments (focal points may read it and its diff)."""
    tor_version_load_from_text(text=TOR_TEXT, number=1, adopted_on=dt.date(2021, 1, 1))
    version = services.tor_revision_create(by=cast.secretariat, summary="Revision")
    return services.tor_comment_period_open(
        by=cast.secretariat, tor_version=version, deadline=timezone.now() + dt.timedelta(days=14)
    )


def signed_in(person, **extra) -> Client:
    """A client signed in as `person`, with the CSRF cookie a browser has from the sign-in page
    (a page rendered without one sets a new one, and is not kept)."""
    client = Client(**extra)
    client.force_login(person)
    client.cookies["csrftoken"] = secrets.token_hex(16)
    return client


def get(client, url):
    """The response, whether the cache answered, and the number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.headers.get(HIT_HEADER) == "hit", len(queries.captured_queries)


def text(response) -> str:
    return response.content.decode()


def test_a_repeat_visit_is_served_from_the_cache_with_no_more_than_the_session(cast):
    client = signed_in(cast.focal_a)
    first, hit, first_queries = get(client, "/me/")
    assert not hit
    again, hit, queries = get(client, "/me/")
    assert hit and again.content == first.content
    assert queries <= 1 < first_queries  # the session (its person from the shared cache: kernel.auth)
    assert "WMO" in text(again)


def test_two_people_on_the_same_url_each_get_their_own_page(cast):
    pages = {}
    for person in (cast.focal_a, cast.focal_b, cast.participant):
        client = signed_in(person)
        get(client, "/me/")
        pages[person.username], hit, _ = get(client, "/me/")
        assert hit
    assert "WMO" in text(pages["focal_a"]) and "UNDP" not in text(pages["focal_a"])
    assert "UNDP" in text(pages["focal_b"]) and "WMO" not in text(pages["focal_b"])
    assert "WMO" not in text(pages["participant"]) and "UNDP" not in text(pages["participant"])
    assert len({p.content for p in pages.values()}) == 3


def test_two_sessions_of_one_person_do_not_share_an_entry(cast):
    first, second = signed_in(cast.focal_a), signed_in(cast.focal_a)
    get(first, "/me/")
    assert get(first, "/me/")[1]
    assert not get(second, "/me/")[1]  # its own session: computed for it, then cached for it


def test_a_role_removed_shows_at_the_next_request(cast):
    client = signed_in(cast.focal_a)
    get(client, "/me/")
    assert "WMO" in text(get(client, "/me/")[0])
    role = FocalPoint.objects.get(person=cast.focal_a, partner=cast.partner_a, ended_on__isnull=True)
    services.focal_point_end(focal_point=role, by=cast.secretariat)
    page, hit, _ = get(client, "/me/")
    assert not hit and "WMO" not in text(page)


def test_a_change_of_the_person_or_their_account_drops_their_pages(cast):
    client = signed_in(cast.participant)
    get(client, "/me/")
    assert get(client, "/me/")[1]
    cast.participant.first_name = "Renamed"
    cast.participant.save()
    assert not get(client, "/me/")[1]
    assert get(client, "/me/")[1]
    EmailAddress.objects.create(user=cast.participant, email="other@example.org")  # an allauth row
    assert not get(client, "/me/")[1]


def test_a_vote_updates_the_ballot_page_and_leaves_the_tor_draft_cached(cast, draft):
    decision = open_other(cast)
    voter, reader = signed_in(cast.focal_a), signed_in(cast.focal_b)
    ballot = f"/decisions/{decision.pk}/"
    urls = (ballot, f"/tor/versions/{draft.number}/draft/", f"/tor/versions/{draft.number}/diff/")
    for url in urls:
        get(reader, url)
        assert get(reader, url)[1], url
    before = text(get(reader, ballot)[0])
    pid = cast.partner_a.pk
    response = voter.post(f"{ballot}vote/", {f"p{pid}-partner": pid, f"p{pid}-choice": "yes"})
    assert response.status_code == 302
    page, hit, _ = get(reader, ballot)
    assert not hit and text(page) != before, "a vote left the ballot page cached"
    for url in urls[1:]:
        assert get(reader, url)[1], f"a vote re-rendered {url}"


def test_my_roles_and_the_decisions_list_follow_who_voted_not_how(cast):
    decision = open_other(cast)
    client = signed_in(cast.focal_a)
    for url in ("/me/", "/decisions/"):
        get(client, url)
        assert get(client, url)[1]
    assert decision.question in text(get(client, "/me/")[0])  # "your Partner has not voted on ..."
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    me, hit, _ = get(client, "/me/")
    assert not hit and decision.question not in text(me), "a first vote must drop My roles"
    assert not get(client, "/decisions/")[1]
    get(client, "/me/")
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="no")
    assert get(client, "/me/")[1], "a changed vote re-rendered My roles"
    assert get(client, "/decisions/")[1], "a changed vote re-rendered the decisions list"


def test_a_page_with_a_message_waiting_is_not_served_from_the_cache(cast):
    decision = open_other(cast)
    client = signed_in(cast.focal_a)
    ballot = f"/decisions/{decision.pk}/"
    get(client, ballot)
    cached, hit, _ = get(client, ballot)
    assert hit
    pid = cast.partner_a.pk
    client.post(f"{ballot}vote/", {f"p{pid}-partner": pid})  # no choice: a message, nothing written
    page, hit, _ = get(client, ballot)
    assert not hit and "Choose one of the options on the ballot." in text(page)
    again, hit, _ = get(client, ballot)  # the message shown once: the cached page again, without it
    assert hit and again.content == cached.content
    assert "Choose one of the options" not in text(again)


def test_the_csrf_token_of_a_cached_form_is_accepted(cast):
    decision = open_other(cast)
    client = signed_in(cast.focal_a, enforce_csrf_checks=True)
    ballot = f"/decisions/{decision.pk}/"
    get(client, ballot)
    page, hit, _ = get(client, ballot)
    assert hit
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(page)).group(1)
    pid = cast.partner_a.pk
    response = client.post(
        f"{ballot}vote/", {"csrfmiddlewaretoken": token, f"p{pid}-partner": pid, f"p{pid}-choice": "yes"}
    )
    assert response.status_code == 302


def test_a_signed_out_session_is_not_served_its_cached_page(cast):
    client = signed_in(cast.focal_a)
    get(client, "/me/")
    assert get(client, "/me/")[1]
    client.logout()
    response = client.get("/me/")
    assert response.status_code == 302 and HIT_HEADER not in response.headers


def test_each_language_has_its_own_entry(cast):
    client = signed_in(cast.focal_a)
    get(client, "/me/")
    french, hit, _ = get(client, "/fr/me/")
    assert not hit and 'lang="fr"' in text(french)
    assert get(client, "/fr/me/")[1] and get(client, "/me/")[1]


def test_the_tor_draft_and_diff_are_computed_once_for_everyone_and_a_comment_shows_at_once(cast, draft):
    """Their text (clauses, comments, the comparison) is a fragment shared by everyone with the
    same actions (kernel.cache.Fragments): the second person's first visit reads none of it."""
    clause = draft.clauses.order_by("position").first()
    services.clause_edit(by=cast.secretariat, clause=clause, text=clause.text + " Revised.")
    urls = (f"/tor/versions/{draft.number}/draft/", f"/tor/versions/{draft.number}/diff/")
    first = {url: get(signed_in(cast.focal_a), url) for url in urls}
    for url in urls:
        page, hit, queries = get(signed_in(cast.focal_b), url)
        assert not hit and queries < first[url][2], url  # its own page, the shared text
        assert "Revised." in text(page)
    services.tor_comment_add(by=cast.focal_b, tor_version=draft, clause=clause, text="Say it more plainly.")
    for person in (cast.focal_a, cast.focal_b):
        assert "Say it more plainly." in text(get(signed_in(person), urls[0])[0])


def test_the_meeting_programme_is_shared_within_an_audience_never_across_it(cast):
    """The programme is a fragment per audience: a Partner's focal point reading it first must not
    hand the Partners-only session to a participant reading it next (nor the reverse)."""
    from tests.meetings.conftest import SESSION_4_SECRET, build_fifth_meeting

    url = build_fifth_meeting(cast).meeting.get_absolute_url()
    for first, second in ((cast.focal_a, cast.participant), (cast.participant, cast.focal_b)):
        shared_cache.reset()
        get(signed_in(first), url)
        page, hit, _ = get(signed_in(second), url)
        assert not hit
        assert (SESSION_4_SECRET in text(page)) == (second != cast.participant), second
    shared_cache.reset()
    _, _, first_queries = get(signed_in(cast.focal_a), url)
    _, _, queries = get(signed_in(cast.focal_b), url)  # the same audience: the programme is read once
    assert queries < first_queries
