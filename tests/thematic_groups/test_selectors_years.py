"""The deliverables list's year filter (thematic_groups.selectors.deliverable_years_public): on
PostgreSQL a recursive query that probes the index once per year (issue 17) gives exactly the
years the ORM's `dates()` gives, for any mix of statuses and dates, in one query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from thematic_groups import selectors
from thematic_groups.models import Deliverable

STATUSES = [choice for choice, _ in Deliverable.Status.choices]
ROWS = st.lists(
    st.tuples(
        st.sampled_from(STATUSES),
        st.one_of(st.none(), st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2031, 12, 31))),
    ).filter(lambda row: row[0] != "published" or row[1] is not None),  # a published one has a date
    max_size=25,
)


@pytest.mark.postgres
@hypothesis_settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS)
def test_the_years_are_those_of_the_public_deliverables(cast, rows):
    Deliverable.objects.filter(slug__startswith="years-").delete()
    Deliverable.objects.bulk_create(
        Deliverable(
            thematic_group=cast.group_x, title=f"Y {i}", slug=f"years-{i}", status=status, published_on=day
        )
        for i, (status, day) in enumerate(rows)
    )
    public = Deliverable.objects.filter(selectors.PUBLIC_Q)
    expected = sorted({d.year for d in public.dates("published_on", "year")}, reverse=True)
    with CaptureQueriesContext(connection) as queries:
        years = selectors.deliverable_years_public()
    assert years == expected
    assert len(queries) == 1


def test_the_list_page_offers_the_years(client, cast):
    for i, year in enumerate((2019, 2023, 2023)):
        Deliverable.objects.create(
            thematic_group=cast.group_x,
            title=f"Published {i}",
            slug=f"published-{i}",
            status=Deliverable.Status.PUBLISHED,
            published_on=dt.date(year, 5, 1),
        )
    html = client.get("/deliverables/").content.decode()
    assert '<option value="2023">2023</option>' in html and '<option value="2019">2019</option>' in html
