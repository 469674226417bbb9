"""The effects of decisions on governance's own records (registered in GovernanceConfig.ready()).

A ToR revision adopted comes into force (rejected: back to a draft); an appointment adopted
creates the mandate; a Hub approval adopted approves the Hub, any other result rejects it. Kinds about other apps' records
(deliverables, workplans) are registered by those apps (governance.decision_kinds).
"""

from __future__ import annotations

import datetime as dt

from governance import decision_kinds
from governance.models import Decision
from governance.services.decisions import ROLE_OF_KIND
from governance.services.mandates import mandate_appoint
from governance.services.registers import hub_record_decision
from governance.services.tor import tor_revision_adopt, tor_revision_reject

K = Decision.Kind


def _tor_adopted(decision: Decision, on: dt.date) -> None:
    tor_revision_adopt(tor_version=decision.tor_version, decision=decision, on=on)


def _tor_not_adopted(decision: Decision, on: dt.date) -> None:
    tor_revision_reject(tor_version=decision.tor_version, decision=decision)


def _nominee_appointed(decision: Decision, on: dt.date) -> None:
    nomination = decision.nomination
    mandate_appoint(
        by=None,  # the Partners Board's decision is the source (ToR 13a, 15)
        role=nomination.role,
        person=nomination.nominee,
        starts_on=on,
        decision=decision,
    )


def _hub_decided(decision: Decision, on: dt.date) -> None:
    """Approved or rejected: a Hub never waits for ever (ToR 30)."""
    hub_record_decision(decision=decision, on=on)


def register() -> None:
    decision_kinds.register(K.TOR_REVISION, on_adopted=_tor_adopted, on_not_adopted=_tor_not_adopted)
    for kind in ROLE_OF_KIND:
        decision_kinds.register(kind, on_adopted=_nominee_appointed)
    decision_kinds.register(K.HUB_APPROVAL, on_adopted=_hub_decided, on_not_adopted=_hub_decided)
