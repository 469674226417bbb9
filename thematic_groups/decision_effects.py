"""The effects of Partners Board decisions on deliverables and workplans (issue 16).

Registered with governance.decision_kinds from ThematicGroupsConfig.ready(): governance closes
the decision, this app records what it means for its own records, in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from governance import decision_kinds
from governance.models import Decision
from thematic_groups.models import Deliverable
from thematic_groups.services import deliverable_record_approval, workplan_record_agreed


def _deliverable_approved(decision: Decision, on: dt.date) -> None:
    deliverable_record_approval(deliverable=decision.deliverable, decision=decision)


def _workplan_agreed(decision: Decision, on: dt.date) -> None:
    workplan_record_agreed(workplan=decision.workplan, decision=decision, on=on)


def proposed_deliverables():
    return Deliverable.objects.filter(status=Deliverable.Status.PROPOSED).order_by("title")


def register() -> None:
    decision_kinds.register(
        Decision.Kind.DELIVERABLE_APPROVAL, on_adopted=_deliverable_approved, subjects=proposed_deliverables
    )
    decision_kinds.register(Decision.Kind.WORKPLAN, on_adopted=_workplan_agreed)
