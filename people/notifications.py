"""Emails that tell people about changes to their roles.

`focal_point_ended` is called by `governance.services.focal_point_end`; the email goes out
through a Celery task once the transaction commits (kernel.queue), so a rolled-back change
sends nothing and a broker outage never loses the change itself.
"""

from __future__ import annotations

from kernel.queue import enqueue_on_commit


def focal_point_ended(focal_point_id: int) -> None:
    """Tell the person that they no longer represent the Partner (issue 9, 'Leaving')."""
    from people.tasks import send_focal_point_ended

    enqueue_on_commit(send_focal_point_ended, focal_point_id)
