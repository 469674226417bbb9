"""Browser harness: Playwright for Python driving Debian's Chromium against a live server.

- One Chromium for all the browser tests (launching costs a second), one fresh context per test.
- Playwright never downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1): Chromium is
  Debian's headless shell, /usr/bin/chromium-headless-shell, or /usr/bin/chromium where only that
  is installed (U4SSC_CHROMIUM overrides; tests/services.py); tests marked `browser` skip with a reason when it
  is missing, and fail under U4SSC_REQUIRE_SERVICES=1 (tests/conftest.py).
- A failing test leaves a full-page screenshot in test-artifacts/<test name>.png.
- Every page is watched for Content-Security-Policy violations and JavaScript errors: a journey
  that triggers one fails (`page_problems`).
- Every journey runs once in English and once in another of the UN languages (`JOURNEY_LANGUAGES`
  spreads the five): its people read the portal in that language (profile and browser locale,
  `speak`), it clicks the catalogue's words (`Words`) and checks `<html lang dir>` and the
  address's prefix (`assert_language`).
"""

from __future__ import annotations

import functools
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


_spent_counters: set[tuple[str, int]] = set()


def totp_code(user) -> str:
    """A code of the person's authenticator app, as the phone shows it: each 30-second counter is
    used once (allauth refuses a replayed code), so sign-ins in a row take the next one (the
    server accepts one period either side, MFA_TOTP_TOLERANCE). Each test's `people` has a new
    secret, so only sign-ins within one test share the three codes; allauth's record of the
    used codes is in the cache, emptied before each test."""
    secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
    while True:
        now = int(time.time()) // 30
        # The latest code first: it stays valid longest (a slow sign-in never outlives it).
        fresh = [c for c in (now + 1, now, now - 1) if (secret, c) not in _spent_counters]
        if fresh:
            counter = fresh[0]
            break
        time.sleep(1)  # three sign-ins within a minute: wait for the next code
    _spent_counters.add((secret, counter))
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


# The browser locale of each language (Accept-Language), and the second language of each journey:
# every journey runs in English and in one other, so that all five appear across the journeys.
LOCALES = {
    "en": "en-GB",
    "ar": "ar-EG",
    "zh-hans": "zh-CN",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "es": "es-ES",
}


def in_languages(other: str):
    """Run a journey in English and in `other` (a parameter named `language`)."""
    assert other in LOCALES and other != "en", other
    return pytest.mark.parametrize("language", ["en", other])


class Words:
    """The catalogue's words in one language, for the locators and the expectations of a journey:
    `words("Cast vote")`, `words("Clause %(label)s saved.", label="25")`, `words.n(...)`,
    `words.label(Ballot.Choice.YES)`; `words.prefix` is the address prefix ("" in English)."""

    def __init__(self, language: str):
        self.language = language
        self.prefix = "" if language == "en" else f"/{language}"

    def __call__(self, msgid: str, /, **params) -> str:
        from django.utils import translation
        from django.utils.translation import gettext

        with translation.override(self.language):
            text = gettext(msgid)
        if self.language != "en" and text == msgid:
            from django.utils.translation import trans_real

            assert msgid in trans_real.translation(self.language)._catalog, (
                f"{msgid!r} has no translation into {self.language}"
            )
        return text % params if params else text

    def n(self, singular: str, plural: str, number: int, /, **params) -> str:
        from django.utils import translation
        from django.utils.translation import ngettext

        with translation.override(self.language):
            text = ngettext(singular, plural, number)
        return text % params if params else text

    def pgettext(self, context: str, msgid: str, /, **params) -> str:
        from django.utils import translation
        from django.utils.translation import pgettext

        with translation.override(self.language):
            text = pgettext(context, msgid)
        return text % params if params else text

    @staticmethod
    def read(message: str) -> str:
        """A message that holds markup, as the page reads it (tags dropped, entities decoded)."""
        import html

        return html.unescape(re.sub(r"<[^>]+>", "", message))

    @staticmethod
    def first_link(message: str) -> str:
        """The text of the first link in a message that holds one (`<a href=...>...</a>`)."""
        return re.search(r"<a [^>]*>(.*?)</a>", message).group(1)

    def text(self, msgid: str, /, **params) -> str:
        return self.read(self(msgid, **params))

    def part(self, msgid: str, /) -> str:
        """The longest literal run of a message with placeholders, in this language, for a message
        whose values (a date, a name) the test does not spell out."""
        runs = re.split(r"%\(\w+\)[sd]", self.read(self(msgid)).replace("%%", "%"))
        return max((run.strip(" .,:;") for run in runs), key=len)

    def field(self, msgid: str, /, **params) -> re.Pattern:
        """A form field's label, as Django writes it (with the language's label suffix: "Title:",
        "Titre :", "标题：")."""
        return re.compile(rf"^\s*{re.escape(self(msgid, **params))}\s*[:：]?\s*$")

    def anchor(self, msgid: str, /, **params) -> str:
        return self.first_link(self(msgid, **params))

    def label(self, lazy) -> str:
        """A model choice's label, a lazy string or a date format, rendered in this language."""
        from django.utils import translation

        with translation.override(self.language):
            return str(getattr(lazy, "label", lazy))

    def date(self, value, format_name: str = "DATE_FORMAT") -> str:
        from django.utils import formats, translation

        with translation.override(self.language):
            return formats.date_format(value, format_name)


def speak(people, language: str, *usernames: str) -> Words:
    """The people of a journey read the portal in `language` (their profile's language, which
    signing in applies): the catalogue's words in it."""
    from people import services
    from people.models import Person

    for person in Person.objects.filter(username__in=usernames):
        services.person_update_profile(person=person, language=language)
    return Words(language)


@functools.cache
def _english_phrases() -> tuple[str, ...]:
    """The catalogue's English phrases of two words or more (the literal runs of three words or
    more in messages with placeholders): one of them on a page in another language is English left
    there. Single words are left out ("Status" is also a name)."""
    import polib

    catalogue = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    phrases = set()
    for entry in polib.pofile(str(catalogue)):
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if "<" in msgid or "\n" in msgid:
                continue
            runs = re.split(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}", msgid)
            for run in runs:
                run = run.strip(" .,:;()—–-")
                minimum = 2 if len(runs) == 1 else 3
                if len(run.split()) >= minimum and re.search("[a-z]", run):
                    phrases.add(run)
    return tuple(sorted(phrases, key=len, reverse=True))


_WORD = re.compile(r"\w")
_WORD_START = re.compile(r"(?<!\w)\w+")


@functools.cache
def _phrases_by_first_word() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The phrases by their first word, longest first (a page's text is read word by word instead
    of searched once for each of ~2,000 phrases); those that start with no word stand apart."""
    by_first_word: dict[str, list[str]] = {}
    others = []
    for phrase in _english_phrases():
        first = re.match(r"\w+", phrase)
        if first:
            by_first_word.setdefault(first.group(0), []).append(phrase)
        else:
            others.append(phrase)
    return {word: tuple(phrases) for word, phrases in by_first_word.items()}, tuple(others)


ENGLISH_MONTHS = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}\b"
)


def english_left(page, content: tuple[str, ...] = ()) -> list[str]:
    """The English phrases of the catalogue, and the dates in English, on a page in another
    language; `content` is text the test itself wrote in English (titles, comments), and the
    names of the groups and Partners are names (a select's options cannot mark them `lang="en"`),
    and so is the ToR's title (in the window's title, which cannot)."""
    from governance.models import Partner, ToRVersion
    from thematic_groups.models import ThematicGroup

    text = " ".join(page.evaluate(_PAGE_TEXT).split())
    names = [
        *ThematicGroup.objects.values_list("title_en", flat=True),
        *Partner.objects.values_list("name", flat=True),
        *ToRVersion.objects.values_list("title_en", flat=True),  # in the <title>, which has no lang
    ]
    for written in (*content, *sorted(names, key=len, reverse=True)):  # names of groups and Partners
        text = text.replace(" ".join(written.split()), " ")
    found = []
    by_first_word, others = _phrases_by_first_word()
    seen = set()
    for start in _WORD_START.finditer(text):
        at = start.start()
        for phrase in by_first_word.get(start.group(0), ()):
            # Whole words only: "held on" (a label) is not English left in "be held online".
            end = at + len(phrase)
            if phrase not in seen and text.startswith(phrase, at) and not _WORD.match(text, end):
                seen.add(phrase)
                found.append(f"{phrase!r} in …{text[max(0, at - 40) : end + 40]}…")
                break
    for phrase in others:
        match = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
        if match:
            found.append(f"{phrase!r} in …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    found += [match.group(0) for match in ENGLISH_MONTHS.finditer(text)]
    return found


# The text of the page a person reads or hears (the visually hidden text too, and the attributes a
# screen reader says), less the parts marked as being in another language (`lang="en"` on content
# shown in English for want of a translation, kernel/templatetags/content_language.py; the language
# switcher's own names).
_PAGE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  const lang = document.documentElement.lang;
  body.querySelectorAll("script, style, template, svg, [lang]").forEach((node) => {
    if (node.tagName !== "svg" && node.getAttribute && node.getAttribute("lang") === lang) return;
    node.remove();
  });
  const said = [];
  body.querySelectorAll("[aria-label], [title], [placeholder], img[alt]").forEach((node) => {
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      if (node.getAttribute(name)) said.push(node.getAttribute(name));
    }
  });
  return document.title + " " + body.textContent + " " + said.join(" ");
}"""


def assert_language(page, language: str, content: tuple[str, ...] = ()) -> None:
    """The page is in `language`: its `<html lang>` (and `dir` in Arabic) and its address's prefix
    (none in English; the admin and /accounts/ have none in any language); in another language, no
    English phrase of the catalogue and no date in English is left on it (`english_left`)."""
    html = page.locator("html")
    assert html.get_attribute("lang") == language, (html.get_attribute("lang"), page.url)
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr"), page.url
    path = page.url.split("://", 1)[-1].partition("/")[2]
    unprefixed = path.startswith(("admin/", "accounts/", "api/"))
    if language == "en" or unprefixed:
        assert not any(path.startswith(f"{code}/") for code in LOCALES), page.url
    else:
        assert path.startswith(f"{language}/"), page.url
    if language != "en":
        left = english_left(page, content)
        assert not left, f"English on {page.url} in {language}: {left}"


def link_in_last_mail_to(address: str, contains: str) -> str:
    """The path of the link containing `contains` in the last email sent to `address`."""
    from urllib.parse import urlparse

    from django.core import mail

    for message in reversed(mail.outbox):
        if address in message.to:
            for url in re.findall(r"https?://\S+", message.body):
                if contains in url:
                    return urlparse(url).path
            raise AssertionError(f"No link with {contains!r} in: {message.body}")
    raise AssertionError(f"No email to {address}; sent to: {[m.to for m in mail.outbox]}")


def choose(select, text) -> None:
    """Choose the option of a <select> whose text matches `text` (a string or a pattern)."""
    option = select.locator("option").filter(has_text=text).first
    select.select_option(value=option.get_attribute("value"))


def pdf_text(path: str) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def tor_in_force(people):
    import datetime as dt

    from governance.services.tor_load import tor_version_load_from_text
    from governance.tor_text import reference_text

    return tor_version_load_from_text(text=reference_text(), number=1, adopted_on=dt.date(2023, 5, 10))


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
