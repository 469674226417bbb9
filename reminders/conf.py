"""When reminders fall due, per kind. Override any kind in settings:

    U4SSC_REMINDER_OFFSETS = {"ballot": (14, 7, 1)}

Offsets are days *before* the anchor date of the kind (negative: after it):

| kind | anchor | default |
|---|---|---|
| tor_comment, ballot, final_review, workplan_inputs | the deadline's day | 7 and 1 days before |
| tenure | `Mandate.ends_on`, the first day without the powers | 90, 30, 7 days before and on the day |
| ip_quarterly | the last day of the quarter | 30 and 7 days before |
| minutes_overdue | the day after the minutes were due (U4SSC_MINUTES_DUE_DAYS after the e-meeting) | on the day and a week later |
| hub_report | a year after the last annual report (or the approval) | on the day, 30 and 60 days later |
| kpi_data_due | a reporting cycle's data deadline (the city's data stewards, while open or returned) | 14, 7 and 1 days before |
| kpi_verification_due | its verification deadline (the verifier, while submitted or under verification) | 7 and 1 days before |
| ballot_closed, vacant_roles | the day it happened | on the day |

A reminder whose day passed without a sweep (beat down, broker down) is still created by
the next sweep while it is the latest one due; the last one of a kind stays due for
U4SSC_REMINDER_CATCH_UP_DAYS days after its day (a deadline's, until the deadline).
"""

from __future__ import annotations

from django.conf import settings

from reminders.models import Kind

DEFAULT_OFFSETS: dict[str, tuple[int, ...]] = {
    Kind.TOR_COMMENT: (7, 1),
    Kind.BALLOT: (7, 1),
    Kind.FINAL_REVIEW: (7, 1),
    Kind.WORKPLAN_INPUTS: (7, 1),
    Kind.TENURE: (90, 30, 7, 0),
    Kind.IP_QUARTERLY: (30, 7),
    Kind.MINUTES_OVERDUE: (0, -7),
    Kind.HUB_REPORT: (0, -30, -60),
    Kind.KPI_DATA_DUE: (14, 7, 1),
    Kind.KPI_VERIFICATION_DUE: (7, 1),
    Kind.BALLOT_CLOSED: (0,),
    Kind.VACANT_ROLES: (0,),
}


def offsets(kind: str) -> tuple[int, ...]:
    """The kind's offsets, largest (earliest reminder) first."""
    configured = getattr(settings, "U4SSC_REMINDER_OFFSETS", {}) or {}
    values = configured.get(str(kind), DEFAULT_OFFSETS[kind])
    return tuple(sorted({int(v) for v in values}, reverse=True))


def catch_up_days() -> int:
    return int(getattr(settings, "U4SSC_REMINDER_CATCH_UP_DAYS", 7))
