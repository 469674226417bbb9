"""Browser harness: Playwright for Python driving Debian's Chromium against a live server.

- One Chromium for all the browser tests (launching costs a second), one fresh context per test.
- Playwright never downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1): Chromium is
  /usr/bin/chromium (U4SSC_CHROMIUM overrides); tests marked `browser` skip with a reason when it
  is missing, and fail under U4SSC_REQUIRE_SERVICES=1 (tests/conftest.py).
- A failing test leaves a full-page screenshot in test-artifacts/<test name>.png.
- Every page is watched for Content-Security-Policy violations and JavaScript errors: a journey
  that triggers one fails (`page_problems`).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt

from tests.services import CHROMIUM, missing, skip_or_fail

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "correct-horse-battery"  # tests/cast.py


@pytest.fixture(scope="package")
def _playwright():
    """Playwright for the tests of this package only: it is stopped after the last browser test,
    so the event loop it runs in this thread does not outlive them."""
    reason = missing("browser")
    if reason:
        skip_or_fail(reason)
    # Playwright's sync API keeps an event loop running in this thread (in a greenlet); Django
    # would then refuse the test's own ORM calls, which are still plain synchronous ones.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_playwright):
    executable = CHROMIUM if os.path.exists(CHROMIUM) else "chromium"
    browser = _playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (own cookies) on the live server: new_page(**context_options)."""
    contexts = []

    def open_page(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on(
            "console",
            lambda msg: (
                page.problems.append(msg.text)
                if msg.type == "error" and ("Content Security Policy" in msg.text or "Refused" in msg.text)
                else None
            ),
        )
        page.on("pageerror", lambda exc: page.problems.append(f"JavaScript error: {exc}"))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def people(cast, settings):
    """The cast, with verified email addresses so that they sign in through the real form, and the
    second factor required as in production: the Secretariat has an authenticator app, whose
    codes `sign_in` computes at the second-factor stage."""
    settings.U4SSC_MFA_ENFORCED = True
    TOTP.activate(cast.secretariat, generate_totp_secret())
    RecoveryCodes.activate(cast.secretariat)
    for person in (
        cast.secretariat,
        cast.focal_a,
        cast.focal_b,
        cast.leader_x,
        cast.participant,
        cast.chair,
    ):
        EmailAddress.objects.update_or_create(
            user=person, email=person.email, defaults={"verified": True, "primary": True}
        )
    return cast


_spent_counters: set[tuple[int, int]] = set()


def totp_code(user) -> str:
    """A code of the person's authenticator app, as the phone shows it: each 30-second counter is
    used once (allauth refuses a replayed code), so sign-ins in a row take the next one (the
    server accepts one period either side, MFA_TOTP_TOLERANCE)."""
    secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
    while True:
        now = int(time.time()) // 30
        fresh = [c for c in (now - 1, now, now + 1) if (user.pk, c) not in _spent_counters]
        if fresh:
            counter = fresh[0]
            break
        time.sleep(1)  # three sign-ins within a minute: wait for the next code
    _spent_counters.add((user.pk, counter))
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form, as a person would, with the authenticator app's code
    when the person has one (the Secretariat in `people`)."""
    from people.models import Person

    page.goto("/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(totp_code(Person.objects.get(username=username)))
        page.locator("main form").filter(has=page.locator("input[name=code]")).locator(
            "button[type=submit]"
        ).click()
        page.wait_for_load_state()
        assert "/accounts/2fa/" not in page.url, f"{username} could not pass the second factor"
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def assert_no_page_problems(page) -> None:
    assert not page.problems, "\n".join(page.problems)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    browser = item.funcargs.get("browser")
    pages = [page for context in getattr(browser, "contexts", []) for page in context.pages]
    if not pages:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1])
    for i, page in enumerate(pages):
        try:
            path = ARTIFACTS / (f"{name}.png" if i == 0 else f"{name}-{i}.png")
            page.screenshot(path=str(path), full_page=True)
            report.sections.append(("screenshot", f"saved {path} ({page.url})"))
        except Exception as exc:  # a closed page cannot be photographed; say so and go on
            report.sections.append(("screenshot", f"no screenshot: {exc}"))


# The public site the accessibility and language tests read ---------------------------------------


@pytest.fixture
def public_site(people):
    """Published deliverables, a meeting, Partners and groups (as tests/browser/test_accessibility.py)."""
    from tests.browser.data import public_site_data

    return public_site_data(people)


@pytest.fixture
def whole_public_site(public_site, people):
    """The public site plus the KPI catalogue, the Index's demo cities and edition, and an open call
    for experts: every kind of public page has something to show."""
    import datetime as dt
    from types import SimpleNamespace

    from django.utils import timezone

    from kpis import services as kpi_services
    from portal.demo import index as index_demo
    from portal.demo import kpis as kpi_demo
    from thematic_groups import services as group_services

    kpi_services.catalogue_load()
    kpi_demo._targets(people.secretariat)
    roles = {"secretariat": people.secretariat, "steward": people.participant, "verifier": people.leader_x}
    index_demo.load(SimpleNamespace(created=0), roles, {})
    group_services.call_open(
        by=people.leader_x,
        deliverable=people.draft_x,
        title="Experts on city data platforms",
        description="Three experts on open urban data platforms.",
        closes_on=timezone.localdate() + dt.timedelta(days=20),
    )
    return public_site
