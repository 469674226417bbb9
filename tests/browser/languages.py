"""What the axe runs in Arabic and in Chinese check (tests/browser/test_languages_axe_*.py): every
public page (the Index included) and every form a visitor or a signed-in person fills pass axe with
the right `lang` and `dir` (issue 13's "Done when"). One file per language, so that pytest-xdist
runs the two languages on different workers."""

from __future__ import annotations

from tests.browser.conftest import assert_no_page_problems, sign_in
from tests.browser.test_accessibility import serious_violations


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


def every_public_page_and_visitor_form_pass_axe(new_page, whole_public_site, language):
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


def the_forms_people_fill_pass_axe(new_page, whole_public_site, people, language):
    """The signed-in forms of test_accessibility.py (ballot, comment, reminder preferences, profile,
    e-meeting, minutes, proposal, new decision, invitation), for people whose profile language is
    Arabic or Chinese: signing in switches the portal to it, the addresses follow."""
    from tests.browser.data import forms_for

    locale, direction = READERS[language]
    problems, wrong, count = [], [], 0
    for username, urls in forms_for(whole_public_site).items():
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
