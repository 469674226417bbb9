"""Who must have a second factor, and the one sign-in flow (allauth.mfa) for the portal and the admin.

- The Secretariat (and superusers) must have a second factor: an authenticator app (TOTP) or a
  passkey (WebAuthn). Focal points must too when the Secretariat turns it on
  (`portal.models.SecuritySettings.require_mfa_for_focal_points`, in the admin). Everyone else may
  add one from their profile (/accounts/2fa/).
- allauth asks for the second factor at sign-in once a person has one; recovery codes are made
  with the first authenticator and replace a lost phone (each code works once).
- `RequireSecondFactorMiddleware` sends a person who must have one and has none to set it up
  before any other page, and a session that has not passed it (signed in before the person
  enrolled elsewhere) to confirm it. `/accounts/` (sign-in, sign-out, the MFA pages) stays open.
- The admin has no login of its own: /admin/login/ sends to /accounts/login/?next=... and its gate
  (`kernel.admin_base.secretariat_has_permission`) asks `second_factor_passed` as well.
- `settings.U4SSC_MFA_ENFORCED` (on unless turned off; the test settings turn it off because
  tests sign in with force_login) switches the requirement, not the feature.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from governance.rulebook import principal_for
from portal.models import SecuritySettings

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)  # recovery codes only back them up
ENROLLED_SESSION_KEY = "u4ssc_mfa_enrolled_user"
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


def must_have_second_factor(user) -> bool:
    """The Secretariat always; focal points when the Secretariat requires it."""
    if not (settings.U4SSC_MFA_ENFORCED and user.is_authenticated and user.is_active):
        return False
    principal = principal_for(user)
    if principal.secretariat or principal.is_superuser or user.is_superuser:
        return True
    return bool(principal.partner_ids) and SecuritySettings.current().require_mfa_for_focal_points


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def second_factor_passed(request) -> bool:
    """This session signed in with a second factor (or passkey), or set one up."""
    user = request.user
    if request.session.get(ENROLLED_SESSION_KEY) == str(user.pk):
        return True
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


@receiver(authenticator_added)
def remember_enrolment(sender, request, user, authenticator, **kwargs):
    """Setting up a second factor counts for this session: the person just proved they hold it."""
    if request is not None and authenticator.type in SECOND_FACTORS:
        request.session[ENROLLED_SESSION_KEY] = str(user.pk)


class RequireSecondFactorMiddleware:
    """Send whoever must have a second factor to set it up (or confirm it) before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            # the session first (already read): past the second factor, nothing else is asked
            and not second_factor_passed(request)
            and must_have_second_factor(user)
        ):
            if not has_second_factor(user):
                messages.info(
                    request,
                    gettext(
                        "Your role needs a second factor: set up an authenticator app or a passkey to go on."
                    ),
                    fail_silently=True,
                )
                return redirect(reverse("mfa_index"))
            # Signed in before enrolling elsewhere: confirm the second factor in this session.
            return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))
        return self.get_response(request)


def admin_login(request, extra_context=None):
    """The admin's login page: the portal's sign-in (allauth, with its second-factor stage)."""
    from django.contrib import admin

    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, reverse("account_login"))
    if admin.site.has_permission(request):
        return redirect(next_url)
    raise PermissionDenied(gettext("The admin is for Secretariat staff only."))
