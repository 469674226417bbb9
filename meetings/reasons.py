"""Why meeting records changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R
from meetings.models import MeetingDecision

ANNUAL_MEETING_CREATED = R("meeting.created", _("Annual meeting created (agenda draft)"))
SESSION_ADDED = R("session.added", _("Session added to the programme"))
SPEAKER_ADDED = R("speaker.added", _("Speaker added"))
PRESENTATION_ADDED = R("presentation.added", _("Presentation added"))
AGENDA_AGREED = R("agenda.agreed", _("Agenda agreed by the Chair"))
AGENDA_TO_DRAFT = R("agenda.to_draft", _("Agenda returned to draft"))
PROGRAMME_PUBLISHED = R("agenda.published", _("Programme published"))
REGISTERED_VERIFIED = R("registration.verified", _("Registered (address verified on the account)"))
REGISTERED = R("registration.made", _("Registered"))
ADDRESS_CONFIRMED = R("registration.address_confirmed", _("Address confirmed by the registrant"))
PARTICIPANT_RECORDED = R("registration.recorded", _("Participant recorded by the Secretariat"))
REGISTRATION_CONFIRMED = R("registration.confirmed", _("Confirmed by the Secretariat"))
REGISTRATION_DECLINED = R("registration.declined", _("Declined by the Secretariat"))
PERSONAL_DATA_DELETED = R("registration.erased", _("Personal data deleted at the person's request"))
DECISION_RECORDED = R(
    "meeting_decision.recorded",
    _("Decision recorded: %(kind)s"),
    "kind",
    choices={"kind": MeetingDecision.Kind},
)
EMEETING_HELD_RECORDED = R("emeeting.recorded_held", _("E-meeting recorded as held"))
EMEETING_SCHEDULED = R("emeeting.scheduled", _("E-meeting scheduled"))
EMEETING_HELD = R("emeeting.held", _("E-meeting held"))
ANNUAL_MEETING_HELD = R("meeting.held", _("Annual meeting held"))
REPORT_PUBLISHED = R("report.published", _("Report published"))
REPORT_PUBLISHED_AGAIN = R("report.published_again", _("Report published again"))
EMEETING_CANCELLED = R("emeeting.cancelled", _("E-meeting cancelled"))
HELD_MINUTES_UPLOADED = R("meeting.held_minutes", _("Held (minutes uploaded)"))
MINUTES_UPLOADED = R("minutes.uploaded", _("Minutes uploaded (version %(version)s)"), "version")
