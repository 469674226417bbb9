"""Load a ToR version from its text: the version in force when the portal starts, or a
version the Secretariat records from a document adopted outside the portal."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname
from simple_history.utils import bulk_create_with_history, update_change_reason

from governance import reasons as why
from governance.models import Clause, ToRVersion
from governance.rulebook import require
from governance.tor_text import ToRParseError, parse_tor, title_of
from kernel.content_language import ORIGINAL, other_languages
from kernel.lifecycle import DomainError


@transaction.atomic
def tor_version_load_from_text(
    *,
    text: str,
    number: int,
    adopted_on: dt.date | None,
    status: str = ToRVersion.Status.IN_FORCE,
    title: str = "",
    adopted_note: str = "",
    summary: str = "",
    by=None,
) -> ToRVersion:
    """Create ToR version `number` with the clauses parsed from `text`.

    A version in force is refused while another one is in force (adopting a revision is
    `tor_revision_adopt`'s job, which supersedes the old one). With `by` the Secretariat
    is checked; without it the caller is the system (the demo loader, a data migration).
    """
    if by is not None:
        require(by, "registers.keep")
    try:
        parsed = parse_tor(text)
    except ToRParseError as exc:
        raise DomainError(
            gettext("The text could not be read as Terms of Reference: %(exc)s") % {"exc": exc}
        ) from exc
    if ToRVersion.objects.filter(number=number).exists():
        raise DomainError(gettext("ToR version %(number)s already exists.") % {"number": number})
    if status == ToRVersion.Status.IN_FORCE:
        in_force = ToRVersion.objects.select_for_update().filter(status=ToRVersion.Status.IN_FORCE).first()
        if in_force is not None:
            raise DomainError(
                gettext(
                    "ToR version %(number)s is in force: adopt a revision instead of loading a second version."
                )
                % {"number": in_force.number}
            )
    english = title or title_of(text)
    version = ToRVersion(
        number=number,
        # The title is the English original; no other language has a version yet (the model's
        # default, English, would otherwise pass for the Arabic, Chinese, ... versions).
        **{build_localized_fieldname("title", code): None for code in other_languages()},
        **{build_localized_fieldname("title", ORIGINAL): english, "title": english},
        status=status,
        adopted_on=adopted_on,
        adopted_note=adopted_note,
        summary=summary,
        created_by=by,
    )
    version.full_clean(exclude=["based_on", "adopted_by_decision", "created_by"])
    version.save()
    update_change_reason(version, why.TOR_LOADED())
    clauses = [
        Clause(
            tor_version=version,
            position=item.position,
            section=item.section,
            kind=item.kind,
            number=item.number,
            letter=item.letter,
            key=item.key,
            text=item.text,
        )
        for item in parsed
    ]
    bulk_create_with_history(
        clauses,
        Clause,
        default_user=by,
        default_change_reason=why.TOR_LOADED(),
    )
    return version
