"""Why index records changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R

METHODOLOGY_DRAFTED = R("methodology.drafted", _("Drafted"))
METHODOLOGY_EDITED = R("methodology.edited", _("Draft edited"))
METHODOLOGY_PUBLISHED = R("methodology.published", _("Published"))
EDITION_REQUESTED = R("edition.requested", _("Requested"))
EDITION_COMPUTED = R("edition.computed", _("Computed"))
EDITION_PUBLISHED = R("edition.published", _("Published (frozen)"))
EDITION_RECOMPUTE = R("edition.recompute", _("Recompute requested"))
