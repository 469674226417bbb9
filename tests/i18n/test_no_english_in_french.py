"""A French reader stays in French (issue 13): the main public pages under /fr/ show no English month
name (dates are formatted in the active language: `date_format(value, "DATE_FORMAT")`, `|date`),
and every link within the site keeps the /fr/ prefix, so following one never lands in English.

Unprefixed by design (u4ssc/urls.py, kernel/i18n.py): /admin/, /accounts/, /api/, /i18n/ (the
switcher's form), /static/ and /media/ files; and the hreflang alternates, which name each
language's own address (English's has no prefix)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import translation

from governance.models import Partner
from kernel.bounds import date_message, not_in_future
from kernel.lifecycle import DomainError

ENGLISH_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
UNPREFIXED = ("/admin/", "/accounts/", "/api/", "/i18n/", "/static/", "/media/")
SITE = ("http://testserver/", "https://testserver/")


class Links(HTMLParser):
    """The addresses within the site named by href, src and action, and the visible text outside
    scripts and outside content marked as English (`lang="en"`: what has no French version)."""

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []
        self.text: list[str] = []
        self._skip = 0
        self._english: list[str] = []  # the tag that opened lang="en", repeated for each nested one

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if attrs.get("lang") == "en" or (self._english and tag == self._english[0]):
            self._english.append(tag)
        if "hreflang" in attrs:
            return
        for name in ("href", "src", "action"):
            value = attrs.get(name)
            if not value:
                continue
            for site in SITE:
                if value.startswith(site):
                    value = value[len(site) - 1 :]
            if value.startswith("/") and not value.startswith("//"):
                self.addresses.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if self._english and tag == self._english[-1]:
            self._english.pop()

    def handle_data(self, data):
        if not self._skip and not self._english:
            self.text.append(data)


def public_pages(fifth) -> list[str]:
    secretariat = Partner.objects.filter(is_secretariat=True).order_by("acronym").first()
    return [
        "/fr/",
        "/fr/tor/",
        "/fr/partners/",
        f"/fr/partners/{secretariat.slug}/",
        "/fr/deliverables/",
        "/fr/groups/",
        "/fr/calls/",
        "/fr/workplans/",
        "/fr/meetings/",
        f"/fr/meetings/{fifth.meeting.slug}/",
        "/fr/decisions/",
        "/fr/cities/",
        "/fr/kpis/",
    ]


def read(client: Client, path: str, status: int = 200) -> Links:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    page = Links()
    page.feed(response.content.decode())
    return page


def test_the_french_pages_show_no_english_month_and_keep_the_prefix(cast, tor_v1, fifth):
    client = Client()
    checked = 0
    for path in public_pages(fifth):
        page = read(client, path)
        text = " ".join(page.text)
        assert not ENGLISH_MONTH.search(text), (path, ENGLISH_MONTH.findall(text))
        wrong = [a for a in page.addresses if not a.startswith("/fr/") and not a.startswith(UNPREFIXED)]
        assert not wrong, (path, wrong)
        checked += len(page.addresses)
    assert checked > 100  # the pages were read and their links found, not an empty pass


def test_the_error_page_links_stay_in_french(cast):
    page = read(Client(), "/fr/no-such-page/", status=404)
    wrong = [a for a in page.addresses if not a.startswith("/fr/") and not a.startswith(UNPREFIXED)]
    assert not wrong, wrong
    assert "/fr/deliverables/" in page.addresses and "/fr/meetings/" in page.addresses


def test_dates_in_messages_follow_the_active_language(cast):
    """Dates put into messages by Python (refusals, confirmations, names in the admin) are formatted
    in the reader's language, not with strftime's English month names."""
    with translation.override("fr"):
        refusal = date_message(dt.date(1999, 12, 31))
        with pytest.raises(DomainError) as future:
            not_in_future(dt.date.today() + dt.timedelta(days=400), what="La date")
        mandate = str(cast.vice_chair_mandate)
    assert refusal.startswith("31 décembre 1999 n'est pas une date plausible ici")
    assert "1 janvier 2000" in refusal
    assert not ENGLISH_MONTH.search(str(future.value)) and re.search(r"\d{4}\)\.$", str(future.value))
    assert not ENGLISH_MONTH.search(mandate) and mandate.startswith("Vice-président")
    with translation.override("en"):
        assert "1 January 2000" in date_message(dt.date(1999, 12, 31))
