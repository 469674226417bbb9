"""The portal in Arabic in a real browser (Chromium): an Arabic browser lands on /ar/, the page is
right to left and mirrored, axe finds no serious or critical violation on the home page and on a
form; the header's switcher works from the keyboard on a phone-sized screen. In Arabic and in
Chinese, every public page (the Index included) and every form a visitor fills pass axe with the
right `lang` and `dir` (issue 13's "Done when")."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_page_problems, sign_in
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_site(people):
    """Published deliverables, a meeting, Partners and groups (as tests/browser/test_accessibility.py)."""
    from tests.browser.data import public_site_data

    return public_site_data(people)


def test_an_arabic_browser_reads_the_portal_right_to_left_without_accessibility_problems(
    new_page, public_site
):
    page = new_page(locale="ar-EG")  # Accept-Language: ar-EG
    response = page.goto("/")
    assert response.status == 200 and page.url.endswith("/ar/")  # the first visit follows the browser
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    # Mirrored by the logical properties: the account menu sits at the left end of the header.
    header = page.locator(".header-row").bounding_box()
    account = page.locator(".account-nav").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > account["x"], "in Arabic the brand is on the right, the account menu on its left"
    assert header["width"] > 0
    problems = serious_violations(page)
    for url in ("/accounts/login/", "/accounts/signup/", f"/ar/meetings/{public_site.meeting.slug}/"):
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("dir") == "rtl", url
        problems += serious_violations(page)
    assert problems == []
    assert_no_page_problems(page)


def test_the_switcher_changes_the_language_from_the_keyboard_on_a_phone(new_page, public_site):
    page = new_page(viewport={"width": 375, "height": 740}, locale="en-GB")
    page.goto("/deliverables/")
    assert page.locator("html").get_attribute("lang") == "en"
    select = page.get_by_label("Language")
    select.focus()
    select.select_option("fr")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the "Change language" button
    page.wait_for_url("**/fr/deliverables/")
    assert page.locator("html").get_attribute("lang") == "fr"
    # The choice is remembered: an English address now opens in French.
    page.goto("/meetings/")
    assert page.url.endswith("/fr/meetings/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the header with its switcher fits a phone without sideways scrolling"
    assert_no_page_problems(page)


@pytest.fixture
def whole_public_site(public_site, people):
    """The public site plus the KPI catalogue, the Index's demo cities and edition, and an open call
    for experts: every kind of public page has something to show."""
    import datetime as dt

    from django.utils import timezone

    from tests.browser.data import index_demo_site
    from thematic_groups import services as group_services

    index_demo_site(people)
    group_services.call_open(
        by=people.leader_x,
        deliverable=people.draft_x,
        title="Experts on city data platforms",
        description="Three experts on open urban data platforms.",
        closes_on=timezone.localdate() + dt.timedelta(days=20),
    )
    return public_site


def every_public_page(site) -> list[str]:
    """Each public page of the portal, without a language prefix."""
    from index.models import Edition, EditionCity
    from kpis.models import Kpi
    from thematic_groups.models import CallForExperts

    edition = Edition.objects.order_by("-pk").first()
    city_slug = EditionCity.objects.filter(edition=edition).order_by("city_slug").first().city_slug
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
        f"/meetings/{site.meeting.slug}/",  # holds the registration form
        "/decisions/",
        "/calls/",
        CallForExperts.objects.get().get_absolute_url(),
        "/cities/",
        f"/cities/{city_slug}/",
        "/kpis/",
        f"/kpis/{Kpi.objects.order_by('pk').first().slug}/",
        "/index/",
        f"/index/{edition.slug}/",
        "/index/methodology/",
        f"/index/compare/{city_slug}/",
        "/open-data/",
    ]


# The forms a visitor fills without an account: unprefixed by design (u4ssc/urls.py), in the
# language of the browser.
VISITOR_FORMS = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
READERS = {"ar": ("ar-EG", "rtl"), "zh-hans": ("zh-CN", "ltr")}


def test_every_public_page_and_visitor_form_passes_axe_in_arabic_and_chinese(new_page, whole_public_site):
    """Both languages on the one site the fixture builds (its Index demo is most of the time)."""
    for language in READERS:
        public_pages_and_visitor_forms_pass_axe(new_page, whole_public_site, language)


def public_pages_and_visitor_forms_pass_axe(new_page, whole_public_site, language: str) -> None:
    locale, direction = READERS[language]
    page = new_page(locale=locale)  # Accept-Language: the reader's
    problems, wrong = [], []
    urls = [f"/{language}{url}" for url in every_public_page(whole_public_site)] + VISITOR_FORMS
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        html = page.locator("html")
        if (html.get_attribute("lang"), html.get_attribute("dir")) != (language, direction):
            wrong.append(f"{url}: lang={html.get_attribute('lang')} dir={html.get_attribute('dir')}")
        problems += serious_violations(page)
    # The forms sent back empty (past the browser's own check) show their errors, in the
    # reader's language and script, which must pass too.
    for url in VISITOR_FORMS:
        page.goto(url)
        form = page.locator("main form").filter(has=page.locator("button[type=submit]")).first
        form.evaluate("form => { form.noValidate = true; }")
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").is_visible(), f"{url} sent empty shows no error summary"
        assert page.locator("html").get_attribute("lang") == language, f"{url} sent back"
        problems += serious_violations(page)
    assert not wrong, "\n".join(wrong)
    assert not problems, "\n".join(problems)
    assert_no_page_problems(page)
    assert len(urls) >= 26


@pytest.mark.parametrize("language", list(READERS))
def test_the_forms_people_fill_pass_axe_in_arabic_and_chinese(new_page, public_site, people, language):
    """The signed-in forms of test_accessibility.py (ballot, comment, reminder preferences, profile,
    e-meeting, minutes, proposal, new decision, invitation), for people whose profile language is
    Arabic or Chinese: signing in switches the portal to it, the addresses follow."""
    from tests.browser.data import forms_for

    locale, direction = READERS[language]
    problems, wrong, count = [], [], 0
    for username, urls in forms_for(public_site).items():  # none of them needs the KPIs or the Index
        person = getattr(people, username)
        person.language = language
        person.save(update_fields=["language"])
        page = new_page(locale=locale)
        sign_in(page, username)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, f"{url} answered {response.status} to {username}"
            html = page.locator("html")
            if (html.get_attribute("lang"), html.get_attribute("dir")) != (language, direction):
                wrong.append(f"{page.url}: lang={html.get_attribute('lang')} dir={html.get_attribute('dir')}")
            problems += serious_violations(page)
            count += 1
        assert_no_page_problems(page)
    assert count == 9
    assert not wrong, "\n".join(wrong)
    assert not problems, "\n".join(problems)
