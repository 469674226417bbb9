"""Every public page, visitor form and signed-in form in Arabic passes axe (tests/browser/languages.py)."""

from __future__ import annotations

import pytest

from tests.browser.languages import (
    every_public_page_and_visitor_form_pass_axe,
    the_forms_people_fill_pass_axe,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_public_page_and_visitor_form_passes_axe_in_arabic(new_page, whole_public_site):
    every_public_page_and_visitor_form_pass_axe(new_page, whole_public_site, "ar")


def test_the_forms_people_fill_pass_axe_in_arabic(new_page, whole_public_site, people):
    the_forms_people_fill_pass_axe(new_page, whole_public_site, people, "ar")
