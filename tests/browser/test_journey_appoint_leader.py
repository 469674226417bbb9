"""Issue 19's journey, clicking through the real pages: the Chair proposes a Leader for a Thematic
Group, the Secretariat concurs from its Waiting-for-you list, and the new Leader sees the role in
My roles (ToR 19, 28); in English and in French (issue 13)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from governance.models import Mandate
from tests.browser.conftest import (
    LOCALES,
    assert_language,
    assert_no_page_problems,
    in_languages,
    sign_in,
    speak,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@in_languages("fr")
def test_the_chair_appoints_a_leader_and_the_secretariat_concurs(new_page, people, language):
    nominee = people.participant
    EmailAddress.objects.update_or_create(user=nominee, email=nominee.email, defaults={"verified": True})
    words = speak(people, language, "chair", "secretariat", nominee.username)
    name = nominee.get_full_name()

    chair = new_page(locale=LOCALES[language])
    sign_in(chair, "chair")
    chair.goto(f"{words.prefix}/groups/{people.group_y.slug}/")
    chair.get_by_role("link", name=words("Appoint a Leader (ToR 19)")).click()
    chair.get_by_label(words.field("Email address of the person you appoint")).fill(nominee.email)
    chair.get_by_role("button", name=words("Propose to the Secretariat")).click()
    expect(chair.locator("main")).to_contain_text(
        words(
            "You proposed %(person)s as Leader of %(group)s. The Secretariat has been asked to concur (ToR 19); "
            "the mandate starts when it does, and you will be told.",
            person=name,
            group=people.group_y.title,
        )
    )
    expect(chair.locator("main")).to_contain_text(
        words("Proposed by %(by)s, waiting for the Secretariat", by=people.chair.get_full_name())
    )
    assert_language(chair, language, (name, nominee.email, people.chair.get_full_name(), "Leader_Y Tester"))
    assert_no_page_problems(chair)

    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(f"{words.prefix}/me/")
    assert_language(secretariat, language, (name,))
    waiting = (
        "The Chair proposed %(person)s as Leader of %(group)s: the Secretariat's concurrence is needed (ToR 19)"
        ' — <a href="%(url)s">concur or decline</a>.'
    )
    secretariat.get_by_role(
        "link", name=words.anchor(waiting, person=name, group="", url=""), exact=True
    ).click()
    secretariat.get_by_role("button", name=words("Concur: appoint %(person)s", person=name)).click()
    expect(secretariat.get_by_text(words("No proposal is waiting for the Secretariat."))).to_be_visible()
    mandate = Mandate.objects.get(person=nominee, role=Mandate.Role.LEADER)
    assert (mandate.status, mandate.proposed_by, mandate.concurred_by) == (
        Mandate.Status.ACTIVE,
        people.chair,
        people.secretariat,
    )
    expect(secretariat.locator("main")).to_contain_text(  # the dates as the language writes them
        words(
            "%(person)s is Leader of %(thematic_group)s from %(starts_on)s to %(last_day)s. "
            "The Leader, the Chair and the Secretariat are told.",
            person=name,
            thematic_group=people.group_y.title,
            starts_on=words.date(mandate.starts_on),
            last_day=words.date(mandate.last_day),
        )
    )
    assert_language(secretariat, language, (name,))
    assert_no_page_problems(secretariat)

    leader = new_page(locale=LOCALES[language])
    sign_in(leader, nominee.username)
    leader.goto(f"{words.prefix}/me/")
    mandates = leader.locator("main table").first
    expect(mandates).to_contain_text(words.label(Mandate.Role.LEADER))
    expect(mandates).to_contain_text(people.group_y.title)
    assert_language(leader, language, (name,))
    assert_no_page_problems(leader)


def test_the_appointment_pages_have_no_serious_accessibility_violations(new_page, people):
    """The Chair's page (empty and sent back with an error) and the Secretariat's concurrence page."""
    from governance import services as gov
    from tests.browser.test_accessibility import serious_violations

    gov.mandate_propose_leader(by=people.chair, person=people.participant, thematic_group=people.group_y)
    chair = new_page()
    sign_in(chair, "chair")
    url = f"/groups/{people.group_x.slug}/leaders/propose/"
    assert chair.goto(url).status == 200
    problems = serious_violations(chair)
    chair.get_by_role("button", name="Propose to the Secretariat").click()
    chair.wait_for_load_state()
    assert chair.locator(".error-summary").is_visible()
    problems += serious_violations(chair)
    secretariat = new_page()
    sign_in(secretariat, "secretariat")
    assert secretariat.goto("/leaders/proposals/").status == 200
    problems += serious_violations(secretariat)
    assert_no_page_problems(chair)
    assert_no_page_problems(secretariat)
    assert not problems, "\n".join(problems)
