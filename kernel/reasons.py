"""Why a record changed, stored as a fact and worded when someone reads it (issue 13).

The history's change reason (simple-history, a CharField of 100) keeps a short code and its
values, never an English sentence:

    deliverable.published
    decision.extended|2026-12-01T11:00Z|2026-12-08T11:00Z
    mandate.declined|the text the Secretariat typed, as typed

Each register declares its reasons in `<app>/reasons.py`:

    EXTENDED = ChangeReason("decision.extended", _("Deadline extended from %(was)s to %(until)s"),
                            "was", "until", dates={"was", "until"})

and a service records `reason=EXTENDED(was=previous, until=deadline)`. `said(stored)` (the template
filter `|reason`) words it in the active language: dates in the reader's format, a choice by its
label, anything a person typed as typed.
`dates` take a datetime (stored in UTC to the minute) or a date. A row written before the codes (an English sentence) or
with a code nobody declares is shown as stored.

Values are joined by "|" in the declared order; the last one may hold anything (a person's text),
the others never hold "|". The whole fits the column: the last value is shortened when it must.
"""

from __future__ import annotations

import datetime as dt
import enum

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

MAX_CHARS = 100  # simple-history's history_change_reason
SEPARATOR = "|"
_DATE = "%Y-%m-%dT%H:%MZ"

REGISTRY: dict[str, ChangeReason] = {}


class ChangeReason:
    """A reason a service records: a code, the message that words it, and its values' names."""

    def __init__(self, code: str, message, *params: str, dates=(), choices=None, words=None):
        if code in REGISTRY:
            raise ValueError(f"The change reason {code!r} is declared twice")
        if SEPARATOR in code or not code.islower():
            raise ValueError(f"A change reason's code is lower case without {SEPARATOR!r}: {code!r}")
        self.code = code
        self.message = message
        self.params = params
        self.dates = frozenset(dates)
        self.choices = dict(choices or {})  # name -> a TextChoices: the value is worded by its label
        self.words = dict(words or {})  # name -> a function wording the stored text
        REGISTRY[code] = self

    def __repr__(self) -> str:
        return f"ChangeReason({self.code!r})"

    def __call__(self, **values) -> str:
        """The stored form of this reason with these values (every declared one, no other)."""
        if set(values) != set(self.params):
            raise TypeError(f"{self.code} takes {self.params}, not {tuple(values)}")
        if not self.params:
            return self.code
        texts = [self._store(name, values[name]) for name in self.params]
        for i, text in enumerate(texts[:-1]):
            texts[i] = text.replace(SEPARATOR, "/")
        stored = SEPARATOR.join([self.code, *texts])
        if len(stored) > MAX_CHARS:
            keep = MAX_CHARS - (len(stored) - len(texts[-1])) - 1
            stored = SEPARATOR.join([self.code, *texts[:-1], texts[-1][: max(keep, 0)] + "…"])
        return stored[:MAX_CHARS]

    def _store(self, name: str, value) -> str:
        if name in self.dates and isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).strftime(_DATE)
        if name in self.dates:
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return str(value.value)
        return "" if value is None else str(value)

    def _word(self, name: str, text: str):
        if name in self.dates and len(text) == len("2026-12-01"):
            return date_format(dt.date.fromisoformat(text), "DATE_FORMAT")
        if name in self.dates:
            moment = dt.datetime.strptime(text, _DATE).replace(tzinfo=dt.UTC)
            return date_format(timezone.localtime(moment), "j F Y, H:i T")
        if name in self.words:
            return self.words[name](text)
        if name in self.choices:
            try:
                return self.choices[name](text).label
            except ValueError:
                return text
        return text

    def word(self, stored: str) -> str:
        """The reason in the active language (`stored` starts with this code)."""
        texts = stored.split(SEPARATOR, len(self.params))[1:] if self.params else []
        if len(texts) != len(self.params):
            raise ValueError(stored)
        return str(self.message) % {
            name: self._word(name, text) for name, text in zip(self.params, texts, strict=True)
        }


def code_of(stored: str | None) -> str:
    return (stored or "").split(SEPARATOR, 1)[0]


def said(stored: str | None) -> str:
    """A stored change reason in the reader's language; as stored when it is no declared code
    (a row from before the codes, in English, or an empty reason)."""
    if not stored:
        return stored or ""
    reason = REGISTRY.get(code_of(stored))
    if reason is None:
        return stored
    try:
        return reason.word(stored)
    except (ValueError, KeyError, TypeError):
        return stored


def starts(reason: ChangeReason) -> dict:
    """A filter for history rows recorded with `reason`: `history.filter(**starts(EXTENDED))`."""
    if reason.params:
        return {"history_change_reason__startswith": reason.code + SEPARATOR}
    return {"history_change_reason": reason.code}


# The kernel's own --------------------------------------------------------------------------

ADMIN_EDITED = ChangeReason("admin.edited", _("Edited in the admin by %(who)s"), "who")
