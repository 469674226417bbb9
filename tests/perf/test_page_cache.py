"""The anonymous page cache (kernel/middleware.py, kernel/cache.py): public pages are served
from the cache without a query, but only to anonymous visitors, never with a signed-in view,
never a page with a CSRF form, and any write to the registers drops every cached page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kernel import cache as shared_cache
from kernel.middleware import HIT_HEADER
from meetings.models import Audience, Meeting
from tests.cast import make_deliverable
from thematic_groups import services
from thematic_groups.models import Deliverable

LIST = "/deliverables/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.U4SSC_PAGE_CACHE_SECONDS = 60


def _get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries.captured_queries)


def test_second_anonymous_get_is_served_without_a_query(client, cast):
    first, first_queries = _get(client, LIST)
    second, second_queries = _get(client, LIST)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0 and HIT_HEADER not in first.headers
    assert second_queries == 0 and second.headers[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert cast.published_x.title in second.content.decode()


def test_the_query_string_is_part_of_the_key(client, cast):
    _get(client, LIST)
    response, queries = _get(client, LIST + "?q=nothing-matches-this")
    assert queries > 0 and cast.published_x.title not in response.content.decode()


def test_cached_pages_keep_the_security_headers(client, cast):
    fresh, _ = _get(client, LIST)
    cached, queries = _get(client, LIST)
    assert queries == 0
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert cached.headers.get(header) == fresh.headers.get(header) and cached.headers.get(header)
    assert cached.headers["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" in cached.headers["Vary"]
    assert "Set-Cookie" not in cached.headers


def test_hsts_is_sent_on_cached_pages_over_https(settings, cast):
    settings.SECURE_HSTS_SECONDS = 31536000
    client = Client()
    fresh, _ = _get(client, LIST, secure=True)
    cached, queries = _get(client, LIST, secure=True)
    assert queries == 0
    assert cached.headers["Strict-Transport-Security"] == fresh.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in cached.headers["Strict-Transport-Security"]


def test_signed_in_requests_are_never_served_from_nor_stored_in_the_cache(client, cast):
    client.force_login(cast.focal_a)
    for _ in range(2):
        response, queries = _get(client, LIST)
        assert response.status_code == 200 and queries > 0 and HIT_HEADER not in response.headers


def test_a_partners_view_never_reaches_anonymous_visitors(cast):
    """The group page shows drafts to a Partner's focal point only (ToR 33, 35)."""
    url = reverse("thematic_groups:group_detail", args=[cast.group_x.slug])
    partner = Client()
    partner.force_login(cast.focal_a)
    anonymous = Client()
    for _ in range(2):
        assert cast.draft_x.title in partner.get(url).content.decode()
    response, _ = _get(anonymous, url)
    assert cast.draft_x.title not in response.content.decode()
    cached, queries = _get(anonymous, url)
    assert queries == 0 and cast.draft_x.title not in cached.content.decode()
    # ... and an anonymous page in the cache is not what the Partner is shown.
    page, queries = _get(partner, url)
    assert queries > 0 and cast.draft_x.title in page.content.decode()


def test_a_request_with_any_other_cookie_or_authorization_bypasses_the_cache(client, cast):
    _get(client, LIST)
    client.cookies["messages"] = "anything"
    _, queries = _get(client, LIST)
    assert queries > 0
    _, queries = _get(Client(), LIST, HTTP_AUTHORIZATION="Basic eDp5")
    assert queries > 0


def test_publishing_shows_the_deliverable_to_the_next_anonymous_visitor(client, cast):
    ready = make_deliverable(
        cast.group_x,
        "ready-for-the-public",
        status=Deliverable.Status.EDITORIAL_REVIEW,
        title="Ready for the public",
        summary="A summary.",
        body="The published text.",
    )
    before, _ = _get(client, LIST)
    _get(client, LIST)
    assert "Ready for the public" not in before.content.decode()
    services.deliverable_publish(by=cast.secretariat, deliverable=ready)
    after, queries = _get(client, LIST)
    assert queries > 0 and "Ready for the public" in after.content.decode()
    assert client.get(ready.get_absolute_url()).status_code == 200


def test_withdrawing_shows_the_notice_and_drops_the_feed_entry_at_once(client, cast):
    feed = reverse("thematic_groups:deliverable_feed")
    page = cast.published_x.get_absolute_url()
    for url in (feed, page, feed, page):
        client.get(url)
    assert cast.published_x.title in client.get(feed).content.decode()
    assert "has been withdrawn" not in client.get(page).content.decode()
    services.deliverable_withdraw(by=cast.secretariat, deliverable=cast.published_x, note="Superseded.")
    assert cast.published_x.title not in client.get(feed).content.decode()
    withdrawn = client.get(page).content.decode()
    assert "has been withdrawn" in withdrawn and "Superseded." in withdrawn


def test_a_write_inside_a_transaction_bumps_at_once_and_after_the_commit(
    db, django_capture_on_commit_callbacks
):
    from django.db import transaction

    (start,) = shared_cache.generations(shared_cache.CONTENT_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        shared_cache.bump_now_and_after_commit(shared_cache.CONTENT_KEY)
        shared_cache.bump_now_and_after_commit(shared_cache.CONTENT_KEY)  # once per transaction and key
        (during,) = shared_cache.generations(shared_cache.CONTENT_KEY)
        assert during == start + 1
    assert len(callbacks) == 1
    assert shared_cache.generations(shared_cache.CONTENT_KEY) == [start + 2]


def test_a_bump_rolled_back_with_its_savepoint_is_made_again(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    (start,) = shared_cache.generations(shared_cache.CONTENT_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                shared_cache.bump_now_and_after_commit(shared_cache.CONTENT_KEY)
                raise RuntimeError("the savepoint rolls back, and its after-commit bump with it")
        except RuntimeError:
            pass
        shared_cache.bump_now_and_after_commit(shared_cache.CONTENT_KEY)
        assert shared_cache.generations(shared_cache.CONTENT_KEY) == [start + 2]
    assert len(callbacks) == 1
    assert shared_cache.generations(shared_cache.CONTENT_KEY) == [start + 3]


@pytest.mark.django_db
def test_a_page_with_a_csrf_form_is_not_cached(client):
    """An open annual meeting shows the registration form (with a CSRF token) to everyone."""
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL,
        title="Open annual meeting",
        slug="open-annual-meeting",
        starts_at=timezone.now() + dt.timedelta(days=30),
        audience=Audience.OPEN,
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
    )
    for _ in range(2):
        response, queries = _get(client, meeting.get_absolute_url())
        assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
        assert queries > 0 and HIT_HEADER not in response.headers


def test_errors_redirects_and_private_responses_are_not_cached(client, cast):
    hidden = cast.draft_x.get_absolute_url()
    for _ in range(2):
        response, queries = _get(client, hidden)
        assert response.status_code == 404 and queries > 0
    for _ in range(2):
        response, queries = _get(client, "/healthz")
        assert response.status_code == 200 and queries > 0  # never_cache: no-store, private


def test_the_page_cache_is_off_without_a_shared_cache(settings, client, cast):
    settings.U4SSC_SHARED_CACHE = False
    _get(client, LIST)
    _, queries = _get(client, LIST)
    assert queries > 0
