"""Every URL pattern, walked as an anonymous visitor: each non-public one refuses (302 to sign in,
401, 403, 404 or 405) for GET and POST; each public one answers without a server error and
shows nothing unpublished.

PUBLIC is the explicit allow-list: a new page is private until it is named here, so adding a
public page means classifying it on purpose.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from tests.security.urlwalk import PROJECT_APPS, all_routes, urls_for

PUBLIC = {
    # the portal
    "home",
    "portal:home",
    "healthz",
    "favicon",
    # for crawlers: the rules and every public page in every language (issue 13)
    "robots_txt",
    "django.contrib.sitemaps.views.sitemap",
    # the language switcher: sets the language cookie and goes back (issue 13)
    "set_language",
    # sign-in, sign-up and password reset (django-allauth) and the admin's sign-in page
    "account_login",
    "account_logout",
    "account_signup",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_confirm_login_code",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "admin:login",
    "admin:logout",
    # the public site: ToR, Partners, groups, deliverables, meetings, decisions' public record
    "governance:tor",
    "governance:tor_versions",
    "governance:tor_version",
    "governance:tor_diff",
    "governance:tor_diff_pdf",
    "governance:partner_list",
    "governance:partner_detail",
    "governance:decisions",
    "governance:decision_detail",
    "governance:decision_pdf",
    "thematic_groups:group_list",
    # open calls for experts are public (DESIGN.md); a closed one is a 404 outside its audience
    "thematic_groups:call_list",
    "thematic_groups:call_detail",
    "thematic_groups:group_detail",
    "thematic_groups:deliverable_list",
    "thematic_groups:deliverable_detail",
    "thematic_groups:deliverable_pdf",
    "thematic_groups:deliverable_feed",
    "thematic_groups:workplan_list",
    "thematic_groups:workplan_detail",
    "thematic_groups:workplan_csv",
    "thematic_groups:workplan_pdf",
    "meetings:calendar_public",
    "meetings:meeting_list",
    "meetings:meeting_detail",
    "meetings:meeting_register",  # anyone may register for a meeting open to all (ToR 8)
    # the link in a registrant's "please confirm your address" email: the token is the capability;
    # GET only shows the button (mail scanners follow links), the POST confirms
    "meetings:registration_address_confirm",
    "meetings:meeting_report",
    # the read-only API and its documentation
    "api:api-root",
    "api:schema",
    "api:docs",
    "api:deliverable-list",
    "api:deliverable-detail",
    "api:thematic-group-list",
    "api:thematic-group-detail",
    "api:meeting-list",
    "api:meeting-detail",
    "api:partner-list",
    "api:partner-detail",
    "api:tor-list",
    # the KPI web-tool (issue 14): the catalogue and published cities, within their consent
    "kpis:kpi_list",
    "kpis:kpi_detail",
    "kpis:city_list",
    "kpis:city_detail",
    "kpis:city_csv",
    "api:kpi-list",
    "api:kpi-detail",
    "api:city-list",
    "api:city-detail",
    "api:city-values",
    # the U4SSC Index and open data (issue 15): published editions, methodologies, values only
    "index:home",
    "index:feed",
    "index:methodology_current",
    "index:methodology",
    "index:compare",
    "index:edition",
    "index:ranking_csv",
    "index:indicators_csv",
    "index:datapackage",
    "index:open_data",
    "index:values_csv",
    "index:values_datapackage",
    "api:index-edition-list",
    "api:index-edition-detail",
}

REFUSALS = {401, 403, 404, 405}
LOGIN_URLS = ("/accounts/login/", "/admin/login/")


def refused(response) -> bool:
    """Refused: an error status, or a redirect (to sign in, or to a public page) without content."""
    if response.status_code in REFUSALS:
        return True
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        if path in LOGIN_URLS:
            return True
        try:
            return resolve(path).view_name in PUBLIC
        except Resolver404:
            return False
    return False


def _row_counts() -> dict[str, int]:
    """Rows of every project model's table and its history's: an anonymous walk must write none.
    One query for all of them (one per model took a third of the walk)."""
    from django.db import connection

    tables = {
        model._meta.label: model._meta.db_table
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.managed and not model._meta.proxy
    }
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT %s, COUNT(*) FROM {quote(table)}" for table in tables.values())
    with connection.cursor() as cursor:
        cursor.execute(sql, list(tables))
        return dict(cursor.fetchall())


def is_public(route) -> bool:
    return route.name in PUBLIC


DRAFT_SUMMARY = "Draft revision only the Partners may read before it is adopted"
DRAFT_TITLE = "Confidential draft on smart water metering in coastal cities"
PROPOSED_TITLE = "Proposed study on night-time noise maps that nobody has approved"


@pytest.fixture
def demo(demo_once, db, settings):
    """The demo data (tests/shared_demo.py), plus a ToR draft in its comment period and an open ballot."""
    from django.contrib.auth import get_user_model

    from governance import services
    from governance.models import Decision
    from tests.cast import make_deliverable
    from tests.shared_demo import use_demo
    from thematic_groups.models import Deliverable, ThematicGroup

    use_demo(demo_once, settings)
    secretariat = get_user_model().objects.get(username="secretariat")
    draft = services.tor_revision_create(by=secretariat, summary=DRAFT_SUMMARY)
    services.tor_comment_period_open(
        by=secretariat, tor_version=draft, deadline=timezone.now() + dt.timedelta(days=10)
    )
    group = ThematicGroup.objects.order_by("pk").first()
    make_deliverable(group, "confidential-water-metering", title=DRAFT_TITLE)
    make_deliverable(group, "proposed-noise-maps", title=PROPOSED_TITLE, status=Deliverable.Status.PROPOSED)
    services.decision_open(
        by=secretariat,
        kind=Decision.Kind.OTHER,
        question="Shall the next annual meeting be held online?",
        deadline=timezone.now() + dt.timedelta(days=10),
    )


def _secrets() -> list[str]:
    """Text that no anonymous response may contain: a drafting and a proposed deliverable, a ToR draft."""
    from portal.demo.kpis import OPEN_QUESTION

    # ... and the KPI web-tool's verifier question on a cycle under verification (issue 14)
    return [DRAFT_TITLE, PROPOSED_TITLE, DRAFT_SUMMARY, OPEN_QUESTION]


@pytest.mark.django_db
def test_every_url_refuses_anonymous_access_unless_it_is_public(demo, settings):
    settings.U4SSC_MFA_ENFORCED = True
    client = Client(raise_request_exception=False)
    secrets = _secrets()
    problems: list[str] = []
    checked = 0
    for route in all_routes():
        # A refused request changes nothing (public pages may cache, e.g. a rendered PDF).
        watch_rows = not is_public(route) and not route.template.startswith("admin/")
        rows_before_route = _row_counts() if watch_rows else None
        limit = 1 if route.template.startswith("admin/") else 3
        for url in urls_for(route, limit=limit)[: limit + 1]:
            checked += 1
            get = client.get(url)
            if get.status_code >= 500:
                problems.append(f"GET {url} ({route.label}) -> {get.status_code}")
                continue
            if is_public(route):
                body = get.content.decode(errors="replace") if not get.streaming else ""
                for secret in secrets:
                    if secret in body:
                        problems.append(f"GET {url} ({route.label}) shows unpublished '{secret}'")
                post = client.post(url)
                if post.status_code >= 500:
                    problems.append(f"POST {url} ({route.label}) -> {post.status_code}")
                continue
            if not refused(get):
                problems.append(
                    f"GET {url} ({route.label}) -> {get.status_code} for an anonymous visitor: "
                    "refuse it, or add the name to PUBLIC if it is a public page"
                )
            post = client.post(url)
            if not refused(post):
                problems.append(f"POST {url} ({route.label}) -> {post.status_code} for an anonymous visitor")
        if rows_before_route is not None:
            rows = _row_counts()
            problems += [
                f"{route.label} wrote to {label} for an anonymous visitor"
                for label, n in rows.items()
                if n != rows_before_route[label]
            ]
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_the_public_list_names_only_urls_that_exist():
    names = {route.name for route in all_routes()}
    assert names >= PUBLIC, sorted(PUBLIC - names)


def test_every_view_is_reachable_by_name_or_is_the_admin():
    """Unnamed patterns escape classification: only the admin's own are allowed."""
    unnamed = [r.template for r in all_routes() if r.name is None and not r.template.startswith("admin/")]
    assert not unnamed, unnamed


@pytest.mark.django_db
def test_the_row_count_sees_a_write(demo):
    """The walk's check of "wrote nothing" is not vacuous: a new row and a history row count."""
    from tests.cast import make_deliverable
    from thematic_groups.models import ThematicGroup

    before = _row_counts()
    make_deliverable(ThematicGroup.objects.order_by("pk").first(), "counted-by-the-walk")
    after = _row_counts()
    changed = {label for label in after if after[label] != before[label]}
    assert {"thematic_groups.Deliverable", "thematic_groups.HistoricalDeliverable"} <= changed
