"""Issue 9's journey (issue 13: in English and in Spanish): the Secretariat invites a focal point;
the invitee follows the emailed link, sets a password, is signed in and votes for their Partner."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Ballot, Decision
from people.models import Invitation
from tests.browser.conftest import (
    LOCALES,
    assert_language,
    assert_no_page_problems,
    in_languages,
    link_in_last_mail_to,
    sign_in,
    speak,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


@in_languages("es")
def test_an_invited_focal_point_accepts_and_votes_for_their_partner(new_page, people, language):
    from governance import services

    words = speak(people, language, "secretariat")
    question = "Shall the Partners endorse the Hub reporting template?"
    decision = services.decision_open(
        by=people.secretariat,
        kind=Decision.Kind.OTHER,
        question=question,
        deadline=timezone.now() + dt.timedelta(days=7),
    )

    secretariat = new_page(locale=LOCALES[language])
    sign_in(secretariat, "secretariat")
    secretariat.goto(f"{words.prefix}/invitations/")
    secretariat.get_by_role("link", name=words("Invite someone")).first.click()
    expect(secretariat.locator("main h1")).to_have_text(words("Invite someone"))
    assert_language(secretariat, language)
    secretariat.get_by_label(words.field("Email address")).fill("amina.diallo@undp.example")
    secretariat.get_by_label(words.field("First name")).fill("Amina")
    secretariat.get_by_label(words.field("Last name")).fill("Diallo")
    secretariat.get_by_label(words.field("Role")).select_option(
        label=words.label(Invitation.Role.FOCAL_POINT)
    )
    secretariat.get_by_label(words.field("Partner")).select_option(label=people.partner_b.acronym)
    secretariat.get_by_label(words.field("Position in the Partner organisation")).fill("Programme Officer")
    secretariat.get_by_role("button", name=words("Send invitation")).click()
    expect(secretariat.get_by_text("amina.diallo@undp.example").first).to_be_visible()
    expect(secretariat.locator("main")).to_contain_text(
        words.part("Invitation sent to %(email)s as %(role)s.")
    )
    assert_no_page_problems(secretariat)

    # The invitee, whose browser speaks the language, follows the emailed link.
    link = link_in_last_mail_to("amina.diallo@undp.example", "/invitations/accept/")
    invitee = new_page(locale=LOCALES[language])
    invitee.goto(link)
    expect(invitee.locator("main h1")).to_have_text(words("Accept your invitation"))
    assert_language(invitee, language)
    expect(invitee.get_by_label(words.field("First name"))).to_have_value("Amina")
    invitee.get_by_label(words.field("Country")).fill("United States")
    invitee.get_by_label(words.field("Password")).fill(NEW_PASSWORD)
    invitee.get_by_label(words.field("Password (again)")).fill(NEW_PASSWORD)
    invitee.get_by_role("button", name=words("Create account")).click()
    expect(invitee.get_by_text(words.part("Welcome to U4SSC. You are now %(role_label)s."))).to_be_visible()

    invitee.goto(f"{words.prefix}/decisions/")
    assert_language(invitee, language, (question,))
    invitee.get_by_role("link", name=re.compile("Hub reporting template")).first.click()
    expect(
        invitee.get_by_role("heading", name=words("%(partner)s's ballot", partner=people.partner_b.name))
    ).to_be_visible()
    invitee.get_by_label(words.label(Ballot.Choice.YES), exact=True).check()
    invitee.get_by_role("button", name=words("Cast vote")).click()
    receipt = invitee.locator("#receipt-code")
    expect(receipt).to_be_visible()
    assert_language(invitee, language, (question, people.partner_b.name))
    ballot = Ballot.objects.select_related("cast_by").get(decision=decision, partner=people.partner_b)
    assert ballot.choice == "yes" and ballot.cast_by.email == "amina.diallo@undp.example"
    expect(receipt).to_have_text(ballot.receipt_code)
    assert_no_page_problems(invitee)
