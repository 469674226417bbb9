"""Why governance records changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from governance.models import Decision, ToRComment
from kernel.content_language import language_name
from kernel.reasons import ChangeReason as R

# Partners, focal points, Hubs, logo use, engagement notices
FOCAL_POINT_ADDED = R("focal_point.added", _("Focal point added"))
FOCAL_POINT_ENDED = R("focal_point.ended", _("Focal point ended"))
PARTNER_LEFT = R("partner.left", _("Partner left U4SSC"))
PARTNER_LEFT_BECAUSE = R("partner.left_because", _("Partner left U4SSC: %(text)s"), "text")
LOGO_REQUESTED = R("logo.requested", _("Logo use requested"))
LOGO_REQUESTED_BY_IP_LEADER = R(
    "logo.requested_ip_leader", _("Logo use requested by the IP Leader (written agreement needed)")
)
LOGO_APPROVED = R("logo.approved", _("Logo use approved"))
LOGO_APPROVED_WITH_AGREEMENT = R("logo.approved_agreement", _("Logo use approved with written agreement"))
LOGO_REFUSED = R("logo.refused", _("Logo use refused"))
HUB_REQUESTED = R("hub.requested", _("Hub requested, to work with %(partner)s"), "partner")
HUB_APPROVED = R("hub.approved", _("Approved by decision %(decision)s"), "decision")
HUB_REJECTED = R("hub.rejected", _("Rejected by decision %(decision)s"), "decision")
HUB_CLOSED = R("hub.closed", _("Hub closed"))
PRESENTATION_ANNOUNCED = R("engagement.presentation", _("Presentation announced"))
SHARED_WORK_REPORTED = R("engagement.shared_work", _("Shared work reported"))

# Mandates
MANDATE_BY_DECISION = R("mandate.by_decision", _("Appointed by decision %(decision)s"), "decision")
MANDATE_BY_DECISION_RENEWAL = R(
    "mandate.by_decision_renewal", _("Appointed by decision %(decision)s (renewal)"), "decision"
)
MANDATE_ELECTED = R("mandate.elected", _("Elected at the meeting of %(day)s"), "day", dates={"day"})
MANDATE_ELECTED_RENEWAL = R(
    "mandate.elected_renewal", _("Elected at the meeting of %(day)s (renewal)"), "day", dates={"day"}
)
MANDATE_RENEWED = R("mandate.renewed", _("Renewed: followed by mandate %(mandate)s"), "mandate")
LEADER_PROPOSED = R("mandate.leader_proposed", _("Leader proposed by the Chair"))
RENEWAL_PROPOSED = R("mandate.renewal_proposed", _("Renewal proposed by the Chair"))
MANDATE_CONCURRED = R("mandate.concurred", _("Secretariat concurred"))
MANDATE_DECLINED = R("mandate.declined", _("Secretariat declined: %(text)s"), "text")
MANDATE_ENDED_EARLY = R("mandate.ended_early", _("Mandate ended early"))
MANDATE_ENDED_PERSON_LEFT = R("mandate.ended_person_left", _("Ended: the person left U4SSC"))
CHAIR_ABSENCE_RECORDED = R("chair_absence.recorded", _("Chair absence recorded"))
INVITATION_SENT = R("invitation.sent", _("Invitation sent"))

# Decisions and ballots
BALLOT_OPENED = R("decision.opened", _("Ballot opened until %(until)s"), "until", dates={"until"})
BALLOT_CAST = R("ballot.cast", _("Ballot cast"))
BALLOT_CHANGED = R("ballot.changed", _("Ballot changed"))
DECISION_CLOSED = R("decision.closed", _("Closed: %(result)s"), "result", choices={"result": Decision.Result})
DECISION_CLOSED_EARLY = R(
    "decision.closed_early",
    _("Closed early: every current Partner voted: %(result)s"),
    "result",
    choices={"result": Decision.Result},
)
DEADLINE_EXTENDED = R(
    "decision.extended",
    _("Deadline extended from %(was)s to %(until)s"),
    "was",
    "until",
    dates={"was", "until"},
)
DECISION_WITHDRAWN = R("decision.withdrawn", _("Withdrawn by the Secretariat"))
CANDIDATE_NOMINATED = R("nomination.made", _("Candidate nominated"))

# Terms of Reference
TOR_LOADED = R("tor.loaded", _("Loaded from the text of the Terms of Reference"))
TOR_DRAFTED = R("tor.drafted", _("Draft revision of version %(number)s"), "number")
CLAUSE_COPIED = R("clause.copied", _("Copied from version %(number)s"), "number")
CLAUSE_MOVED = R("clause.moved", _("Clause moved"))
CLAUSE_RENUMBERED = R("clause.renumbered", _("Clause renumbered"))
CLAUSE_EDITED = R("clause.edited", _("Clause edited"))
CLAUSE_INSERTED = R("clause.inserted", _("Clause inserted"))
TOR_COMMENT_PERIOD = R("tor.comment_period", _("Comment period until %(until)s"), "until", dates={"until"})
TOR_COMMENT_MADE = R("tor.comment_made", _("Comment made"))
TOR_COMMENT_HANDLED = R(
    "tor.comment_handled",
    _("Comment handled: %(handling)s"),
    "handling",
    choices={"handling": ToRComment.Handling},
)
TOR_DRAFT_WITHDRAWN = R("tor.withdrawn", _("Draft withdrawn"))
TOR_TO_BALLOT = R("tor.to_ballot", _("Put to the Partners Board"))
TOR_TO_BALLOT_UNHANDLED = R(
    "tor.to_ballot_unhandled",
    _("Put to the Partners Board with comments not yet handled, as confirmed: %(pending)s"),
    "pending",
)
TOR_SUPERSEDED = R("tor.superseded", _("Superseded by version %(number)s"), "number")
TOR_ADOPTED = R("tor.adopted", _("Adopted by decision %(decision)s"), "decision")
TOR_BACK_TO_DRAFT = R("tor.back_to_draft", _("Back to draft: ballot %(decision)s withdrawn"), "decision")
TOR_NOT_ADOPTED = R("tor.not_adopted", _("Not adopted (decision %(decision)s)"), "decision")

# Versions in other languages (django-modeltranslation)
TRANSLATED = R(
    "translation",
    _("Version in %(language)s: %(fields)s"),
    "language",
    "fields",
    words={"language": language_name},
)
