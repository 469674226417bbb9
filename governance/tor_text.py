"""Turn the text of the Terms of Reference into ordered clauses.

The text is the one the Secretariat circulates (a copy lives in
`governance/data/terms-of-reference.txt`): lettered headings ("A. Background
Information"), numbered clauses ("10. The U4SSC workplan is:"), lettered sub-clauses
("- (a) Compiled by…"), footnotes ("¹ Responsibilities…") and annexes
("Annex II. U4SSC Partners") made of paragraphs, bullets and sub-headings.

What the parser does with the irregularities of a text extracted from a PDF:
- a line that continues a sentence broken across a page (the previous text does not end a
  sentence, or the line starts in lower case: clauses 11(j) and 23) is joined with a space;
- a further paragraph of a clause (clause 13, clause 30) is joined with a blank line;
- a stray "-" line (before 20(h)) is dropped;
- footnotes printed in the middle of a page are moved to a "Notes" section at the end;
- markdown left by the extraction (`**bold**`, `<https://…>`) is removed;
- an annex sub-heading ("Election and Representation") becomes part of the section name;
- an annex without a body (Annex III) keeps one empty paragraph, so the annex is not lost.

`parse_tor(text)` returns `ParsedClause` objects in document order, ready to become
`governance.models.Clause` rows (`governance.services.tor_load`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext

REFERENCE_TEXT = Path(__file__).resolve().parent / "data" / "terms-of-reference.txt"

NOTES_SECTION = "Notes"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"

_SECTION = re.compile(r"^([A-Z])\.\s+(\S.*)$")
_CLAUSE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_SUBCLAUSE = re.compile(r"^-\s*\(([a-z])\)\s*(.*)$")
_FOOTNOTE = re.compile(rf"^([{SUPERSCRIPTS}])\s+(\S.*)$")
_ANNEX = re.compile(r"^Annex\s+([IVXL]+)\.?\s*(.*)$")
_BULLET = re.compile(r"^-\s+(\S.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_SENTENCE_END = tuple('.;:!?”")')


@dataclass
class ParsedClause:
    """One clause, sub-clause, annex paragraph or footnote, in document order."""

    position: int
    section: str
    kind: str  # "clause" | "subclause" | "paragraph" | "footnote" (governance.models.Clause.Kind)
    number: str
    letter: str
    key: str
    text: str

    @property
    def anchor(self) -> str:
        return f"clause-{self.key}"


class ToRParseError(ValueError):
    """The text does not look like Terms of Reference (no numbered clause, a clause out of order…)."""


def _clean(text: str) -> str:
    text = _BOLD.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _is_annex_subheading(line: str) -> bool:
    """A short line with no closing punctuation, e.g. "Roles and Responsibilities"."""
    return (
        len(line) <= 90
        and line[:1].isupper()
        and not line.endswith((".", ";", ":", ",", ")", "!", "?"))
        and not _BULLET.match(line)
    )


class _Builder:
    def __init__(self) -> None:
        self.body: list[ParsedClause] = []
        self.footnotes: list[ParsedClause] = []
        self.section = ""
        self.annex: str | None = None  # "I", "II"… while inside an annex
        self.annex_title = ""
        self.annex_count = 0
        self.current: ParsedClause | None = None  # where continuation text goes
        self.last_number = 0

    # -- adding -------------------------------------------------------------------------
    def add(self, *, kind: str, number: str, letter: str, key: str, text: str) -> ParsedClause:
        clause = ParsedClause(
            position=0, section=self.section, kind=kind, number=number, letter=letter, key=key, text=text
        )
        (self.footnotes if kind == "footnote" else self.body).append(clause)
        self.current = clause
        return clause

    def close_annex(self) -> None:
        if self.annex is not None and self.annex_count == 0:
            self.add(
                kind="paragraph", number=self.annex, letter="", key=f"annex-{self.annex.lower()}", text=""
            )

    def continuation(self, line: str) -> None:
        if self.current is None:
            return  # the title lines before the first section
        previous = self.current.text
        if not previous:
            self.current.text = line
        elif not _ends_sentence(previous) or line[:1].islower():
            self.current.text = f"{previous} {line}"
        else:
            self.current.text = f"{previous}\n\n{line}"

    # -- the line kinds -----------------------------------------------------------------
    def feed(self, line: str) -> None:
        if line.strip() == "-":
            return  # a stray bullet left by the extraction (before 20(h))
        stripped = line.strip()
        if match := _ANNEX.match(stripped):
            self.close_annex()
            self.annex, self.annex_count = match.group(1), 0
            self.annex_title = f"Annex {match.group(1)}. {_clean(match.group(2))}".rstrip(". ")
            self.section = self.annex_title
            self.current = None
            return
        if match := _FOOTNOTE.match(stripped):
            number = SUPERSCRIPTS.index(match.group(1)) + 1
            saved_current, saved_section = self.current, self.section
            self.section = NOTES_SECTION
            self.add(
                kind="footnote",
                number=f"fn{number}",
                letter="",
                key=f"fn{number}",
                text=_clean(match.group(2)),
            )
            # Text after a footnote continues the clause the page break interrupted.
            self.current, self.section = saved_current, saved_section
            return
        if self.annex is not None:
            self.feed_annex(stripped)
            return
        if (match := _SECTION.match(stripped)) and not _CLAUSE.match(stripped):
            self.section = f"{match.group(1)}. {_clean(match.group(2))}"
            self.current = None
            return
        if match := _CLAUSE.match(stripped):
            number = int(match.group(1))
            if number != self.last_number + 1:
                raise ToRParseError(
                    gettext("Clause %(number)s follows clause %(last_number)s: a clause is missing.")
                    % {"number": number, "last_number": self.last_number}
                )
            self.last_number = number
            self.add(
                kind="clause", number=str(number), letter="", key=str(number), text=_clean(match.group(2))
            )
            return
        if match := _SUBCLAUSE.match(stripped):
            if self.last_number == 0:
                raise ToRParseError(
                    gettext("Sub-clause (%(group)s) comes before any numbered clause.")
                    % {"group": match.group(1)}
                )
            number = str(self.last_number)
            letter = match.group(1)
            self.add(
                kind="subclause",
                number=number,
                letter=letter,
                key=f"{number}{letter}",
                text=_clean(match.group(2)),
            )
            return
        self.continuation(_clean(stripped))

    def feed_annex(self, line: str) -> None:
        bullet = _BULLET.match(line)
        if not bullet and _is_annex_subheading(line):
            self.section = f"{self.annex_title} — {_clean(line)}"
            self.current = None
            return
        text = _clean(bullet.group(1) if bullet else line)
        continues = self.current is not None and (not _ends_sentence(self.current.text) or text[:1].islower())
        if not bullet and continues and self.current.kind == "paragraph":
            self.continuation(text)
            return
        self.annex_count += 1
        self.add(
            kind="paragraph",
            number=self.annex,
            letter="",
            key=f"annex-{self.annex.lower()}-{self.annex_count}",
            text=text,
        )

    def result(self) -> list[ParsedClause]:
        self.close_annex()
        if self.last_number == 0:
            raise ToRParseError(
                gettext("No numbered clause found: is this the text of the Terms of Reference?")
            )
        clauses = self.body + self.footnotes
        keys = [clause.key for clause in clauses]
        if len(keys) != len(set(keys)):
            duplicated = sorted({key for key in keys if keys.count(key) > 1})
            raise ToRParseError(
                gettext("Clause keys appear twice: %(items)s.") % {"items": ", ".join(duplicated)}
            )
        for position, clause in enumerate(clauses, start=1):
            clause.position = position
        return clauses


def parse_tor(text: str) -> list[ParsedClause]:
    """The clauses of a ToR text, in order (footnotes last, in a "Notes" section)."""
    builder = _Builder()
    for raw in text.splitlines():
        if raw.strip():
            builder.feed(raw.rstrip())
    return builder.result()


def title_of(text: str) -> str:
    """The document's title: the line before the first section ("Terms of References")."""
    title = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _SECTION.match(line) or _CLAUSE.match(line):
            break
        title = line
    return title or "Terms of Reference"


def reference_text() -> str:
    """The ToR in force when the portal was built, as shipped with the project."""
    return REFERENCE_TEXT.read_text(encoding="utf-8")
