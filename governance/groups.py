"""Thematic Groups as governance reads them (issue 16: layers only point down).

Thematic Groups sit above governance, yet an invitation names the group a Leader will lead and
the Chair proposes a Leader on a group's page. Governance does not reach up for the model: the
thematic_groups app installs the answer from its AppConfig.ready() (`install(groups=...)`), as
governance installs the rulebook in `kernel.rules`. Until it is installed asking is an error of
the installation (INSTALLED_APPS without thematic_groups), not a page with no groups.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

_groups: Callable[[], QuerySet] | None = None


def install(*, groups: Callable[[], QuerySet]) -> None:
    """thematic_groups installs `lambda: ThematicGroup.objects.all()`."""
    global _groups
    _groups = groups


def thematic_groups() -> QuerySet:
    """Every Thematic Group (a QuerySet of the model the thematic_groups app installed)."""
    if _groups is None:
        raise RuntimeError(
            "The thematic_groups app has not installed governance.groups (its AppConfig.ready)."
        )
    return _groups()
