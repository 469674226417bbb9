"""ToR revisions: the Secretariat drafts from the version in force, edits clauses, opens a
comment period, and puts the draft to the Partners Board (ToR 9, 13b).

A draft is a full copy of the version in force; each copied clause remembers the clause it
came from (`Clause.derived_from`) so the diff follows moves and renumbering. Adoption is
`tor_revision_adopt`, called by `decision_close` in the same transaction as the result.
"""

from __future__ import annotations

import datetime as dt
import re
import string

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, update_change_reason

from governance import reasons as why
from governance.models import TOR_LIFECYCLE, Clause, Decision, ToRComment, ToRVersion
from governance.rulebook import principal_for, require
from kernel.bounds import COMMENT_MAX_CHARS, text_within
from kernel.content_language import drop_versions, every_version, original_language
from kernel.lifecycle import DomainError, transition

S = ToRVersion.Status
# The states as querysets filter them (selectors); a record answers `is_public` / `is_editable`.
DRAFT_STATUSES = frozenset({S.DRAFT, S.COMMENT_PERIOD, S.BALLOT, S.REJECTED, S.WITHDRAWN})
PUBLIC_STATUSES = frozenset({S.IN_FORCE, S.SUPERSEDED})
POSITION_STEP = 100
_TEMP = 10_000_000  # positions above every real one, used while reordering

_NUMBER = re.compile(r"^\d{1,3}$")
_LETTER = re.compile(r"^[a-z]{1,2}$")
_ANNEX = re.compile(r"^[IVXL]{1,6}$")


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i T")


# Drafts --------------------------------------------------------------------------------


@transaction.atomic
def tor_revision_create(*, by, summary: str = "") -> ToRVersion:
    """A new draft: a copy of every clause of the version in force (ToR 9)."""
    require(by, "tor.propose_revision")
    base = ToRVersion.objects.select_for_update().filter(status=S.IN_FORCE).first()
    if base is None:
        raise DomainError(gettext("No version of the Terms of Reference is in force yet: load it first."))
    number = (ToRVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    draft = ToRVersion.objects.create(
        number=number,
        **every_version(base, "title"),  # with its versions in other languages, whoever reads
        status=S.DRAFT,
        based_on=base,
        summary=summary.strip(),
        created_by=by,
    )
    _reason(draft, why.TOR_DRAFTED(number=base.number))
    copies = [
        Clause(
            tor_version=draft,
            position=(i + 1) * POSITION_STEP,
            kind=clause.kind,
            number=clause.number,
            letter=clause.letter,
            key=clause.key,
            **every_version(clause, "section", "text"),  # the English original and its versions
            derived_from=clause,
        )
        for i, clause in enumerate(base.clauses.order_by("position"))
    ]
    bulk_create_with_history(
        copies, Clause, default_user=by, default_change_reason=why.CLAUSE_COPIED(number=base.number)
    )
    return draft


def _lock_editable(tor_version: ToRVersion) -> ToRVersion:
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    if not version.is_editable:
        raise DomainError(
            gettext("Version %(number)s is “%(status)s”: its clauses can no longer be edited.")
            % {"number": version.number, "status": version.get_status_display()}
        )
    return version


def _lock_clause(clause: Clause) -> tuple[ToRVersion, Clause]:
    version = _lock_editable(clause.tor_version)
    try:
        clause = Clause.objects.select_for_update().get(pk=clause.pk, tor_version=version)
    except Clause.DoesNotExist:
        raise DomainError(gettext("This clause is no longer in the draft.")) from None
    return version, clause


def _key_for(
    version: ToRVersion, *, kind: str, number: str, letter: str, current: Clause | None = None
) -> str:
    if kind == Clause.Kind.PARAGRAPH:
        if current is not None and current.number == number:
            return current.key
        taken = set(
            version.clauses.filter(key__startswith=f"annex-{number.lower()}-").values_list("key", flat=True)
        )
        n = len(taken) + 1
        while f"annex-{number.lower()}-{n}" in taken:
            n += 1
        return f"annex-{number.lower()}-{n}"
    return f"{number}{letter}"


def _clean_numbering(version: ToRVersion, *, kind: str, number: str, letter: str) -> tuple[str, str]:
    number, letter = number.strip(), letter.strip().lower()
    if kind == Clause.Kind.CLAUSE:
        if not _NUMBER.match(number):
            raise DomainError(gettext("A clause is numbered with digits, e.g. 12."))
        return number, ""
    if kind == Clause.Kind.SUBCLAUSE:
        if not _NUMBER.match(number) or not _LETTER.match(letter):
            raise DomainError(
                gettext("A sub-clause has the number of its clause and a letter, e.g. 12 and b.")
            )
        if not version.clauses.filter(kind=Clause.Kind.CLAUSE, number=number).exists():
            raise DomainError(
                gettext(
                    "There is no clause %(number)s in this draft to hold sub-clause %(number)s(%(letter)s)."
                )
                % {"number": number, "letter": letter}
            )
        return number, letter
    if kind == Clause.Kind.FOOTNOTE:
        digits = number.removeprefix("fn")
        if not digits.isdigit():
            raise DomainError(gettext("A footnote is numbered with digits, e.g. 3."))
        return f"fn{int(digits)}", ""
    if not _ANNEX.match(number.upper()):
        raise DomainError(gettext("An annex paragraph names its annex in Roman numerals, e.g. II."))
    return number.upper(), ""


def _label(kind: str, number: str, letter: str) -> str:
    return Clause(kind=kind, number=number, letter=letter, key=f"{number}{letter}").label


def _block(version: ToRVersion, clause: Clause) -> list[Clause]:
    """A clause with its sub-clauses (they move and renumber with it)."""
    if clause.kind != Clause.Kind.CLAUSE:
        return [clause]
    subs = version.clauses.filter(kind=Clause.Kind.SUBCLAUSE, number=clause.number).exclude(pk=clause.pk)
    return [clause, *subs.order_by("position")]


def _place(version: ToRVersion, block: list[Clause], after: Clause | None) -> None:
    """Give `block` positions right after `after` (None: at the start), saving each clause."""
    moving = {c.pk for c in block if c.pk}
    if after is not None and after.pk in moving:
        raise DomainError(gettext("A clause cannot be placed after itself or one of its own sub-clauses."))
    others = [c for c in version.clauses.select_for_update().order_by("position") if c.pk not in moving]
    at = 0 if after is None else next((i + 1 for i, c in enumerate(others) if c.pk == after.pk), None)
    if at is None:
        raise DomainError(gettext("The clause to place it after is not in this draft."))
    low = others[at - 1].position if at else 0
    high = others[at].position if at < len(others) else None
    if high is None:
        slots = [low + POSITION_STEP * (i + 1) for i in range(len(block))]
    elif high - low > len(block):
        step = (high - low) // (len(block) + 1)
        slots = [low + step * (i + 1) for i in range(len(block))]
    else:
        slots = None
    if slots is not None:
        for clause, position in zip(block, slots, strict=True):
            clause.position = position
            _save_position(clause)
        return
    order = others[:at] + block + others[at:]
    changing = [
        (c, (i + 1) * POSITION_STEP) for i, c in enumerate(order) if c.position != (i + 1) * POSITION_STEP
    ]
    for i, (clause, _) in enumerate(changing):  # out of the way first: positions are unique
        if clause.pk:
            clause.position = _TEMP + i
            clause.save(update_fields=["position"])
    for clause, position in changing:
        clause.position = position
        _save_position(clause)


def _save_position(clause: Clause) -> None:
    if clause.pk:
        clause.save(update_fields=["position"])
        _reason(clause, why.CLAUSE_MOVED())


def _set_keys(changes: list[tuple[Clause, str, str]]) -> None:
    """Renumber several clauses at once: temporary keys first, since keys are unique per version."""
    for clause, _, _ in changes:
        clause.key = f"~{clause.pk}"
        clause.save(update_fields=["key"])
    for clause, number, letter in changes:
        clause.number, clause.letter = number, letter
        clause.key = f"{number}{letter}"
        clause.save(update_fields=["number", "letter", "key"])
        _reason(clause, why.CLAUSE_RENUMBERED())


@transaction.atomic
def clause_edit(*, by, clause: Clause, text: str, section: str | None = None) -> Clause:
    """Change a clause's words (and, if given, the heading it falls under)."""
    require(by, "tor.propose_revision")
    _, clause = _lock_clause(clause)
    text = text.strip()
    if not text:
        raise DomainError(gettext("A clause needs text; to remove it, delete the clause."))
    fields = []
    # The words of record are the English original, whatever language the editor reads in; a
    # version in another language of words that changed is no longer a translation of them, so it
    # goes (the page shows the English and says so until the Secretariat enters a new one).
    with original_language():
        if text != clause.text:
            clause.text = text
            fields += ["text", "text_en", *drop_versions(clause, "text")]
        if section is not None and section.strip() and section.strip() != clause.section:
            clause.section = section.strip()
            fields += ["section", "section_en", *drop_versions(clause, "section")]
    if fields:
        clause.save(update_fields=fields)
        _reason(clause, why.CLAUSE_EDITED())
    return clause


@transaction.atomic
def clause_insert(
    *,
    by,
    tor_version: ToRVersion,
    after: Clause | None,
    kind: str,
    number: str,
    letter: str = "",
    section: str = "",
    text: str,
) -> Clause:
    """Insert a new clause, sub-clause, annex paragraph or footnote after `after` (None: first)."""
    require(by, "tor.propose_revision")
    version = _lock_editable(tor_version)
    if kind not in Clause.Kind.values:
        raise DomainError(
            gettext("Choose what to insert: a clause, a sub-clause, an annex paragraph or a footnote.")
        )
    text = text.strip()
    if not text:
        raise DomainError(gettext("A clause needs text."))
    number, letter = _clean_numbering(version, kind=kind, number=number, letter=letter)
    key = _key_for(version, kind=kind, number=number, letter=letter)
    if version.clauses.filter(key=key).exists():
        raise DomainError(
            gettext("This draft already has %(kind)s: renumber it first.")
            % {"kind": _label(kind, number, letter)}
        )
    if after is not None and after.tor_version_id != version.pk:
        raise DomainError(gettext("The clause to place it after is not in this draft."))
    section = section.strip() or (after.section_en or "" if after is not None else "")
    if not section:
        raise DomainError(gettext("Name the section the clause falls under."))
    with original_language():  # the words typed are the English original, whatever the page's language
        clause = Clause(
            tor_version=version,
            position=0,
            section=section,
            kind=kind,
            number=number,
            letter=letter,
            key=key,
            text=text,
        )
    _place(version, [clause], after)
    try:
        with transaction.atomic():
            clause.save()
    except IntegrityError:
        raise DomainError(
            gettext("This draft already has %(kind)s.") % {"kind": _label(kind, number, letter)}
        ) from None
    _reason(clause, why.CLAUSE_INSERTED())
    return clause


@transaction.atomic
def clause_delete(*, by, clause: Clause) -> None:
    """Delete a clause from a draft (a clause with sub-clauses goes with them)."""
    require(by, "tor.propose_revision")
    version, clause = _lock_clause(clause)
    for item in _block(version, clause):
        item.delete()


@transaction.atomic
def clause_renumber(*, by, clause: Clause, number: str, letter: str = "") -> Clause:
    """Give a clause a new number (its sub-clauses follow) or a sub-clause a new letter."""
    require(by, "tor.propose_revision")
    version, clause = _lock_clause(clause)
    if clause.kind == Clause.Kind.PARAGRAPH:
        raise DomainError(gettext("Annex paragraphs are not numbered."))
    number, letter = _clean_numbering(version, kind=clause.kind, number=number, letter=letter)
    if (number, letter) == (clause.number, clause.letter):
        return clause
    block = _block(version, clause)
    changes = [(clause, number, letter)] + [(sub, number, sub.letter) for sub in block[1:]]
    new_keys = {f"{n}{lt}" for _, n, lt in changes}
    clash = version.clauses.filter(key__in=new_keys).exclude(pk__in=[c.pk for c in block]).first()
    if clash is not None:
        raise DomainError(
            gettext("This draft already has %(label)s: renumber or delete it first.") % {"label": clash.label}
        )
    _set_keys(changes)
    return clause


@transaction.atomic
def clause_move(*, by, clause: Clause, after: Clause | None) -> Clause:
    """Move a clause (with its sub-clauses) to just after another one (None: to the start)."""
    require(by, "tor.propose_revision")
    version, clause = _lock_clause(clause)
    _place(version, _block(version, clause), after)
    return clause


def _letters():
    for first in ["", *string.ascii_lowercase]:
        for second in string.ascii_lowercase:
            yield first + second


@transaction.atomic
def tor_draft_renumber(*, by, tor_version: ToRVersion) -> int:
    """Number the clauses 1, 2, 3… and the sub-clauses (a), (b)… in document order.

    Annex paragraphs and footnotes keep their numbers. Returns how many were renumbered."""
    require(by, "tor.propose_revision")
    version = _lock_editable(tor_version)
    changes: list[tuple[Clause, str, str]] = []
    count, letters, current = 0, None, None
    for clause in version.clauses.select_for_update().order_by("position"):
        if clause.kind == Clause.Kind.CLAUSE and clause.number.isdigit():
            count += 1
            current, letters = str(count), _letters()
            target = (current, "")
        elif clause.kind == Clause.Kind.SUBCLAUSE and current is not None:
            target = (current, next(letters))
        else:
            continue
        if target != (clause.number, clause.letter):
            changes.append((clause, *target))
    _set_keys(changes)
    return len(changes)


# Comment period ------------------------------------------------------------------------


@transaction.atomic
def tor_comment_period_open(
    *, by, tor_version: ToRVersion, deadline: dt.datetime, now: dt.datetime | None = None
) -> ToRVersion:
    """Open the draft to comments by the Management Team and the Partners until `deadline`."""
    require(by, "tor.propose_revision")
    now = now or timezone.now()
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    if deadline <= now:
        raise DomainError(gettext("The comment deadline must be in the future."))
    version.comment_deadline = deadline
    reason = why.TOR_COMMENT_PERIOD(until=deadline)
    if version.in_comment_period:  # a new deadline for the period already open
        version.save(update_fields=["comment_deadline"])
        _reason(version, reason)
        return version
    return transition(
        version, S.COMMENT_PERIOD, lifecycle=TOR_LIFECYCLE, by=by, reason=reason, fields=["comment_deadline"]
    )


@transaction.atomic
def tor_comment_add(
    *,
    by,
    tor_version: ToRVersion,
    text: str,
    clause: Clause | None = None,
    now: dt.datetime | None = None,
) -> ToRComment:
    """A Management Team member or a Partner's focal point comments on a clause or the whole draft."""
    require(by, "tor.comment")
    now = now or timezone.now()
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    if version.status != S.COMMENT_PERIOD or version.comment_deadline is None:
        raise DomainError(
            gettext("Version %(number)s is not open for comments.") % {"number": version.number}
        )
    if now >= version.comment_deadline:
        raise DomainError(
            gettext("The comment period closed on %(comment_deadline)s: comments are no longer accepted.")
            % {"comment_deadline": _when(version.comment_deadline)}
        )
    text = text.strip()
    if not text:
        raise DomainError(gettext("Write your comment before sending it."))
    text_within(text, COMMENT_MAX_CHARS, what=gettext("The comment"))
    if clause is not None and clause.tor_version_id != version.pk:
        raise DomainError(gettext("That clause is not part of this draft."))
    partner_ids = sorted(principal_for(by).partner_ids)
    comment = ToRComment.objects.create(
        tor_version=version,
        clause=clause,
        author=by,
        partner_id=partner_ids[0] if partner_ids else None,
        text=text,
    )
    _reason(comment, why.TOR_COMMENT_MADE())
    return comment


@transaction.atomic
def tor_comment_handle(*, by, comment: ToRComment, handling: str, note: str = "") -> ToRComment:
    """The Secretariat records how a comment was handled."""
    require(by, "tor.handle_comment")
    comment = ToRComment.objects.select_for_update().get(pk=comment.pk)
    if handling not in ToRComment.Handling.values or handling == ToRComment.Handling.PENDING:
        raise DomainError(gettext("Choose how the comment was handled."))
    comment.handling = handling
    comment.handling_note = note.strip()
    comment.handled_by = by
    comment.save(update_fields=["handling", "handling_note", "handled_by"])
    _reason(comment, why.TOR_COMMENT_HANDLED(handling=comment.handling))
    return comment


@transaction.atomic
def tor_revision_withdraw(*, by, tor_version: ToRVersion) -> ToRVersion:
    require(by, "tor.propose_revision")
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    return transition(version, S.WITHDRAWN, lifecycle=TOR_LIFECYCLE, by=by, reason=why.TOR_DRAFT_WITHDRAWN())


# The ballot and its outcome (called by the decision services) --------------------------


def unhandled_comments_count(tor_version: ToRVersion) -> int:
    return tor_version.comments.filter(handling=ToRComment.Handling.PENDING).count()


def tor_revision_to_ballot(
    *, tor_version: ToRVersion, now: dt.datetime, unhandled_comments_confirmed: bool = False
) -> ToRVersion:
    """Move a draft to the ballot (inside `decision_open`, which checks who may). Comments still
    "Not yet handled" hold it back unless the Secretariat confirms it goes with them on purpose."""
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    TOR_LIFECYCLE.check(version.status, S.BALLOT)
    if version.status == S.COMMENT_PERIOD and version.comment_deadline and version.comment_deadline > now:
        raise DomainError(
            gettext("The comment period runs until %(comment_deadline)s: put the draft to a ballot after it.")
            % {"comment_deadline": _when(version.comment_deadline)}
        )
    pending = unhandled_comments_count(version)
    if pending and not unhandled_comments_confirmed:
        raise DomainError(
            gettext(
                "%(pending)s comment(s) on version %(number)s are still “Not yet handled”: record how each was handled, or confirm that the draft goes to the ballot with them unhandled."
            )
            % {"pending": pending, "number": version.number}
        )
    if version.based_on_id is None or version.based_on.status != S.IN_FORCE:
        raise DomainError(
            gettext(
                "Version %(number)s was not drafted from the version in force: start a new draft from it."
            )
            % {"number": version.number}
        )
    reason = why.TOR_TO_BALLOT_UNHANDLED(pending=pending) if pending else why.TOR_TO_BALLOT()
    return transition(version, S.BALLOT, lifecycle=TOR_LIFECYCLE, reason=reason)


def tor_revision_adopt(*, tor_version: ToRVersion, decision: Decision, on: dt.date) -> ToRVersion:
    """The adopted draft becomes the version in force; the previous one is superseded.

    Runs inside `decision_close`'s transaction: both rows are locked (in force first, then the
    draft, always in that order), so the "one version in force" constraint holds at every step."""
    current = ToRVersion.objects.select_for_update().filter(status=S.IN_FORCE).first()
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    TOR_LIFECYCLE.check(version.status, S.IN_FORCE)
    if current is not None:
        transition(
            current, S.SUPERSEDED, lifecycle=TOR_LIFECYCLE, reason=why.TOR_SUPERSEDED(number=version.number)
        )
    version.adopted_on = on
    version.adopted_by_decision = decision
    return transition(
        version,
        S.IN_FORCE,
        lifecycle=TOR_LIFECYCLE,
        fields=["adopted_on", "adopted_by_decision"],
        reason=why.TOR_ADOPTED(decision=decision.pk),
    )


def tor_revision_ballot_withdrawn(*, tor_version: ToRVersion, decision: Decision) -> ToRVersion:
    """The ballot on the draft was withdrawn: the draft is a draft again (its comments stay)."""
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    if version.status == S.BALLOT:
        transition(
            version, S.DRAFT, lifecycle=TOR_LIFECYCLE, reason=why.TOR_BACK_TO_DRAFT(decision=decision.pk)
        )
    return version


def tor_revision_reject(*, tor_version: ToRVersion, decision: Decision) -> ToRVersion:
    version = ToRVersion.objects.select_for_update().get(pk=tor_version.pk)
    if TOR_LIFECYCLE.can_move(version.status, S.REJECTED):  # already rejected: nothing to do
        transition(
            version, S.REJECTED, lifecycle=TOR_LIFECYCLE, reason=why.TOR_NOT_ADOPTED(decision=decision.pk)
        )
    return version
