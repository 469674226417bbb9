"""The Principal cache (governance.rulebook.principal_for, kernel/cache.py): a person's roles are
computed once across requests, and every change of a role fact counts at the next request."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services as gov
from governance.rulebook import can, principal_for

DASHBOARD = reverse("portal:dashboard")


def fresh(person):
    """The user object a new request would load."""
    return get_user_model().objects.get(pk=person.pk)


def _principal_queries(person) -> int:
    with CaptureQueriesContext(connection) as queries:
        principal_for(fresh(person))
    return len(queries.captured_queries) - 1  # less the SELECT of the person


def test_the_principal_is_computed_once_across_requests(cast):
    assert _principal_queries(cast.focal_a) > 0
    assert _principal_queries(cast.focal_a) == 0
    assert can(fresh(cast.focal_a), "decision.vote", cast.partner_a)


def test_signed_in_pages_reuse_the_principal(client, cast):
    client.force_login(cast.focal_a)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    # The guardian grants are read only to compute a Principal.
    assert not any("userobjectpermission" in q["sql"] for q in queries.captured_queries)


def test_an_ended_focal_point_loses_the_role_at_the_next_request(client, cast):
    client.force_login(cast.focal_a)
    assert "Partner focal point" in client.get(DASHBOARD).content.decode()
    assert can(fresh(cast.focal_a), "decision.vote", cast.partner_a)
    gov.focal_point_end(focal_point=cast.focal_a.focal_points.get(), by=cast.secretariat)
    assert not can(fresh(cast.focal_a), "decision.vote", cast.partner_a)
    assert "Partner focal point" not in client.get(DASHBOARD).content.decode()
    assert can(fresh(cast.focal_a2), "decision.vote", cast.partner_a)


def test_a_new_focal_point_gains_the_role_at_the_next_request(cast):
    assert not can(fresh(cast.participant), "decision.vote", cast.partner_b)
    gov.focal_point_add(partner=cast.partner_b, person=cast.participant, by=cast.secretariat)
    assert can(fresh(cast.participant), "decision.vote", cast.partner_b)


def test_account_flags_count_at_once(cast):
    assert can(fresh(cast.secretariat), "registers.keep")
    person = fresh(cast.secretariat)
    person.is_staff = False
    person.save(update_fields=["is_staff"])
    assert not can(fresh(cast.secretariat), "registers.keep")


def test_signing_in_does_not_drop_cached_principals(client, cast):
    _principal_queries(cast.focal_b)
    client.force_login(cast.focal_a)  # saves last_login
    assert _principal_queries(cast.focal_b) == 0


def test_a_principal_seen_inside_a_rolled_back_change_is_never_kept(cast):
    """Inside a service's transaction the cache is neither read nor written: a role change that
    is rolled back leaves no trace."""
    assert can(fresh(cast.focal_a), "decision.vote", cast.partner_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        gov.focal_point_end(focal_point=cast.focal_a.focal_points.get(), by=cast.secretariat)
        assert not can(fresh(cast.focal_a), "decision.vote", cast.partner_a)
        raise RuntimeError("roll back")
    assert can(fresh(cast.focal_a), "decision.vote", cast.partner_a)


def test_without_a_shared_cache_each_request_computes_the_principal(settings, cast):
    settings.U4SSC_SHARED_CACHE = False
    _principal_queries(cast.focal_a)
    assert _principal_queries(cast.focal_a) > 0
