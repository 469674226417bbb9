"""No template compares a status string (issue 16, "One door").

A page shows what may happen now from its lifecycle (`LIFECYCLE.available(record, person)`:
`{% if actions.publish %}`) and facts computed in Python (`d.is_published`, `meeting.is_scheduled`).
A template that decides by comparing a status (`{% if d.status == "published" %}`,
`{% if x.agenda_status != ... %}`, `{% if value == d.status %}`, `{% if "draft" in steps %}`)
repeats the lifecycle or the service and drifts from it: this test fails on every such tag.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Templates not converted yet, with the reason. This list only shrinks: each file on it must
# still hold a status comparison (a converted file must be taken off), and it must end up empty.
REMAINING: dict[str, str] = {}

TAG = re.compile(r"{%-?\s*(if|elif)\s+(.*?)\s*-?%}", re.S)
# A name whose last part is a status: status, agenda_status, report_status, x.status, x.get("status").
STATUS_NAME = r"[\w.]*\b\w*status\b(?!_display)"
COMPARISON = re.compile(
    rf"({STATUS_NAME}\s*(==|!=|\bnot\s+in\b|\bin\b))|((==|!=|\bin\b)\s*{STATUS_NAME}(?![\w(]))"
)
# `"draft" in steps`: a literal state looked up in a list of allowed states or transitions.
STATE_MEMBERSHIP = re.compile(
    r"""["'][\w-]+["']\s+(not\s+)?in\s+[\w.]*(steps|states|transitions|allowed)\b"""
)


def template_files() -> list[tuple[str, Path]]:
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [p for p in ROOT.glob("*/templates") if p.is_dir() and ".venv" not in p.parts]
    files = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".html", ".txt", ".xml"} and path.is_file():
                files.append((path.relative_to(root).as_posix(), path))
    return files


def status_comparisons(text: str) -> list[str]:
    found = []
    for match in TAG.finditer(text):
        expression = match.group(2)
        if COMPARISON.search(expression) or STATE_MEMBERSHIP.search(expression):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {match.group(0)[:160]}")
    return found


def test_the_scanner_catches_every_form_of_status_comparison():
    caught = [
        '{% if d.status == "published" %}',
        "{% if d.status != 'withdrawn' %}",
        '{% elif m.agenda_status != "published" %}',
        "{% if value == d.status %}",
        '{% if x and r.status in "pending declined" %}',
        "{% if status not in closed_states %}",
        '{% if "draft" in next_agenda_steps %}',
        '{% if "agreed" not in allowed %}',
    ]
    for tag in caught:
        assert status_comparisons(tag), tag
    allowed = [
        "{% if actions.publish %}",
        "{% if d.is_published %}",
        "{{ d.get_status_display }}",
        '{% if meeting.kind == "annual" %}',
        "{% if show_status %}",
        '{% if field.field.widget.input_type == "checkbox" %}',
        '{% if "secretariat" in user_roles %}',
    ]
    for tag in allowed:
        assert not status_comparisons(tag), tag


def test_no_template_compares_a_status_string():
    offenders = {}
    for name, path in template_files():
        if name in REMAINING:
            continue
        found = status_comparisons(path.read_text(encoding="utf-8"))
        if found:
            offenders[name] = found
    assert not offenders, (
        "Templates compare status strings; render from LIFECYCLE.available(...) or a model property:\n"
        + "\n".join(f"{name} {hit}" for name, hits in offenders.items() for hit in hits)
    )


def test_the_list_of_remaining_templates_only_shrinks():
    names = {name: path for name, path in template_files()}
    stale = [n for n in REMAINING if n not in names or not status_comparisons(names[n].read_text("utf-8"))]
    assert not stale, f"These templates no longer compare statuses: take them off REMAINING: {stale}"


def test_every_action_a_template_asks_for_exists_in_a_lifecycle():
    """`{% if actions.pubilsh %}` would hide a button silently: every name must be a real action."""
    from governance.models import (
        DECISION_LIFECYCLE,
        HUB_LIFECYCLE,
        LOGO_USE_LIFECYCLE,
        MANDATE_LIFECYCLE,
        TOR_LIFECYCLE,
    )
    from kpis.models import CYCLE_LIFECYCLE
    from meetings.services import AGENDA_LIFECYCLE, MEETING_LIFECYCLE, REGISTRATION_LIFECYCLE
    from people.services import INVITATION_LIFECYCLE
    from thematic_groups.models import CALL_LIFECYCLE, DELIVERABLE_LIFECYCLE, WORKPLAN_LIFECYCLE

    lifecycles = [
        TOR_LIFECYCLE,
        DECISION_LIFECYCLE,
        MANDATE_LIFECYCLE,
        LOGO_USE_LIFECYCLE,
        HUB_LIFECYCLE,
        DELIVERABLE_LIFECYCLE,
        CALL_LIFECYCLE,
        WORKPLAN_LIFECYCLE,
        AGENDA_LIFECYCLE,
        MEETING_LIFECYCLE,
        REGISTRATION_LIFECYCLE,
        INVITATION_LIFECYCLE,
        CYCLE_LIFECYCLE,
    ]
    known = {action.name for lifecycle in lifecycles for action in lifecycle.actions}
    asked = set()
    for name, path in template_files():
        for found in re.findall(r"\b(?:\w+_)?actions\.(\w+)", path.read_text(encoding="utf-8")):
            asked.add((name, found))
    assert asked, "no template renders lifecycle actions"
    unknown = sorted((name, found) for name, found in asked if found not in known)
    assert not unknown, f"Templates ask for actions no lifecycle has: {unknown}"
