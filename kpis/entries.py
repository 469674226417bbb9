"""One KPI entry checked the same way wherever it comes from: the entry pages, the .xlsx or CSV
sheet, the services. `clean_entry(kpi, raw)` turns what a person typed (strings, numbers, booleans)
into the fields of a KpiValue, or returns every problem by column, so a sheet can report each one
by KPI code and column.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from kernel.bounds import COMMENT_MAX_CHARS
from kpis.models import Kpi, KpiValue

# The columns a person fills (the sheet's, in this order, after code, name and unit).
ENTRY_COLUMNS = (
    "not_reported",
    "numerator",
    "denominator",
    "value",
    "data_quality",
    "source",
    "data_year",
    "notes",
    "sensitive",
)
MAX_ABS = Decimal("1e17")
TRUE_WORDS = {"1", "true", "yes", "y", "x", "✓", "nr", "not reported"}
FALSE_WORDS = {"", "0", "false", "no", "n"}
PERCENT_UNITS = {"percentage", "%"}


@dataclass
class Entry:
    """A checked entry: `fields` to save on the KpiValue, or `errors` by column."""

    fields: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    empty: bool = False  # nothing typed at all: nothing to save

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


@functools.cache
def _words_in_every_language(*words: str) -> frozenset[str]:
    """`words` as the six languages write them (a sheet downloaded in Spanish says «sí», and may
    be uploaded by a colleague reading in English)."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found |= {gettext(word).strip().lower() for word in words}
    return frozenset(found)


@functools.cache
def _quality_labels() -> dict[str, str]:
    """Each data-quality label, in each of the six languages, to its code."""
    labels = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels |= {str(label).strip().lower(): value for value, label in KpiValue.Quality.choices}
    return labels


def _boolean(raw, column: str, errors: dict) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    if text in TRUE_WORDS or text in _words_in_every_language("yes", "not reported"):
        return True
    if text in FALSE_WORDS or text in _words_in_every_language("no"):
        return False
    errors[column] = _("Enter yes or no (or leave it empty), not “%(text)s”.") % {"text": _text(raw)[:40]}
    return False


def _number(raw, column: str, errors: dict) -> Decimal | None:
    if isinstance(raw, bool):
        errors[column] = _("Enter a number.")
        return None
    if isinstance(raw, (int, Decimal)):
        number = Decimal(raw)
    else:
        text = _text(raw).replace(" ", "").replace("\u00a0", "")
        if text == "":
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            errors[column] = _("“%(text)s” is not a number.") % {"text": text[:40]}
            return None
    if not number.is_finite() or abs(number) >= MAX_ABS:
        errors[column] = _("Enter a finite number below 10^17.")
        return None
    return number.quantize(Decimal("0.000001"))


def quality_choice(raw) -> str | None:
    """A data quality given by its code or its label (any case)."""
    text = _text(raw).lower()
    if text in KpiValue.Quality.values:
        return text
    return _quality_labels().get(text)


def clean_entry(kpi: Kpi, raw: dict) -> Entry:
    """Check one KPI's entry. `raw` maps ENTRY_COLUMNS to what was typed (missing keys: empty)."""
    entry = Entry()
    errors = entry.errors
    typed = {c: raw.get(c) for c in ENTRY_COLUMNS}
    flags = ("not_reported", "sensitive")
    if all(typed[c] is False or _text(typed[c]).lower() in FALSE_WORDS for c in flags) and all(
        _text(typed[c]) == "" for c in ENTRY_COLUMNS if c not in flags
    ):
        entry.empty = True
        entry.fields = {
            "not_reported": False,
            "numerator": None,
            "denominator": None,
            "value": None,
            "data_quality": "",
            "source": "",
            "data_year": None,
            "notes": "",
            "sensitive": False,
        }
        return entry

    not_reported = _boolean(typed["not_reported"], "not_reported", errors)
    numerator = _number(typed["numerator"], "numerator", errors)
    denominator = _number(typed["denominator"], "denominator", errors)
    value = _number(typed["value"], "value", errors)
    sensitive = _boolean(typed["sensitive"], "sensitive", errors)

    if not_reported:
        for column, number in (("numerator", numerator), ("denominator", denominator), ("value", value)):
            if number is not None:
                errors[column] = _("A KPI marked “not reported” has no figures: clear this cell.")
        numerator = denominator = value = None
    elif kpi.computed:
        if numerator is not None or denominator is not None:
            if value is not None:
                errors["value"] = _(
                    "The value is computed from the numerator and the denominator: leave it empty."
                )
            if numerator is None and "numerator" not in errors:
                errors["numerator"] = _("Enter the numerator (or only the value, if you have no numerator).")
            if denominator is None and "denominator" not in errors:
                errors["denominator"] = _("Enter the denominator.")
            elif denominator == 0:
                errors["denominator"] = _("The denominator cannot be zero.")
            if numerator is not None and denominator not in (None, Decimal(0)) and not errors:
                value = (numerator / denominator * kpi.multiplier).quantize(Decimal("0.000001"))
        elif value is None and not errors.get("value"):
            errors["value"] = _(
                "Enter the numerator and the denominator, the value, or mark it not reported."
            )
    else:
        for column, number in (("numerator", numerator), ("denominator", denominator)):
            if number is not None:
                errors[column] = _(
                    "This KPI is not computed from a numerator and a denominator: clear this cell."
                )
        numerator = denominator = None
        if value is None and "value" not in errors:
            errors["value"] = _("Enter the value, or mark the KPI not reported.")

    out_of_range = value is not None and not Decimal(0) <= value <= Decimal(100)
    if out_of_range and kpi.unit.strip().lower() in PERCENT_UNITS:
        column = "value" if _text(typed["value"]) else "numerator"
        errors[column] = _("A percentage is between 0 and 100; this is %(value)s.") % {
            "value": f"{value.normalize():f}"
        }
    if value is not None and abs(value) >= MAX_ABS:
        errors["value"] = _("Enter a finite number below 10^17.")

    quality_text = _text(typed["data_quality"])
    quality = quality_choice(quality_text) if quality_text else ""
    if quality is None:
        errors["data_quality"] = _("Choose one of: %(choices)s.") % {
            "choices": "; ".join(str(label) for _code, label in KpiValue.Quality.choices)
        }
    elif not quality and not not_reported:
        errors["data_quality"] = _("Choose the data quality.")

    year_text = _text(typed["data_year"])
    data_year = None
    if year_text:
        latest = timezone.localdate().year
        if not year_text.isdigit() or not 1990 <= int(year_text) <= latest:
            errors["data_year"] = _("Enter a year from 1990 to %(latest)s.") % {"latest": latest}
        else:
            data_year = int(year_text)

    source = _text(typed["source"])
    if len(source) > 500:
        errors["source"] = _("At most 500 characters.")
    notes = _text(typed["notes"])
    if len(notes) > COMMENT_MAX_CHARS:
        errors["notes"] = _("At most %(limit)s characters.") % {"limit": COMMENT_MAX_CHARS}

    entry.fields = {
        "not_reported": not_reported,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "data_quality": quality or "",
        "source": source,
        "data_year": data_year,
        "notes": notes,
        "sensitive": sensitive,
    }
    return entry
