"""Smaller registers the Secretariat keeps: logo use (ToR 36, Annex I) and Hubs (ToR 30).

A Hub is approved by the Partners Board (a `hub_approval` decision, see `decision_close`);
the Secretariat only records that an approved Hub has closed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from governance.models import Hub, LogoUseRequest, Mandate
from governance.rulebook import require
from portal.lifecycle import DomainError, Lifecycle

L = LogoUseRequest.Status
LOGO_USE_LIFECYCLE = Lifecycle.of(
    "logo-use request",
    L,
    {L.PENDING: {L.APPROVED, L.REFUSED}},
)
H = Hub.Status
# Requested → approved/rejected follows the Partners Board's decision; closing is recorded here.
HUB_LIFECYCLE = Lifecycle.of(
    "Hub",
    H,
    {H.REQUESTED: {H.APPROVED, H.REJECTED}, H.APPROVED: {H.CLOSED}},
)


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason[:100])


def _is_ip_leader(person, on) -> bool:
    return Mandate.objects.filter(Mandate.active_q(on), person=person, role=Mandate.Role.IP_LEADER).exists()


@transaction.atomic
def logo_use_approve(*, by, logo_request: LogoUseRequest, written_agreement: bool = False) -> LogoUseRequest:
    """The Secretariat approves a use of the U4SSC logo (ToR 36). The IP Leader also needs the
    Secretariat's prior written agreement (Annex I): pass `written_agreement=True` to record it."""
    require(by, "logo.approve")
    logo_request = LogoUseRequest.objects.select_for_update().get(pk=logo_request.pk)
    LOGO_USE_LIFECYCLE.check(logo_request.status, L.APPROVED)
    today = timezone.localdate()
    if logo_request.use_from and logo_request.use_until and logo_request.use_until < logo_request.use_from:
        raise DomainError("The use cannot end before it starts: correct the dates first.")
    agreed = written_agreement or logo_request.written_agreement
    if not agreed and _is_ip_leader(logo_request.requester, today):
        raise DomainError(
            "The IP Leader uses the logo only with the Secretariat's prior written agreement (Annex I): "
            "approve it with the written agreement."
        )
    logo_request.status = L.APPROVED
    logo_request.written_agreement = agreed
    logo_request.decided_by = by
    logo_request.decided_on = today
    logo_request.save(update_fields=["status", "written_agreement", "decided_by", "decided_on"])
    _reason(logo_request, "Logo use approved with written agreement" if agreed else "Logo use approved")
    return logo_request


@transaction.atomic
def logo_use_refuse(*, by, logo_request: LogoUseRequest) -> LogoUseRequest:
    """The Secretariat refuses a use of the U4SSC logo (ToR 36)."""
    require(by, "logo.approve")
    logo_request = LogoUseRequest.objects.select_for_update().get(pk=logo_request.pk)
    LOGO_USE_LIFECYCLE.check(logo_request.status, L.REFUSED)
    logo_request.status = L.REFUSED
    logo_request.decided_by = by
    logo_request.decided_on = timezone.localdate()
    logo_request.save(update_fields=["status", "decided_by", "decided_on"])
    _reason(logo_request, "Logo use refused")
    return logo_request


@transaction.atomic
def hub_close(*, by, hub: Hub) -> Hub:
    """The Secretariat records that an approved Hub has stopped working with U4SSC."""
    require(by, "registers.keep")
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    HUB_LIFECYCLE.check(hub.status, H.CLOSED)
    hub.status = H.CLOSED
    hub.save(update_fields=["status"])
    _reason(hub, "Hub closed")
    return hub
