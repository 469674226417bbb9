"""Property-based run of schemathesis over the live OpenAPI schema (/api/schema/), in process
against the WSGI application and the test database (real rows, nothing mocked).

Every operation of the schema, anonymous and signed in (a Partner's focal point, through the
session cookie), with every check schemathesis has: no 5xx, every response valid against its
schema, every status and content type documented, invalid query values rejected (4xx) and
valid ones accepted. Examples are bounded so the run stays well under 90 s on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import load_all_checks

from meetings.models import Meeting
from tests.decisions.conftest import make_tor_version
from tests.index.conftest import published_edition
from tests.kpis.conftest import published_city

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

FUZZ = hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same cases on every run: a failure is reproducible
    suppress_health_check=list(HealthCheck),
    database=None,
)


def _all_checks():
    load_all_checks()
    from schemathesis.checks import CHECKS

    return CHECKS.get_all()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Django closes a connection in a transaction when a request ends; the test client turns that
    off, a raw WSGI call does not. Without this the test's transaction (and its rows) would go
    with the first request on PostgreSQL."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def registers(cast):
    """Rows for every response shape: a ToR in force, meetings with and without a group."""
    make_tor_version(1)
    now = timezone.now()
    Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL,
        title="Sixth meeting",
        slug="sixth",
        starts_at=now + dt.timedelta(days=30),
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
    )
    Meeting.objects.create(
        kind=Meeting.Kind.E_MEETING,
        title="Draft X e-meeting",
        slug="draft-x-e",
        starts_at=now,
        deliverable=cast.draft_x,
        thematic_group=cast.group_x,
        audience="group",
    )
    published_city(cast)  # the KPI web-tool's public shapes: a value, a score only, no target
    published_edition(cast)  # an Index edition of that data (issue 15)
    return cast


@pytest.fixture
def focal_point_cookie(registers) -> str:
    client = Client()
    client.force_login(registers.focal_a)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@schema.parametrize()
@FUZZ
def test_anonymous(case, registers):
    case.call_and_validate(checks=_all_checks())


@schema.parametrize()
@FUZZ
def test_signed_in(case, focal_point_cookie):
    case.call_and_validate(headers={"Cookie": focal_point_cookie}, checks=_all_checks())


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_stateful_links(registers, focal_point_cookie, signed_in):
    """Follow the schema's links (a list's first row, a deliverable's group) with real slugs."""
    from hypothesis.stateful import run_state_machine_as_test

    links = schema.as_state_machine()
    cookie = focal_point_cookie if signed_in else None
    followed: list[tuple[str, int]] = []

    class Workflow(links):
        def get_call_kwargs(self, case):
            return {"headers": {"Cookie": cookie}} if cookie else {}

        def after_call(self, response, case):
            super().after_call(response, case)
            followed.append((case.path, response.status_code))

    run_state_machine_as_test(
        Workflow,
        settings=hypothesis_settings(
            FUZZ, max_examples=15, stateful_step_count=6, phases=[Phase.explicit, Phase.generate]
        ),
    )
    # The links were followed: detail pages were reached with slugs taken from earlier responses.
    assert any(path.endswith("{slug}/") and status == 200 for path, status in followed)
