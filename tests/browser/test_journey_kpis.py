"""Issue 14's journey through the real pages: a city's data steward enters KPI data on a phone and
submits; the verifier asks a question and verifies; the steward answers, decides what is published
and publishes; a visitor sees exactly what was consented (MR 3.3). In English and in Russian
(issue 13)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kpis import services
from kpis.models import Kpi, KpiValue, ReportingCycle
from tests.browser.conftest import (
    LOCALES,
    assert_language,
    assert_no_page_problems,
    in_languages,
    sign_in,
    speak,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def city(people):
    services.catalogue_load()
    sec = people.secretariat
    for code, target in (("EC: ICT: ICT: 1C", "90"), ("EC: ICT: ICT: 2C", "60")):
        services.kpi_set_benchmark(by=sec, kpi=Kpi.objects.get(code=code), target=Decimal(target))
    city = services.city_create(by=sec, name="Journeyville", slug="journeyville", country="Norway")
    services.steward_add(by=sec, city=city, person=people.participant)
    cycle = services.cycle_open(by=sec, city=city, year=2024)
    services.cycle_assign_verifier(by=sec, cycle=cycle, verifier=people.leader_x)
    return cycle


@in_languages("ru")
def test_steward_enters_verifier_verifies_public_sees_what_was_consented(new_page, people, city, language):
    one, two = Kpi.objects.get(code="EC: ICT: ICT: 1C"), Kpi.objects.get(code="EC: ICT: ICT: 2C")
    words = speak(people, language, people.participant.username, people.leader_x.username)
    p = words.prefix
    steward = new_page(locale=LOCALES[language], **PHONE)
    sign_in(steward, people.participant.username)
    steward.goto(f"{p}/kpis/my-work/")
    assert_language(steward, language)
    steward.get_by_role("link", name="Journeyville, 2024").click()
    steward.locator("main a[href$='/enter/economy/']").first.click()
    steward.locator(f"#f{one.pk}-num").fill("81")
    steward.locator(f"#f{one.pk}-den").fill("100")
    steward.locator(f"#f{one.pk}-q").select_option("measured")
    steward.locator(f"#f{two.pk}-num").fill("thirty")
    steward.locator(f"#f{two.pk}-den").fill("100")
    steward.locator(f"#f{two.pk}-q").select_option("survey")
    steward.get_by_role("button", name=words("Save this dimension")).click()
    expect(steward.locator(f"#kpi-{two.slug}")).to_contain_text(
        words("“%(text)s” is not a number.", text="thirty")
    )
    assert_language(steward, language, ("thirty",))
    assert not KpiValue.objects.exists()  # nothing saved until the whole page is valid
    steward.locator(f"#f{two.pk}-num").fill("30")
    steward.get_by_role("button", name=words("Save this dimension")).click()
    expect(steward.locator("main")).to_contain_text(words("%(r)s of %(t)s reported", r=2, t=45))
    assert_no_page_problems(steward)
    steward.goto(f"{p}/cities/journeyville/2024/")
    steward.get_by_role("button", name=words("Submit the data for verification")).click()
    expect(steward.locator("main")).to_contain_text(words("Data submitted"))
    assert_language(steward, language)

    verifier = new_page(locale=LOCALES[language])
    sign_in(verifier, people.leader_x.username)
    verifier.goto(f"{p}/cities/journeyville/2024/")
    verifier.get_by_role("button", name=words("Start the verification")).click()
    verifier.goto(f"{p}/cities/journeyville/2024/kpi/{one.slug}/")
    verifier.get_by_role("textbox", name=words("Question")).fill("Which survey?")
    verifier.get_by_role("button", name=words("Ask a question")).click()
    expect(verifier.locator("main")).to_contain_text("Which survey?")
    assert_language(verifier, language, ("Which survey?",))

    steward.goto(f"{p}/cities/journeyville/2024/kpi/{one.slug}/")
    steward.get_by_role("textbox", name=words("Reply")).fill("The 2023 household survey.")
    steward.get_by_role("button", name=words("Reply")).click()
    expect(steward.locator("main")).to_contain_text("The 2023 household survey.")

    for kpi in (one, two):
        verifier.goto(f"{p}/cities/journeyville/2024/kpi/{kpi.slug}/")
        verifier.get_by_label(words("Yes, verified")).check()
        verifier.get_by_role("button", name=words("Save the verdict")).click()
    expect(verifier.locator("main")).to_contain_text(words("Verified"))
    assert_language(verifier, language, ("Which survey?", "The 2023 household survey."))
    assert ReportingCycle.objects.get().is_published is False
    assert_no_page_problems(verifier)

    steward.goto(f"{p}/cities/journeyville/2024/consent/")
    assert_language(steward, language)
    steward.locator(f"input[name='{one.code}'][value='value']").check()
    steward.locator(f"input[name='{two.code}'][value='score']").check()
    steward.get_by_role("button", name=words("Save the choices")).click()
    steward.goto(f"{p}/cities/journeyville/2024/")
    steward.get_by_role("button", name=words("Publish (within the consent given)")).click()

    visitor = new_page(locale=LOCALES[language], **PHONE)
    visitor.goto(f"{p}/cities/journeyville/")
    main = visitor.locator("main")
    expect(main).to_contain_text("Household Internet Access")
    expect(main.locator("table").last).to_contain_text("81")
    expect(main).to_contain_text(words("score only"))
    expect(main).not_to_contain_text("30 %")
    assert_language(visitor, language)
    assert_no_page_problems(visitor)


def test_kpi_pages_have_no_serious_accessibility_violations(new_page, people, city):
    from tests.browser.test_accessibility import serious_violations

    page = new_page(**PHONE)
    sign_in(page, people.participant.username)
    found = []
    for url in (
        "/kpis/",
        "/kpis/ec-ict-ict-1c/",
        "/cities/journeyville/2024/",
        "/cities/journeyville/2024/enter/economy/",
    ):
        page.goto(url)
        found += serious_violations(page)
    assert not found, "\n".join(found)
