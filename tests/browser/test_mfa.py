"""Passkeys in a real browser: Chromium's virtual authenticator (DevTools WebAuthn domain) stands in
for a phone or security key with a resident credential and user verification. The Secretariat,
forced to set up a second factor, adds a passkey, then signs in with it alone; the password plus
the key works at the second-factor stage too; the MFA pages pass axe and the strict CSP. The two
journeys run in English and in Arabic, Spanish (issue 13)."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.browser.conftest import (
    LOCALES,
    PASSWORD,
    Words,
    assert_language,
    assert_no_page_problems,
    in_languages,
    speak,
)
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def passkey_ready(people, settings):
    """The Secretariat with no second factor yet (the `people` fixture gave it an app: removed),
    and WebAuthn allowed on the live server's plain-HTTP origin (tests only)."""
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    Authenticator.objects.filter(user=people.secretariat).delete()
    return people


def add_virtual_authenticator(page) -> str:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.cdp = cdp  # keep the session (and the authenticator) alive with the page
    return added["authenticatorId"]


def password_sign_in(page, username: str, words: Words | None = None) -> None:
    words = words or Words("en")
    page.goto("/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=words("Sign in"), exact=True).click()
    page.wait_for_load_state()


def sign_out(page, words: Words) -> None:
    page.goto(f"{words.prefix}/")
    page.get_by_role("button", name=re.compile(re.escape(words("Sign out")))).click()
    page.wait_for_load_state()


@in_languages("ar")
def test_the_secretariat_adds_a_passkey_and_signs_in_with_it(new_page, passkey_ready, language):
    secretariat = passkey_ready.secretariat
    words = speak(passkey_ready, language, "secretariat")
    page = new_page(locale=LOCALES[language])
    authenticator_id = add_virtual_authenticator(page)
    password_sign_in(page, "secretariat", words)
    # Forced to the second-factor page before anything else.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    expect(
        page.get_by_text(
            words("Your role needs a second factor: set up an authenticator app or a passkey to go on.")
        )
    ).to_be_visible()
    assert_language(page, language)
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))

    page.get_by_role("link", name=words("Add"), exact=True).click()
    # Changing one's factors asks for the password again.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    assert_language(page, language)
    page.get_by_label(words.field("Password")).fill(PASSWORD)
    page.get_by_role("button", name=words("Confirm")).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    assert_language(page, language)
    page.get_by_label(words.field("Name")).fill("Laptop passkey")
    page.get_by_label(words.field("Passwordless")).check()
    page.get_by_role("button", name=words("Add"), exact=True).click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    keys = Authenticator.objects.filter(user=secretariat, type=Authenticator.Type.WEBAUTHN)
    assert keys.count() == 1 and keys.get().data["name"] == "Laptop passkey"
    assert keys.get().wrap().is_passwordless  # a resident credential: it signs in on its own
    assert Authenticator.objects.filter(user=secretariat, type="recovery_codes").exists()
    credentials = page.cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1 and credentials["credentials"][0]["isResidentCredential"]
    assert_language(page, language, ("Laptop passkey",))

    page.goto("/admin/")
    expect(page.locator("#site-name")).to_contain_text(words("U4SSC Secretariat"))
    # The admin speaks the language; its registers' names are still English (verbose names).
    assert page.locator("html").get_attribute("lang") == language
    sign_out(page, words)

    # A passkey alone signs in: no password, no code.
    page.goto("/accounts/login/?next=/admin/")
    assert_language(page, language)
    page.get_by_role("button", name=words("Sign in with a passkey")).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect(page.locator("#site-name")).to_contain_text(words("U4SSC Secretariat"))
    assert_no_page_problems(page)


@in_languages("es")
def test_a_password_then_the_security_key_passes_the_second_factor_stage(new_page, passkey_ready, language):
    words = speak(passkey_ready, language, "secretariat")
    page = new_page(locale=LOCALES[language])
    add_virtual_authenticator(page)
    password_sign_in(page, "secretariat", words)
    page.get_by_role("link", name=words("Add"), exact=True).click()
    page.get_by_label(words.field("Password")).fill(PASSWORD)
    page.get_by_role("button", name=words("Confirm")).click()
    page.get_by_label(words.field("Name")).fill("Security key")
    page.get_by_role("button", name=words("Add"), exact=True).click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    sign_out(page, words)

    password_sign_in(page, "secretariat", words)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_language(page, language)
    assert language != "en" or not serious_violations(page)
    page.get_by_role("button", name=words("Use a security key")).click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    page.goto("/admin/")
    expect(page.locator("#site-name")).to_contain_text(words("U4SSC Secretariat"))
    assert page.locator("html").get_attribute("lang") == language
    assert_no_page_problems(page)


def test_the_second_factor_pages_have_no_serious_accessibility_violations(page, passkey_ready):
    add_virtual_authenticator(page)
    password_sign_in(page, "secretariat")
    problems = serious_violations(page)  # /accounts/2fa/ (the index)
    page.get_by_role("link", name="Activate").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    problems += serious_violations(page)
    page.goto("/accounts/2fa/webauthn/add/")
    problems += serious_violations(page)
    page.goto("/accounts/login/")
    problems += serious_violations(page)
    assert not problems, "\n".join(problems)
    assert_no_page_problems(page)
