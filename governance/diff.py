"""What changed between two ToR versions, clause by clause and word by word.

Clauses are paired first by lineage (a draft's clause remembers the clause it was copied
from, `Clause.derived_from`), so a clause that was renumbered or moved is still the same
clause. Versions loaded independently (no lineage between them) are paired by key, then by
identical text. Each pair is then:

- *edited* when its text (or section) changed, with a word diff in <ins>/<del>;
- *renumbered* when its label changed ("10(a)" became "11(a)");
- *moved* when it left the order of the other paired clauses (the pairs outside the
  longest run that kept its order);

a clause of the old version without a pair was *deleted*, one of the new version *inserted*.
Rows come in the order of the new version; a deleted clause stays where it was.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

# The words shown for each kind of change (a badge beside the clause, a column of the PDF).
KIND_LABELS = {
    "inserted": pgettext_lazy("clause change", "inserted"),
    "deleted": pgettext_lazy("clause change", "deleted"),
    "renumbered": pgettext_lazy("clause change", "renumbered"),
    "moved": pgettext_lazy("clause change", "moved"),
    "edited": pgettext_lazy("clause change", "edited"),
    "section changed": pgettext_lazy("clause change", "section changed"),
    "unchanged": pgettext_lazy("clause change", "unchanged"),
}


@dataclass(frozen=True)
class ClauseSnapshot:
    """The parts of a clause the diff looks at (a Clause row, or anything shaped like it)."""

    pk: int | None
    key: str
    label: str
    section: str
    text: str
    derived_from_id: int | None = None

    @classmethod
    def of(cls, clause) -> ClauseSnapshot:
        return cls(
            pk=clause.pk,
            key=clause.key,
            label=clause.label,
            section=clause.section,
            text=clause.text,
            derived_from_id=getattr(clause, "derived_from_id", None),
        )

    @property
    def anchor(self) -> str:
        return f"clause-{self.key}"


@dataclass
class ClauseChange:
    old: ClauseSnapshot | None
    new: ClauseSnapshot | None
    moved: bool = False
    text_html: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def inserted(self) -> bool:
        return self.old is None

    @property
    def deleted(self) -> bool:
        return self.new is None

    @property
    def edited(self) -> bool:
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.label != self.new.label

    @property
    def section_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.section != self.new.section

    @property
    def changed(self) -> bool:
        return (
            self.inserted
            or self.deleted
            or self.edited
            or self.renumbered
            or self.moved
            or self.section_changed
        )

    @property
    def kinds(self) -> list[str]:
        """What happened to the clause, in words (never colour only)."""
        if self.inserted:
            return ["inserted"]
        if self.deleted:
            return ["deleted"]
        names = [
            ("renumbered", self.renumbered),
            ("moved", self.moved),
            ("edited", self.edited),
            ("section changed", self.section_changed),
        ]
        return [name for name, held in names if held] or ["unchanged"]

    @property
    def kind_labels(self) -> list[str]:
        """`kinds` in the reader's language."""
        return [str(KIND_LABELS.get(kind, kind)) for kind in self.kinds]

    @property
    def clause(self) -> ClauseSnapshot:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def section(self) -> str:
        return self.clause.section


@dataclass
class ToRDiff:
    changes: list[ClauseChange]

    @property
    def changed(self) -> list[ClauseChange]:
        return [change for change in self.changes if change.changed]

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if getattr(change, kind))

    @property
    def summary(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in ("inserted", "deleted", "moved", "renumbered", "edited")}

    def by_key(self, key: str) -> ClauseChange:
        for change in self.changes:
            if change.clause.key == key:
                return change
        raise KeyError(key)


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words taken out of `old` in <del> and the words put in in <ins>; escaped.
    Unchanged, inserted and deleted clauses (most of a diff) skip the matcher: the same output,
    without the cost that made a ToR diff page spend most of its time here (issue 17)."""
    if old == new:
        return mark_safe(escape(new))
    if not old:
        return mark_safe(f"<ins>{escape(new)}</ins>")
    if not new:
        return mark_safe(f"<del>{escape(old)}</del>")
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            parts.append(escape(added))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return mark_safe("".join(parts))


def _pair(old: list[ClauseSnapshot], new: list[ClauseSnapshot]) -> dict[int, int]:
    """new index → old index."""
    old_index_by_pk = {clause.pk: i for i, clause in enumerate(old) if clause.pk is not None}
    pairs: dict[int, int] = {}
    for j, clause in enumerate(new):
        i = old_index_by_pk.get(clause.derived_from_id)
        if i is not None and i not in pairs.values():
            pairs[j] = i
    if pairs:
        return pairs  # lineage is known: an unpaired clause really was inserted or deleted
    taken: set[int] = set()
    old_by_key = {clause.key: i for i, clause in enumerate(old)}
    for j, clause in enumerate(new):
        i = old_by_key.get(clause.key)
        if i is not None and i not in taken:
            pairs[j] = i
            taken.add(i)
    old_by_text: dict[str, list[int]] = {}
    for i, clause in enumerate(old):
        if i not in taken:
            old_by_text.setdefault(clause.text, []).append(i)
    for j, clause in enumerate(new):
        if j in pairs:
            continue
        candidates = old_by_text.get(clause.text)
        if candidates:
            i = candidates.pop(0)
            pairs[j] = i
            taken.add(i)
    return pairs


def _kept_in_order(sequence: list[int]) -> set[int]:
    """Indexes (into `sequence`) of a longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(sequence)
    for k, value in enumerate(sequence):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[pos] = value
            tail_at[pos] = k
        previous[k] = tail_at[pos - 1] if pos else -1
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        kept.add(k)
        k = previous[k]
    return kept


def diff_clauses(old_clauses: Iterable, new_clauses: Iterable) -> ToRDiff:
    """Compare two versions' clauses (each in document order)."""
    old = [c if isinstance(c, ClauseSnapshot) else ClauseSnapshot.of(c) for c in old_clauses]
    new = [c if isinstance(c, ClauseSnapshot) else ClauseSnapshot.of(c) for c in new_clauses]
    pairs = _pair(old, new)
    paired_new = sorted(pairs)
    kept = _kept_in_order([pairs[j] for j in paired_new])
    moved_new = {j for k, j in enumerate(paired_new) if k not in kept}
    paired_old = set(pairs.values())
    deleted = [i for i in range(len(old)) if i not in paired_old]

    changes: list[ClauseChange] = []
    next_deleted = 0

    def flush_deleted(before: int) -> None:
        nonlocal next_deleted
        while next_deleted < len(deleted) and deleted[next_deleted] < before:
            clause = old[deleted[next_deleted]]
            changes.append(ClauseChange(old=clause, new=None, text_html=word_diff(clause.text, "")))
            next_deleted += 1

    for j, clause in enumerate(new):
        i = pairs.get(j)
        if i is None:
            changes.append(ClauseChange(old=None, new=clause, text_html=word_diff("", clause.text)))
            continue
        if j not in moved_new:
            flush_deleted(i)
        changes.append(
            ClauseChange(
                old=old[i], new=clause, moved=j in moved_new, text_html=word_diff(old[i].text, clause.text)
            )
        )
    flush_deleted(len(old))
    return ToRDiff(changes=changes)
