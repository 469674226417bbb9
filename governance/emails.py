"""Governance's emails, sent through the outbox (kernel/outbox.py): request notices to the
Secretariat, ballot receipts to a Partner's focal points, and the end of a focal point.

The services queue them with `kernel.outbox.enqueue(...)` in their own transaction, storing
ids and the facts of the moment (a receipt's code, vote and time); the builders below load the
objects when the email is sent, or return None when it is no longer needed.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from kernel import outbox

BALLOT_RECEIPT = "governance/decisions/email/ballot_receipt"
FOCAL_POINT_ENDED = "governance/email/focal_point_ended"
REQUEST_TEMPLATE = "governance/email/request_{kind}"
DECISION_CHANGED = "people/email/decision_{event}"  # extended, withdrawn


@outbox.context_builder(FOCAL_POINT_ENDED)
def focal_point_ended_context(context: dict) -> dict | None:
    from governance.models import FocalPoint

    focal_point = (
        FocalPoint.objects.select_related("partner", "person").filter(pk=context["focal_point_id"]).first()
    )
    if focal_point is None or focal_point.ended_on is None or focal_point.person.is_former:
        return None
    return {"focal_point": focal_point, "person": focal_point.person, "partner": focal_point.partner}


@outbox.context_builder(BALLOT_RECEIPT)
def ballot_receipt_context(context: dict) -> dict | None:
    """The receipt says what was cast then (code, vote, time), even if the vote changed since."""
    from django.contrib.auth import get_user_model

    from governance.models import Decision, Partner
    from governance.services.decisions import CHOICES

    decision = Decision.objects.filter(pk=context["decision_id"]).first()
    partner = Partner.objects.filter(pk=context["partner_id"]).first()
    if decision is None or partner is None:
        return None
    cast_by = get_user_model().objects.filter(pk=context["cast_by_id"]).first()
    return {
        "decision": decision,
        "partner": partner,
        "cast_by": cast_by,
        "changed": context["changed"],
        "choice_label": dict(CHOICES[decision.rule]).get(context["choice"], context["choice"]),
        "ballot": {"receipt_code": context["receipt_code"], "cast_at": parse_datetime(context["cast_at"])},
    }


def decision_changed_context(context: dict) -> dict | None:
    """A running ballot extended or withdrawn: the deadline and reason as they were then."""
    from governance.models import Decision

    decision = Decision.objects.filter(pk=context["decision_id"]).first()
    if decision is None:
        return None
    return {
        "decision": decision,
        "deadline": parse_datetime(context["deadline"]),
        "previous_deadline": parse_datetime(context["previous_deadline"])
        if context["previous_deadline"]
        else None,
        "reason": context["reason"],
        "decision_url": settings.SITE_URL.rstrip("/") + decision.get_absolute_url(),
    }


for _event in ("extended", "withdrawn"):
    outbox.context_builder(DECISION_CHANGED.format(event=_event))(decision_changed_context)


def leader_appointment_context(context: dict) -> dict | None:
    """A Leader proposed, concurred or declined (ToR 19): the mandate as it is when the email leaves."""
    from django.urls import reverse

    from governance.models import Mandate

    mandate = (
        Mandate.objects.select_related("person", "proposed_by", "thematic_group")
        .filter(pk=context["mandate_id"])
        .first()
    )
    if mandate is None:
        return None
    renewal = (
        mandate.renewal_of_id is not None
        or Mandate.objects.filter(
            role=mandate.role,
            person_id=mandate.person_id,
            thematic_group_id=mandate.thematic_group_id,
            ends_on=mandate.starts_on,
        ).exists()
    )
    return {  # paths: the templates put the portal's address (portal_url) before them
        "mandate": mandate,
        "renewal": renewal,
        "audience": context["audience"],
        "reason": context.get("reason", ""),
        "concurrence_url": reverse("governance:leader_proposals"),
        "propose_url": reverse("governance:leader_propose", args=[mandate.thematic_group.slug]),
    }


for _event in ("leader_proposed", "leader_concurred", "leader_declined"):
    outbox.context_builder(f"people/email/{_event}")(leader_appointment_context)


def _request_context(kind: str):
    def build(context: dict) -> dict | None:
        """A request decided before its notice left is not announced."""
        from governance.models import Decision
        from governance.services.registers import REQUEST_KINDS

        spec = REQUEST_KINDS[kind]
        obj = spec.model.objects.select_related(*spec.related).filter(pk=context["pk"]).first()
        if obj is None or not spec.is_waiting(obj):
            return None
        site = settings.SITE_URL.rstrip("/")
        built = {
            "item": obj,
            "requester": getattr(obj, spec.requester),
            "ip_leader": context.get("ip_leader", False),
            "audience": context.get("audience", "secretariat"),
            "admin_url": site + reverse(f"admin:governance_{obj._meta.model_name}_change", args=[obj.pk]),
        }
        if kind == "hub":
            built["decision_url"] = (
                site + reverse("governance:decision_open") + f"?kind={Decision.Kind.HUB_APPROVAL}"
            )
        return built

    return build


for _kind in ("logo", "hub", "engagement"):
    outbox.context_builder(REQUEST_TEMPLATE.format(kind=_kind))(_request_context(_kind))
