"""Issue 15's journey: a visitor reads the U4SSC Index, its robustness ranges and methodology, then
compares a city with another and with its peers, by keyboard; the pages pass axe (no serious or
critical WCAG 2.1 AA violation) and show no console error or CSP violation. In English and in
Chinese (issue 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LOCALES, Words, assert_language, assert_no_page_problems
from tests.browser.data import index_demo_site
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def index_site(people):
    index_demo_site(people)


def test_visitor_reads_the_index_and_compares_a_city(new_page, index_site):
    """The journey in English, then in Chinese by another visitor, on the one Index the fixture
    builds (the demo's cities, cycles and edition take most of this test's time): axe's checks run
    in English here; the Index's pages in Arabic and Chinese pass them in
    tests/browser/test_languages.py."""
    for language in ("en", "zh-hans"):
        read_the_index_and_compare_a_city(new_page, language)


def read_the_index_and_compare_a_city(new_page, language: str) -> None:
    words = Words(language)
    english = language == "en"
    cities = ("Midvale (illustrative demo)", "Northbay (illustrative demo)", "Westfield (illustrative demo)")
    page = new_page(locale=LOCALES[language])
    page.goto("/index/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words("The U4SSC Index"))
    assert_language(page, language, cities)
    assert not english or serious_violations(page) == []
    page.get_by_role("link", name=words("The whole %(year)s edition", year=2023)).click()
    expect(page.locator("main")).to_contain_text(words("Rank range"))
    expect(page.locator("main")).to_contain_text("Midvale (illustrative demo): ")
    expect(page.locator("main")).to_contain_text(
        words.part("coverage %(c)s %% (%(n)s KPIs) is below the methodology's threshold of %(t)s %%.")
    )
    assert_language(page, language, cities)
    assert not english or serious_violations(page) == []
    assert_no_page_problems(page)

    page.get_by_role("link", name=words("Methodology version %(v)s", v=1)).click()
    expect(page.locator("main")).to_contain_text("OECD/JRC")
    assert_language(page, language)
    assert not english or serious_violations(page) == []

    page.goto(f"{words.prefix}/index/2023-v1/")
    page.get_by_role("link", name="Northbay (illustrative demo)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northbay")
    page.get_by_label(words("Cities (several with Ctrl or Shift)")).select_option("westfield-demo")
    page.get_by_label(words("Same region")).focus()
    page.keyboard.press("Space")  # the keyboard checks the box and submits the form
    page.get_by_role("button", name=words("Compare"), exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("table").first).to_contain_text("Westfield (illustrative demo)")
    expect(page.locator("main")).to_contain_text(words.part("%(group)s (median of %(count)s)"))
    expect(page.get_by_role("img", name=words("Dimension wheel"))).to_be_visible()
    expect(page.get_by_role("img", name=words("The city against its peers, by dimension"))).to_be_visible()
    assert_language(page, language, cities)
    assert not english or serious_violations(page) == []
    assert_no_page_problems(page)

    if english:
        page.goto("/open-data/")
        assert serious_violations(page) == []
