"""Governance services, one module per register family; import from here."""

from governance.services.decisions import (  # noqa: F401
    DECISION_LIFECYCLE,
    ballot_cast,
    count_votes,
    decision_close,
    decision_close_if_every_partner_voted,
    decision_extend,
    decision_open,
    decision_withdraw,
    decisions_close_due,
    nomination_create,
)
from governance.services.invitations import (  # noqa: F401
    invitation_apply_role,
    invitation_send,
    person_end_roles,
)
from governance.services.mandates import (  # noqa: F401
    ELECTED_AT_MEETING,
    MANDATE_LIFECYCLE,
    LeaderProposalRefused,
    chair_absence_record,
    focal_point_add,
    focal_point_end,
    mandate_appoint,
    mandate_concur,
    mandate_decline,
    mandate_end,
    mandate_propose_leader,
    mandate_record_election,
    mandate_renew,
    mandates_expire,
    partner_leave,
)
from governance.services.registers import (  # noqa: F401
    RequestRefused,
    engagement_notify,
    hub_close,
    hub_record_decision,
    hub_request,
    logo_use_approve,
    logo_use_refuse,
    logo_use_request,
)
from governance.services.tor import (  # noqa: F401
    TOR_LIFECYCLE,
    clause_delete,
    clause_edit,
    clause_insert,
    clause_move,
    clause_renumber,
    tor_comment_add,
    tor_comment_handle,
    tor_comment_period_open,
    tor_draft_renumber,
    tor_revision_adopt,
    tor_revision_create,
    tor_revision_withdraw,
)
from governance.services.translations import content_translate  # noqa: F401
