"""The signed-in person from the shared cache (kernel.auth, issue 17): a repeat request reads no
row of theirs, and every change that Django's own `get_user` would notice is noticed at the next
request as before: a new password, a deactivated or deleted account, a rotated SECRET_KEY."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kernel import cache as shared_cache

PAGE = "/me/"  # signed-in only: anonymous visitors are sent to sign in


def person_rows(client, url=PAGE) -> tuple[int, list[str]]:
    """The status of a GET and the statements that read the people table."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, [
        q["sql"] for q in queries.captured_queries if 'FROM "people_person"' in q["sql"]
    ]


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_repeat_request_reads_no_row_of_the_person(cast):
    client = signed_in(cast.focal_a)
    status, rows = person_rows(client)
    assert status == 200 and len(rows) == 1  # the first: the row, stored for the next
    status, rows = person_rows(client)
    assert status == 200 and rows == []
    assert client.get(PAGE).wsgi_request.user == cast.focal_a


def test_without_the_shared_cache_the_row_is_read_every_time(cast, settings):
    settings.U4SSC_SHARED_CACHE = False
    client = signed_in(cast.focal_a)
    for _ in range(2):
        status, rows = person_rows(client)
        assert status == 200 and len(rows) == 1


def test_a_new_password_signs_the_other_sessions_out_at_their_next_request(cast):
    client = signed_in(cast.focal_a)
    assert person_rows(client)[0] == 200
    cast.focal_a.set_password("a-new-long-passphrase")
    cast.focal_a.save()
    assert person_rows(client)[0] == 302  # to sign in
    assert not client.get("/").wsgi_request.user.is_authenticated


@pytest.mark.parametrize("change", ["deactivated", "deleted"])
def test_a_deactivated_or_deleted_account_is_signed_out_at_its_next_request(cast, change):
    client = signed_in(cast.participant)
    assert person_rows(client)[0] == 200
    if change == "deactivated":
        cast.participant.is_active = False
        cast.participant.save()
    else:
        cast.participant.delete()
    assert person_rows(client)[0] == 302
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_change_of_the_account_shows_at_the_next_request(cast):
    client = signed_in(cast.focal_a)
    client.get(PAGE)
    cast.focal_a.first_name = "Renamed"
    cast.focal_a.save()
    status, rows = person_rows(client)
    assert status == 200 and len(rows) == 1
    assert client.get(PAGE).wsgi_request.user.first_name == "Renamed"


def test_a_rotated_secret_key_signs_sessions_out_unless_kept_as_a_fallback(cast, settings):
    client = signed_in(cast.focal_a)
    assert person_rows(client)[0] == 200 and person_rows(client)[1] == []  # from the cache now
    old = settings.SECRET_KEY
    settings.SECRET_KEY = old + "-rotated"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert person_rows(client)[0] == 200  # Django's fallback: still signed in, session moved on
    kept = signed_in(cast.focal_b)
    assert person_rows(kept)[0] == 200
    settings.SECRET_KEY = old + "-rotated-again"
    settings.SECRET_KEY_FALLBACKS = []
    assert person_rows(kept)[0] == 302  # the session's hash was made with a key no longer kept


def test_a_session_for_another_person_never_gets_the_cached_one(cast):
    first, second = signed_in(cast.focal_a), signed_in(cast.focal_b)
    first.get(PAGE)
    second.get(PAGE)
    assert first.get(PAGE).wsgi_request.user == cast.focal_a
    assert second.get(PAGE).wsgi_request.user == cast.focal_b


def test_the_cache_down_reads_the_row(cast, monkeypatch):
    client = signed_in(cast.focal_a)
    client.get(PAGE)

    def down(user_id):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(shared_cache, "person_slot", down)
    status, rows = person_rows(client)
    assert status == 200 and len(rows) == 1


def test_the_middleware_is_djangos_with_the_cache(cast):
    assert "kernel.auth.SharedAuthenticationMiddleware" in settings.MIDDLEWARE
    assert "django.contrib.auth.middleware.AuthenticationMiddleware" not in settings.MIDDLEWARE
