"""Why accounts and invitations changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R

INVITATION_SENT_AGAIN = R("invitation.sent_again", _("Invitation sent again with a new link"))
INVITATION_REVOKED = R("invitation.revoked", _("Invitation revoked"))
INVITATION_ACCEPTED = R("invitation.accepted", _("Invitation accepted"))
ACCOUNT_CREATED = R("account.created", _("Account created from an invitation"))
PROFILE_EDITED = R("account.profile_edited", _("Profile edited by the person"))
ACCOUNT_DEACTIVATED = R("account.deactivated", _("Account deactivated by the Secretariat"))
ACCOUNT_REACTIVATED = R("account.reactivated", _("Account reactivated by the Secretariat"))
PERSONAL_DATA_DELETED = R("account.erased", _("Personal data deleted at the person's request"))
