"""WCAG 2.1 AA checks with axe-core (axe-playwright-python bundles axe.min.js: no network) on every
public page and the forms people fill (the request pages included); the keyboard reaches the skip link and the main navigation;
at 200% zoom nothing scrolls sideways."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import assert_no_page_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}  # the impacts serious_violations reports
AXE = Axe()  # reads axe.min.js once


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the page. Only those cross from Chromium back to
    the test (axe's whole result, every passed rule included, took ~0.1 s a page to hand over)."""
    page.evaluate(AXE.axe_script)
    violations = page.evaluate(
        """([options, blocking]) => axe.run(document, options).then(results => results.violations
            .filter(v => blocking.includes(v.impact))
            .map(v => ({impact: v.impact, id: v.id, help: v.help,
                        targets: v.nodes.slice(0, 3).map(node => node.target.join(", "))})))""",
        [AXE_OPTIONS, sorted(BLOCKING)],
    )
    return [
        f"{page.url}: [{v['impact']}] {v['id']}: {v['help']} at {'; '.join(v['targets'])}" for v in violations
    ]


@pytest.fixture
def public_site(people):
    """Published deliverables, a meeting, Partners and groups: the cast plus a meeting."""
    from tests.browser.data import public_site_data

    return public_site_data(people)


def public_urls(site) -> list[str]:
    return [
        "/",
        "/tor/",
        "/partners/",
        f"/partners/{site.partner.slug}/",
        "/groups/",
        f"/groups/{site.group.slug}/",
        "/deliverables/",
        "/deliverables/?q=platforms",
        f"/deliverables/{site.deliverable.slug}/",
        "/meetings/",
        f"/meetings/{site.meeting.slug}/",
        "/decisions/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]


def test_public_pages_have_no_serious_accessibility_violations(page, public_site, people):
    import datetime as dt

    from django.utils import timezone

    from thematic_groups import services as group_services

    call = group_services.call_open(  # open calls for experts are public (DESIGN.md)
        by=people.leader_x,
        deliverable=people.draft_x,
        title="Experts on city data platforms",
        description="Three experts on open urban data platforms.",
        closes_on=timezone.localdate() + dt.timedelta(days=20),
    )
    problems = []
    for url in [*public_urls(public_site), "/calls/", call.get_absolute_url()]:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        problems += serious_violations(page)
    assert_no_page_problems(page)
    assert not problems, "\n".join(problems)


def test_forms_people_fill_have_no_serious_accessibility_violations(new_page, public_site):
    from tests.browser.data import forms_for

    problems = []
    for username, urls in forms_for(public_site).items():
        page = new_page()
        sign_in(page, username)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, f"{url} answered {response.status} to {username}"
            problems += serious_violations(page)
        assert_no_page_problems(page)
    assert not problems, "\n".join(problems)


REQUEST_PAGES = ["/requests/", "/requests/logo/new/", "/requests/hubs/new/", "/requests/engagements/new/"]


def test_request_pages_have_no_serious_accessibility_violations(new_page, people):
    """My requests (with a request of each kind) and its three forms, empty and sent back with errors;
    at 200% zoom none of them scrolls sideways."""
    from tests.requests.conftest import ask_hub, ask_logo, tell_engagement

    ask_logo(people.participant)
    ask_hub(people.participant, people.partner_a)
    tell_engagement(people.participant)
    page = new_page()
    sign_in(page, "participant")
    problems = []
    for url in REQUEST_PAGES:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        problems += serious_violations(page)
    for url in REQUEST_PAGES[1:]:
        page.goto(url)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").is_visible(), f"{url} sent empty shows no error summary"
        problems += serious_violations(page)
    assert_no_page_problems(page)
    assert not problems, "\n".join(problems)
    zoomed = new_page(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    sign_in(zoomed, "participant")
    for url in REQUEST_PAGES:
        zoomed.goto(url)
        overflow = zoomed.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{url} scrolls sideways by {overflow}px at 200% zoom"


def test_the_keyboard_reaches_the_skip_link_and_the_main_navigation(page, public_site):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible(), "the skip link must show when it has focus"
    reached = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "document.activeElement.closest('nav') ? document.activeElement.textContent.trim() : ''"
            )
        )
    for link in ("Terms of Reference", "Deliverables", "Thematic Groups", "Meetings", "Partners"):
        assert link in reached, f"the keyboard never reaches “{link}” in the main navigation"
    # The skip link moves focus to <main>.
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible(page, public_site):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused link shows no outline"


def test_pages_at_200_percent_zoom_do_not_scroll_sideways(new_page, public_site):
    # 200% zoom of a 1280px window: a 640 CSS-pixel viewport at device scale 2.
    page = new_page(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    wide = []
    for url in public_urls(public_site):
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            wide.append(f"{url} scrolls sideways by {overflow}px")
    assert not wide, "\n".join(wide)


def test_a_phone_sized_screen_shows_the_whole_navigation(new_page, public_site):
    page = new_page(
        viewport={"width": 360, "height": 740}, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    page.goto("/")
    for link in ("Terms of Reference", "Deliverables", "Meetings"):
        assert page.get_by_role("navigation", name="Main").get_by_role("link", name=link).is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


def test_axe_finds_a_real_violation(page):
    """The check is not vacuous: an image without alt text and an unlabelled field are reported."""
    page.set_content('<html lang="en"><body><main><img src="data:,"><input type="text"></main></body></html>')
    found = "\n".join(serious_violations(page))
    assert "image-alt" in found and "label" in found
