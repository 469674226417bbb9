"""Layers that only point down (issue 16).

kernel < people < governance < thematic_groups, kpis < meetings < reminders < portal, api (pages).
An app may import an app of its own layer or below, never one above. The same holds for the
models' string references ("app.Model" in a ForeignKey, ManyToManyField or OneToOneField):
each one is a migration dependency, and an upward one makes migrations that depend on each
other (split initial migrations, slow `migrate`).

Read by parsing the sources (ast), not by importing them: a lazy import inside a function
counts as much as one at the top of a module. Exceptions not yet removed are listed in
ALLOWED_* (each model reference with why it stays); the lists may only shrink: an entry that no longer occurs fails the test too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS = [
    ("kernel",),
    ("people",),
    ("governance",),
    ("thematic_groups", "kpis"),
    ("index",),
    ("meetings",),
    ("reminders",),
    ("portal", "api"),
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

# Upward imports not yet removed: (importing file, imported module). Must shrink to empty.
ALLOWED_IMPORTS: set[tuple[str, str]] = set()

# Upward model references not yet removed: (model file, "app.Model"). May only shrink.
# Each is a ForeignKey column, read by the database and the migrations, not only by Python: removing
# one is a schema change (a field moved to the upper app, with a data migration), so they stay until
# such a change is worth its migration. Why each one is where it is:
ALLOWED_MODEL_REFERENCES: set[tuple[str, str]] = {
    # Mandate.meeting and Decision.meeting: the annual meeting that elected / decided (ToR 13a, 15, 28).
    ("governance/models.py", "meetings.Meeting"),
    # Decision.deliverable: the deliverable a Board ballot approves (ToR 19), PROTECTed while voted on.
    ("governance/models.py", "thematic_groups.Deliverable"),
    # Mandate.thematic_group: the group a Leader leads; the rulebook's Leader scope is this column.
    ("governance/models.py", "thematic_groups.ThematicGroup"),
    # Decision.workplan: the workplan a Board ballot agrees (ToR 5c), PROTECTed while voted on.
    ("governance/models.py", "thematic_groups.Workplan"),
    # Invitation.focal_point: the focal point an accepted focal-point invitation made (its audit trail).
    ("people/models.py", "governance.FocalPoint"),
    # Invitation.mandate: no longer written (invitations do not appoint); kept for invitations accepted before.
    ("people/models.py", "governance.Mandate"),
    # Invitation.partner: the Partner a focal-point invitation names (a check constraint requires it).
    ("people/models.py", "governance.Partner"),
    # Invitation.thematic_group: the group named in a Leader invitation, shown in the invitation email.
    ("people/models.py", "thematic_groups.ThematicGroup"),
    # Deliverable.approval_meeting and Workplan.presented_at: the meeting that approved / was presented it.
    ("thematic_groups/models.py", "meetings.Meeting"),
}

RELATION_FIELDS = {"ForeignKey", "ManyToManyField", "OneToOneField"}


def _sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.relative_to(ROOT).parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def _model_references(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in RELATION_FIELDS:
            continue
        targets = node.args[:1] + [kw.value for kw in node.keywords if kw.arg in {"to", "through"}]
        for target in targets:
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and "." in target.value:
                yield target.value


def _registry_lookups(tree: ast.AST):
    """Models looked up by name in the app registry: `apps.get_model("app", "Model")` or
    `apps.get_model("app.Model")` reach the app as much as an import does."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        first = node.args[0]
        if name == "get_model" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value.split(".")[0]


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for app, rank in RANK.items():
        for path, tree in _sources(app):
            for module in _imported_modules(tree):
                top = module.split(".")[0]
                if RANK.get(top, -1) > rank:
                    found.add((str(path.relative_to(ROOT)), module))
            for app_label in _registry_lookups(tree):
                if RANK.get(app_label, -1) > rank:
                    found.add((str(path.relative_to(ROOT)), f"apps.get_model({app_label!r})"))
    return found


def upward_model_references() -> set[tuple[str, str]]:
    found = set()
    for app, rank in RANK.items():
        for path, tree in _sources(app):
            for reference in _model_references(tree):
                if RANK.get(reference.split(".")[0], -1) > rank:
                    found.add((str(path.relative_to(ROOT)), reference))
    return found


def test_every_project_app_has_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(RANK), f"give these apps a layer in tests/test_layers.py: {apps ^ set(RANK)}"


@pytest.mark.parametrize(
    ("found", "allowed", "what"),
    [
        (upward_imports, ALLOWED_IMPORTS, "imports"),
        (upward_model_references, ALLOWED_MODEL_REFERENCES, "model references"),
    ],
    ids=["imports", "model-references"],
)
def test_no_app_reaches_an_app_above_it(found, allowed, what):
    found = found()
    new = sorted(found - allowed)
    gone = sorted(allowed - found)
    assert not new, f"upward {what} (an app may only use apps below it): {new}"
    assert not gone, f"remove these from the allow-list in tests/test_layers.py, they are gone: {gone}"


def test_the_check_sees_an_upward_import():
    """The parser finds lazy imports inside functions and string model references."""
    tree = ast.parse(
        "def f():\n    from meetings.models import Meeting\n"
        "x = models.ForeignKey('meetings.Meeting', on_delete=None)\n"
    )
    assert list(_imported_modules(tree)) == ["meetings.models"]
    assert list(_model_references(tree)) == ["meetings.Meeting"]


def test_the_check_sees_a_model_looked_up_by_name():
    """A lookup in the app registry reaches the app above as much as an import (both spellings)."""
    tree = ast.parse(
        "def f():\n    return apps.get_model('thematic_groups', 'ThematicGroup')\n"
        "g = django_apps.get_model('meetings.Meeting')\n"
        "h = apps.get_model(app_label, 'Dynamic')\n"
    )
    assert sorted(_registry_lookups(tree)) == ["meetings", "thematic_groups"]
