"""One way to show a refused service call, for views and the admin alike (issue 16).

Services raise `DomainError("clear sentence")` (optionally with `field=`) when the rules refuse,
and the rulebook raises `Denied` (a PermissionDenied; governance.rulebook.RuleDenied). Services are atomic,
so a refusal has changed nothing; all that is left is to tell the person:

    done = attempt(request, services.call_close, by=request.user, call=call)
    if done:
        messages.success(request, "The call is closed.")

    done = attempt(request, services.deliverable_propose, form=form, by=request.user, **form.cleaned_data)
    if done:
        return redirect(done.value)

With `form=`, the message becomes a form error next to the error's `field` (or the `field=`
given) when the form has that field (else at the top of the form); without, an error message shown on the next page. A refusal
by the rulebook is not caught unless `denied=True` (then it is shown the same way): by default a
view lets it become the 403 page. The admin catches both (`denied=True`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied

from kernel.lifecycle import DomainError


class Denied(PermissionDenied):
    """The rulebook refused the person this action (governance.rulebook.RuleDenied is one).
    Uncaught, it is the 403 page; `attempt(..., denied=True)` and the admin show it as a refusal."""


REFUSALS = (DomainError, Denied)


@dataclass(frozen=True)
class Attempt:
    """What the call gave: `value` when it went through, `error` when it was refused."""

    value: Any = None
    error: Exception | None = None

    def __bool__(self) -> bool:
        return self.error is None

    def __iter__(self):
        """Unpacks as (value, went_through): `draft, ok = attempt(...)`."""
        return iter((self.value, self.error is None))

    @property
    def denied(self) -> bool:
        """Refused by the rulebook (not by a rule of the record), e.g. to answer 403 rather than 400."""
        return isinstance(self.error, Denied)


def refusal_message(exc: Exception) -> str:
    return exc.message if isinstance(exc, DomainError) else str(exc)


def show_refusal(request, exc: Exception, *, form=None, field: str | None = None, prefix: str = "") -> None:
    """Tell the person why: a form error (next to the field when the form has it) or a page message."""
    message = f"{prefix}{refusal_message(exc)}"
    if form is None:
        messages.error(request, message)
        return
    field = getattr(exc, "field", None) or field  # the service's own field first, then the caller's
    form.add_error(field if field in form.fields else None, message)


def attempt(
    request,
    service: Callable[..., Any],
    /,
    *args,
    form=None,
    field: str | None = None,
    denied: bool = False,
    prefix: str = "",
    reraise: tuple[type[Exception], ...] = (),
    **kwargs,
) -> Attempt:
    """Call `service(*args, **kwargs)`; a refusal is shown (see the module) and returned, not raised.
    `reraise` names refusals the caller answers itself (e.g. an unusable invitation link: its own page)."""
    refusals = REFUSALS if denied else (DomainError,)
    try:
        return Attempt(value=service(*args, **kwargs))
    except refusals as exc:
        if isinstance(exc, reraise):
            raise
        show_refusal(request, exc, form=form, field=field, prefix=prefix)
        return Attempt(error=exc)
