"""The KPI web-tool's emails, sent through the outbox (kernel/outbox.py): one template, worded
at send time in the recipient's language from the event and the cycle's ids."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from kernel import outbox

CYCLE_EVENT = "kpis/email/cycle_event"


def _sentences(event: str, cycle, kpi: str) -> tuple[str, str] | None:
    names = {"city": cycle.city.name, "year": cycle.year, "kpi": kpi}
    words = {
        "verifier_assigned": (
            _("You verify the U4SSC KPIs of %(city)s, %(year)s") % names,
            _("The U4SSC Secretariat assigned you as the verifier of the KPI data of %(city)s for %(year)s.")
            % names,
        ),
        "submitted": (
            _("%(city)s submitted its KPI data for %(year)s") % names,
            _("%(city)s submitted its U4SSC KPI data for %(year)s for verification.") % names,
        ),
        "returned": (
            _("The KPI data of %(city)s, %(year)s, was returned") % names,
            _("The verifier returned the KPI data of %(city)s for %(year)s to the city: %(reason)s")
            % {**names, "reason": cycle.return_reason},
        ),
        "verified": (
            _("The KPI data of %(city)s, %(year)s, is verified") % names,
            _(
                "Every reported KPI of %(city)s for %(year)s is verified. The stewards now decide what is published."
            )
            % names,
        ),
        "question": (
            _("A verifier's question on %(kpi)s (%(city)s, %(year)s)") % names,
            _("The verifier asked a question on %(kpi)s of %(city)s for %(year)s.") % names,
        ),
        "reply": (
            _("A reply on %(kpi)s (%(city)s, %(year)s)") % names,
            _("There is a new reply in the thread on %(kpi)s of %(city)s for %(year)s.") % names,
        ),
    }
    return words.get(event)


@outbox.context_builder(CYCLE_EVENT)
def cycle_event_context(context: dict) -> dict | None:
    from kpis.models import ReportingCycle

    cycle = ReportingCycle.objects.select_related("city").filter(pk=context["cycle_id"]).first()
    if cycle is None:
        return None
    sentences = _sentences(context.get("event", ""), cycle, context.get("kpi", ""))
    if sentences is None:
        return None
    headline, body = sentences
    return {
        "cycle": cycle,
        "headline": headline,
        "body": body,
        "cycle_url": settings.SITE_URL.rstrip("/") + cycle.get_absolute_url(),
    }
