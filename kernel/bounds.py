"""Bounds on what a person types (issue #19): how long a text may be and which dates are
plausible. Forms use the constants and validators (the person sees the message next to the
field); services check again with `text_within` / `date_within`, so a caller that skips the
form (the admin, the API, a task) meets the same bound and the same words."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.lifecycle import DomainError

TITLE_MAX_CHARS = 300  # titles of deliverables, meetings, items: the models' max_length
COMMENT_MAX_CHARS = 5_000  # a comment, an input, a ballot comment, a note
TEXT_MAX_CHARS = 20_000  # objectives, scope, descriptions, agendas, clause texts
BODY_MAX_CHARS = 400_000  # the published web text of a deliverable

EARLIEST_DATE = dt.date(2000, 1, 1)  # before U4SSC (2016) with room for history; catches 0202 for 2020
YEARS_AHEAD = 10  # plans reach a few years ahead, not a century


def latest_date() -> dt.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def date_message(value) -> str:
    return gettext(
        "%(value)s is not a plausible date here: enter a date between %(earliest)s and %(latest)s."
    ) % {
        "value": date_format(_as_date(value), "DATE_FORMAT"),
        "earliest": date_format(EARLIEST_DATE, "DATE_FORMAT"),
        "latest": date_format(latest_date(), "DATE_FORMAT"),
    }


@deconstructible
class PlausibleDate:
    """A form or model validator: the date (or date-time) lies between EARLIEST_DATE and
    YEARS_AHEAD years from today."""

    def __call__(self, value):
        if value is None:
            return
        day = _as_date(value)
        if day < EARLIEST_DATE or day > latest_date():
            raise ValidationError(date_message(value), code="implausible_date")

    def __eq__(self, other):
        return isinstance(other, PlausibleDate)


PLAUSIBLE_DATE = [PlausibleDate()]


def date_within(value, *, what: str = _("The date")) -> None:
    """In a service: refuse an implausible date with the same words as the form."""
    if value is not None:
        day = _as_date(value)
        if day < EARLIEST_DATE or day > latest_date():
            raise DomainError(gettext("%(what)s: %(value)s") % {"what": what, "value": date_message(value)})


def not_in_future(value, *, what: str) -> None:
    if value is not None and _as_date(value) > timezone.localdate():
        raise DomainError(
            gettext("%(what)s cannot be in the future (%(value)s).")
            % {"what": what, "value": date_format(_as_date(value), "DATE_FORMAT")}
        )


def text_within(value: str, limit: int, *, what: str = _("The text")) -> str:
    """In a service: the text, or a refusal that says how long it is and how long it may be."""
    if value is not None and len(value) > limit:
        raise DomainError(
            gettext(
                "%(what)s is %(value)s characters long; at most %(limit)s are accepted. Please shorten it."
            )
            % {"what": what, "value": format(len(value), ","), "limit": format(limit, ",")}
        )
    return value
