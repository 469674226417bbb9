"""The rulebook as the apps below governance ask it (issue 16: layers only point down).

`people` sits below `governance` but must ask "may this person do X?" before it writes, and must
drop a person's cached roles after changing them. The rulebook is governance's; governance installs
it here from its AppConfig.ready() (`install(can=..., require=..., forget=...)`), as it installs
`kernel.lifecycle.set_permission_check`. Until it is installed nothing is allowed.

    from kernel.rules import require
    require(by, "people.invite")  # raises the rulebook's Denied (a 403 unless caught)
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from kernel.refusals import Denied


def _closed(person, action: str, obj=None) -> bool:
    return False


def _refuse(person, action: str, obj=None) -> None:
    raise Denied(_("No rulebook is installed, so nothing is allowed."))


_can: Callable[..., bool] = _closed
_require: Callable[..., None] = _refuse
_forget: Callable[[object], None] = lambda person: None  # noqa: E731


def install(
    *, can: Callable[..., bool], require: Callable[..., None], forget: Callable[[object], None]
) -> None:
    """governance installs `governance.rulebook.can`, `require` and `forget_principal`."""
    global _can, _require, _forget
    _can, _require, _forget = can, require, forget


def can(person, action: str, obj=None) -> bool:
    return _can(person, action, obj)


def require(person, action: str, obj=None) -> None:
    _require(person, action, obj)


def forget_principal(person) -> None:
    """Drop the person's cached roles (after a service changed them)."""
    _forget(person)
