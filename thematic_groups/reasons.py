"""Why Thematic Group records changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R
from thematic_groups.models import DeliverableComment

# Deliverables
PROPOSED = R("deliverable.proposed", _("Proposed by the Leader"))
APPROVED_BY_DECISION = R(
    "deliverable.approved_by_decision", _("Approved by Partners Board decision #%(decision)s"), "decision"
)
APPROVED_AT_MEETING = R(
    "deliverable.approved_at_meeting", _("Approved at the annual meeting of %(day)s"), "day", dates={"day"}
)
DRAFTING_STARTED = R("deliverable.drafting", _("Drafting started"))
MARKED_FINAL_DRAFT = R("deliverable_version.final", _("Marked as the final draft"))
FINAL_DRAFT = R("deliverable.final_draft", _("Final draft: factual and editorial comments only"))
RETURNED_TO_DRAFTING = R("deliverable.returned", _("Returned to drafting"))
EDITORIAL_REVIEW = R("deliverable.editorial_review", _("Editorial review"))
TEXT_EDITED = R("deliverable.edited", _("Text edited"))
PUBLISHED = R("deliverable.published", _("Published"))
WITHDRAWN = R("deliverable.withdrawn", _("Withdrawn"))
PUBLIC_PDF_RENDERED = R("deliverable.pdf", _("Public PDF rendered (edition %(edition)s)"), "edition")
VERSION_UPLOADED = R("deliverable_version.uploaded", _("Version %(number)s uploaded"), "number")
COMMENT_ADDED = R(
    "deliverable_comment.added",
    _("Comment added: %(kind)s"),
    "kind",
    choices={"kind": DeliverableComment.Kind},
)

# The team and calls for experts
JOINED_TEAM = R("team.joined", _("Joined the team"))
LEFT_TEAM = R("team.left", _("Left the team"))
CALL_OPENED = R("call.opened", _("Call for experts opened"))
CALL_CLOSED = R("call.closed", _("Call closed"))
APPLIED = R("application.made", _("Applied"))
APPLICATION_ACCEPTED = R("application.accepted", _("Accepted"))
APPLICATION_DECLINED = R("application.declined", _("Declined"))
SIGNED_UP = R("signup.made", _("Signed up to contribute"))

# The workplan
WORKPLAN_OPENED = R("workplan.opened", _("Workplan opened for inputs"))
INPUT_GIVEN = R("workplan_item.input", _("Input given"))
ITEM_COMPILED = R("workplan_item.compiled", _("Item compiled"))
ITEM_REMOVED = R("workplan_item.removed", _("Item removed"))
SENT_TO_MANAGEMENT_TEAM = R("workplan.sent", _("Sent to the Management Team"))
REVIEWED_BY_MANAGEMENT_TEAM = R("workplan.reviewed", _("Reviewed by the Management Team"))
SENT_BACK = R("workplan.sent_back", _("Sent back by the Management Team"))
PRESENTED = R("workplan.presented", _("Presented at the annual meeting"))
AGREED = R("workplan.agreed", _("Agreed by the Partners"))
WORKPLAN_PDF_RENDERED = R("workplan.pdf", _("PDF rendered"))
