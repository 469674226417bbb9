"""Issue 9's journey (issue 13: in English and in French): a visitor signs up as a participant,
confirms the email, signs in and registers for an annual meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Registration
from tests.browser.conftest import (
    LOCALES,
    Words,
    assert_language,
    assert_no_page_problems,
    in_languages,
    link_in_last_mail_to,
    sign_in,
)
from tests.browser.data import annual_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


@in_languages("fr")
def test_a_visitor_signs_up_confirms_the_email_and_registers_for_a_meeting(new_page, people, language):
    words = Words(language)
    meeting = annual_meeting(
        people,
        title="Eighth U4SSC meeting",
        slug="eighth-u4ssc-meeting",
        starts_at=timezone.now() + dt.timedelta(days=40),
        published=True,
    )
    page = new_page(locale=LOCALES[language])  # a visitor whose browser speaks the language
    page.goto("/accounts/login/")
    assert_language(page, language)
    invitation = (
        'Sign in with your username or email address. New to U4SSC? <a href="%(signup_url)s">Create an account</a>'
        " to take part as an expert."
    )
    page.locator("main").get_by_role("link", name=words.anchor(invitation, signup_url="")).click()
    expect(page.locator("main h1")).to_have_text(words("Create an account"))
    page.get_by_label(words.field("Email")).fill("lena.berg@umea.example")
    page.get_by_label(words.field("Username")).fill("lena")
    page.get_by_label(words.field("Password")).fill(NEW_PASSWORD)
    page.get_by_label(words.field("Password (again)")).fill(NEW_PASSWORD)
    page.get_by_label(words.field("First name")).fill("Lena")
    page.get_by_label(words.field("Last name")).fill("Berg")
    page.get_by_label(words.field("Organisation")).fill("City of Umeå")
    page.get_by_label(words.field("Country")).fill("Sweden")
    page.get_by_label(words.field("Fields of expertise")).fill("Smart city indicators; urban mobility")
    page.get_by_role("button", name=words("Create account")).click()
    expect(page.locator("main h1")).to_have_text(words("Check your email"))
    assert_language(page, language, ("lena.berg@umea.example",))

    page.goto(link_in_last_mail_to("lena.berg@umea.example", "/accounts/confirm-email/"))
    assert_language(page, language, ("lena.berg@umea.example",))
    page.get_by_role("button", name=words("Confirm email address")).click()
    page.wait_for_load_state()
    sign_in(page, "lena.berg@umea.example", NEW_PASSWORD)

    page.get_by_role("navigation", name=words("Main")).get_by_role("link", name=words("Meetings")).click()
    page.get_by_role("link", name="Eighth U4SSC meeting").first.click()
    expect(page.locator("main h1")).to_have_text("Eighth U4SSC meeting")
    assert_language(page, language, ("Eighth U4SSC meeting", meeting.agenda, meeting.introduction))
    register = page.get_by_role(
        "region", name=words.pgettext("verb: sign up to attend a meeting", "Register")
    )
    expect(register.get_by_label(words.field("Full name"))).to_have_value("Lena Berg")
    expect(register.get_by_label(words.field("Organisation"))).to_have_value("City of Umeå")
    register.get_by_role(
        "button", name=words.pgettext("verb: sign up to attend a meeting", "Register")
    ).click()
    expect(
        page.get_by_text(
            words.part(
                "Thank you: you are registered. The Secretariat will confirm your registration by email."
            )
        )
    ).to_be_visible()
    registration = Registration.objects.select_related("person").get(meeting=meeting)
    assert registration.person.username == "lena"
    assert (registration.person.organisation, registration.person.country) == ("City of Umeå", "Sweden")
    assert registration.status == Registration.Status.PENDING
    assert_no_page_problems(page)
