"""Issue 19's journey, clicking through the real pages: the Chair proposes a Leader for a Thematic
Group, the Secretariat concurs from its Waiting-for-you list, and the new Leader sees the role in
My roles (ToR 19, 28)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from governance.models import Mandate
from tests.browser.conftest import assert_no_page_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_appoints_a_leader_and_the_secretariat_concurs(new_page, people):
    nominee = people.participant
    EmailAddress.objects.update_or_create(user=nominee, email=nominee.email, defaults={"verified": True})

    chair = new_page()
    sign_in(chair, "chair")
    chair.goto(f"/groups/{people.group_y.slug}/")
    chair.get_by_role("link", name="Appoint a Leader (ToR 19)").click()
    chair.get_by_label("Email address of the person you appoint").fill(nominee.email)
    chair.get_by_role("button", name="Propose to the Secretariat").click()
    expect(chair.locator("main")).to_contain_text("The Secretariat has been asked to concur")
    expect(chair.locator("main")).to_contain_text("waiting for the Secretariat")
    assert_no_page_problems(chair)

    secretariat = new_page()
    sign_in(secretariat, "secretariat")
    secretariat.goto("/me/")
    secretariat.get_by_role("link", name="concur or decline").click()
    secretariat.get_by_role("button", name=f"Concur: appoint {nominee.get_full_name()}").click()
    expect(secretariat.locator("main")).to_contain_text(f"{nominee.get_full_name()} is Leader of U4SSC Index")
    assert_no_page_problems(secretariat)

    mandate = Mandate.objects.get(person=nominee, role=Mandate.Role.LEADER)
    assert (mandate.status, mandate.proposed_by, mandate.concurred_by) == (
        Mandate.Status.ACTIVE,
        people.chair,
        people.secretariat,
    )

    leader = new_page()
    sign_in(leader, nominee.username)
    leader.goto("/me/")
    mandates = leader.locator("main table").first
    expect(mandates).to_contain_text("Thematic Group Leader")
    expect(mandates).to_contain_text("U4SSC Index")
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
