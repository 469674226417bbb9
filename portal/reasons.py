"""Why the portal's own settings changed (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R

MFA_FOCAL_POINTS_ON = R(
    "mfa.focal_points_on", _("Second factor for focal points turned on by %(who)s"), "who"
)
MFA_FOCAL_POINTS_OFF = R(
    "mfa.focal_points_off", _("Second factor for focal points turned off by %(who)s"), "who"
)
DEMO_DATA = R("demo.data", _("Illustrative demo data"))
