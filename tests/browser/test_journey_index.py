"""Issue 15's journey: a visitor reads the U4SSC Index, its robustness ranges and methodology, then
compares a city with another and with its peers, by keyboard; the pages pass axe (no serious or
critical WCAG 2.1 AA violation) and show no console error or CSP violation."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from kpis import services
from portal.demo import index as index_demo
from portal.demo import kpis as kpi_demo
from tests.browser.conftest import assert_no_page_problems
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def index_site(people):
    services.catalogue_load()
    kpi_demo._targets(people.secretariat)
    roles = {"secretariat": people.secretariat, "steward": people.participant, "verifier": people.leader_x}
    index_demo.load(SimpleNamespace(created=0), roles, {})


def test_visitor_reads_the_index_and_compares_a_city(page, index_site):
    page.goto("/index/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The U4SSC Index")
    assert serious_violations(page) == []
    page.get_by_role("link", name="The whole 2023 edition").click()
    expect(page.locator("main")).to_contain_text("Rank range")
    expect(page.locator("main")).to_contain_text("Midvale (illustrative demo): coverage")
    assert serious_violations(page) == []
    assert_no_page_problems(page)

    page.get_by_role("link", name="Methodology version 1").click()
    expect(page.locator("main")).to_contain_text("OECD/JRC Handbook")
    assert serious_violations(page) == []

    page.goto("/index/2023-v1/")
    page.get_by_role("link", name="Northbay (illustrative demo)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northbay")
    page.get_by_label("Cities (several with Ctrl or Shift)").select_option("westfield-demo")
    page.get_by_label("Same region").focus()
    page.keyboard.press("Space")  # the keyboard checks the box and submits the form
    page.get_by_role("button", name="Compare").focus()
    page.keyboard.press("Enter")
    expect(page.locator("table").first).to_contain_text("Westfield (illustrative demo)")
    expect(page.locator("main")).to_contain_text("Same region (median of")
    expect(page.get_by_role("img", name="Dimension wheel")).to_be_visible()
    expect(page.get_by_role("img", name="The city against its peers, by dimension")).to_be_visible()
    assert serious_violations(page) == []
    assert_no_page_problems(page)

    page.goto("/open-data/")
    assert serious_violations(page) == []
