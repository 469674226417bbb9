"""Change reasons are stored as facts and worded when read (kernel/reasons.py, issue 13).

- a reason is a code and its values, fitting the history's 100 characters, whatever a person typed;
- it is worded in the active language: its message from the catalogue, dates in the reader's
  format, a choice by its label; an English sentence stored before the codes is shown as stored;
- no service records an English sentence: every reason it passes comes from a register's
  `reasons.py` (an ast scan of the code), and every declared message names exactly its values.
"""

from __future__ import annotations

import ast
import datetime as dt
import re

import pytest
from django.utils import translation

from governance import reasons as gov_why
from governance.models import Decision
from kernel.reasons import MAX_CHARS, REGISTRY, ChangeReason, code_of, said
from tests.test_layers import ROOT

pytestmark = pytest.mark.django_db


def test_a_reason_is_stored_as_its_code_and_values():
    stored = gov_why.DEADLINE_EXTENDED(
        was=dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC),
        until=dt.datetime(2026, 12, 8, 11, 30, tzinfo=dt.UTC),
    )
    assert stored == "decision.extended|2026-12-01T11:00Z|2026-12-08T11:30Z"
    assert gov_why.HUB_CLOSED() == "hub.closed"
    assert gov_why.DECISION_CLOSED(result=Decision.Result.ADOPTED) == "decision.closed|adopted"
    assert code_of(stored) == "decision.extended"


def test_it_is_worded_in_the_readers_language():
    stored = gov_why.DECISION_CLOSED_EARLY(result=Decision.Result.ADOPTED)
    with translation.override("en"):
        assert said(stored) == "Closed early: every current Partner voted: Adopted"
    with translation.override("fr"):
        french = said(stored)
        assert french == translation.gettext("Closed early: every current Partner voted: %(result)s") % {
            "result": Decision.Result.ADOPTED.label
        }
    assert "Closed" not in french and "Adopted" not in french
    extended = gov_why.DEADLINE_EXTENDED(
        was=dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC), until=dt.datetime(2026, 5, 8, 10, 0, tzinfo=dt.UTC)
    )
    with translation.override("fr"):
        assert "mai 2026" in said(extended) and "May" not in said(extended)


def test_typed_text_is_kept_as_typed_and_shortened_to_fit():
    typed = "Letter | of 3 May, " + "x" * 200
    stored = gov_why.MANDATE_DECLINED(text=typed)
    assert len(stored) == MAX_CHARS and stored.endswith("…")
    with translation.override("en"):
        assert said(stored).startswith("Secretariat declined: Letter | of 3 May, xxx")
    short = gov_why.PARTNER_LEFT_BECAUSE(text="Lettre du 3 mai")
    with translation.override("en"):
        assert said(short) == "Partner left U4SSC: Lettre du 3 mai"


def test_old_rows_and_unknown_codes_are_shown_as_stored():
    for stored in ["Published", "Deadline extended from 1 May to 8 May", "nobody.declares|this", "", None]:
        assert said(stored) == (stored or "")
    assert said("decision.extended|not a date|x") == "decision.extended|not a date|x"
    assert said("decision.closed|a-value-no-one-chose") == "Closed: a-value-no-one-chose"


def test_a_code_is_declared_once_and_a_call_names_every_value():
    with pytest.raises(ValueError):
        ChangeReason("hub.closed", "Hub closed")
    with pytest.raises(TypeError):
        gov_why.HUB_REQUESTED()


def test_every_declared_message_names_exactly_its_values():
    assert len(REGISTRY) > 100  # every register's reasons.py is loaded at start-up
    for code, reason in REGISTRY.items():
        named = set(re.findall(r"%\((\w+)\)s", str(reason.message)))
        assert named == set(reason.params), code
        assert "|" not in code and code == code.lower()


# No English sentence in a service's reasons -----------------------------------------------------

# Where code hands a change reason to the history.
REASON_KEYWORDS = {"reason", "default_change_reason", "why"}
REASON_CALLS = {
    "update_change_reason": 1,
    "save_with_reason": 1,
    "_reason": 1,
    "_touch": 2,
    "_move_agenda": 2,
}
REASON_NAMES = {"reason", "renewal_reason", "why"}
SKIP_PARTS = {"tests", "migrations", ".venv", "bench", "tools", "deploy", "static", "staticfiles", "var"}


def _words(node) -> bool:
    """A sentence the code writes as a reason (through a conditional too): an f-string or a literal
    that is not a bare code ("no_values", "type")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return not re.fullmatch(r"[a-z0-9_.]+", node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    return isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Constant, ast.JoinedStr))


def _sentences(path, tree) -> list[str]:
    found = []
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in REASON_KEYWORDS and _words(kw.value):
                    found.append(f"{rel}:{node.lineno} {kw.arg}=")
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            at = REASON_CALLS.get(name)
            if at is not None and len(node.args) > at and _words(node.args[at]):
                found.append(f"{rel}:{node.lineno} {name}(…)")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                named = getattr(target, "id", None) or getattr(target, "attr", None)
                if (named in REASON_NAMES or named == "_change_reason") and _words(node.value):
                    found.append(f"{rel}:{node.lineno} {named} =")
    for func in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        args = func.args
        defaults = list(zip(args.kwonlyargs, args.kw_defaults, strict=True)) + list(
            zip(args.args[len(args.args) - len(args.defaults) :], args.defaults, strict=True)
        )
        for arg, default in defaults:
            if arg.arg in REASON_NAMES and default is not None and _words(default):
                found.append(f"{rel}:{func.lineno} {func.name}({arg.arg}=…)")
    return found


def test_no_code_records_an_english_sentence_as_a_change_reason():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if SKIP_PARTS & set(path.relative_to(ROOT).parts):
            continue
        found += _sentences(path, ast.parse(path.read_text(), filename=str(path)))
    assert not found, "Record a reason from the register's reasons.py, not a sentence:\n" + "\n".join(found)


def test_the_scan_sees_a_sentence_where_one_is_written():
    code = (
        "transition(r, 'x', reason=f'Closed {x}')\n"
        "_reason(obj, 'Published' if a else why.B())\n"
        "m._change_reason = 'Left'\n"
        "def f(*, reason: str = 'Ended early'): pass\n"
        "save_with_reason(city, 'City added', update_fields=['name'])\n"
    )
    found = _sentences(ROOT / "governance" / "services" / "probe.py", ast.parse(code))
    assert len(found) == 5


def test_a_service_save_writes_who_and_why_in_the_history_row_it_makes(cast, django_assert_num_queries):
    """kernel.lifecycle.save_with_reason: the reason goes into the INSERT of the history row (no
    SELECT and UPDATE of that row afterwards), and a later save of the object does not inherit it."""
    from kpis import reasons as kpi_why
    from kpis import services as kpis

    city = kpis.city_create(by=cast.secretariat, name="Reasonville", slug="reasonville", country="Norway")
    row = city.history.get()
    assert row.history_change_reason == kpi_why.CITY_ADDED()
    assert row.history_user == cast.secretariat and row.history_type == "+"
    assert not hasattr(city, "_change_reason")
    city.name = "Reasonville-on-Sea"
    with django_assert_num_queries(2):  # the UPDATE of the city and the INSERT of its history row
        city.save(update_fields=["name"])
    assert city.history.count() == 2 and city.history.latest().history_change_reason is None
