"""Why KPI records changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R
from kpis.models import KpiValue

KPI_LOADED = R("kpi.loaded", _("Loaded from the catalogue file"))
KPI_UPDATED = R("kpi.updated", _("Updated from the catalogue file"))
BENCHMARK_SET = R("kpi.benchmark", _("Benchmark set"))
CITY_ADDED = R("city.added", _("City added"))
STEWARD_ADDED = R("city.steward_added", _("Data steward added: %(who)s"), "who")
STEWARD_REMOVED = R("city.steward_removed", _("Data steward removed: %(who)s"), "who")
CYCLE_OPENED = R("cycle.opened", _("Reporting cycle opened"))
DEADLINES_SET = R("cycle.deadlines", _("Deadlines set"))
VERIFIER_ASSIGNED = R("cycle.verifier", _("Verifier assigned: %(who)s"), "who")
ENTERED_ONLINE = R("value.entered", _("Entered online"))
UPLOADED_AS_SPREADSHEET = R("value.uploaded", _("Uploaded as a spreadsheet"))
EVIDENCE_ADDED = R(
    "evidence.added", _("Evidence added to %(kpi)s of %(city)s, %(year)s"), "kpi", "year", "city"
)
DATA_SUBMITTED = R("cycle.submitted", _("Data submitted"))
VERIFICATION_STARTED = R("cycle.verification", _("Verification started"))
RETURNED_TO_CITY = R("cycle.returned", _("Returned to the city"))
VERIFIED = R("value.verified", _("Verified"))
NOT_VERIFIED = R("value.not_verified", _("Not verified"))
EVERY_KPI_VERIFIED = R("cycle.verified", _("Every reported KPI verified"))
QUESTION_ASKED = R("question.asked", _("Question on %(kpi)s"), "kpi")
REPLY_GIVEN = R("question.reply", _("Reply on %(kpi)s"), "kpi")
RESOLVED = R("question.resolved", _("Resolved"))
CONSENT_SET = R(
    "value.consent", _("Publication consent: %(consent)s"), "consent", choices={"consent": KpiValue.Consent}
)
PUBLISHED = R("cycle.published", _("Published within the consent"))
UNPUBLISHED = R("cycle.unpublished", _("Unpublished by the city"))
