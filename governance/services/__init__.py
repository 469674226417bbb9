"""Governance services, one module per register family; import from here."""

from governance.services.mandates import (  # noqa: F401
    MANDATE_LIFECYCLE,
    chair_absence_record,
    focal_point_add,
    focal_point_end,
    mandate_appoint,
    mandate_concur,
    mandate_end,
    mandate_propose_leader,
    mandate_renew,
    mandates_expire,
)
