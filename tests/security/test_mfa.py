"""The second factor (allauth.mfa): the Secretariat must have one, focal points when the Secretariat
says so, everyone else may. TOTP codes here are computed from the stored secret, as a phone would;
recovery codes are read from the account's own list. Everything goes through the real forms."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client
from django.urls import reverse

from kernel.reasons import said
from portal.models import SecuritySettings
from tests.security.conftest import PASSWORD, sign_in

DASHBOARD = "/me/"


def totp_code(secret: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods of 30 seconds later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps_ahead))


def stored_secret(user) -> str:
    return decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])


# Setting a factor up counts for the session through allauth's `authenticator_added` signal, which
# it sends after commit: tests that go on in the enrolling session need real commits.
ENROLLING = pytest.mark.django_db(transaction=True)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def enforced(settings):
    settings.U4SSC_MFA_ENFORCED = True


def enrol_totp(client) -> str:
    """Set up an authenticator app through /accounts/2fa/totp/activate/; returns its secret.
    allauth asks for the password again first (changing one's factors needs a fresh proof)."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("account_reauthenticate"))
    confirmed = client.post(page["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    body = page.content.decode()
    secret = client.session["mfa.totp.secret"]
    assert "data:image/svg+xml" in body  # the QR code, an image (img-src 'self' data:)
    assert secret in body  # and the secret to type in by hand
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


@pytest.mark.django_db
def test_the_secretariat_is_sent_to_set_up_a_second_factor_before_anything_else(client, verified, enforced):
    assert sign_in(client, "secretariat").status_code == 302
    for url in (DASHBOARD, "/admin/", "/decisions/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_index"), url
    page = client.get(reverse("mfa_index"), follow=True)
    assert "Your role needs a second factor" in page.content.decode()


@ENROLLING
def test_totp_enrolment_then_sign_in_with_a_code_opens_the_admin(client, verified, enforced):
    sign_in(client, "secretariat")
    secret = enrol_totp(client)
    assert stored_secret(verified.secretariat) == secret
    # Recovery codes come with the first authenticator.
    assert Authenticator.objects.filter(user=verified.secretariat, type="recovery_codes").exists()
    assert client.get("/admin/").status_code == 200  # this session set the factor up

    fresh = Client()
    response = sign_in(fresh, "secretariat")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(fresh)  # the password alone is not enough
    assert fresh.get("/admin/").status_code == 302
    # The enrolment's code is spent: the next one (allowed by MFA_TOTP_TOLERANCE) signs in.
    response = fresh.post(reverse("mfa_authenticate"), {"code": totp_code(secret, steps_ahead=1)})
    assert response.status_code == 302 and signed_in(fresh)
    assert fresh.get("/admin/").status_code == 200
    assert fresh.get(DASHBOARD).status_code == 200


@pytest.mark.django_db
def test_a_wrong_or_replayed_totp_code_does_not_sign_in(client, verified, enforced):
    sign_in(client, "secretariat")
    secret = enrol_totp(client)
    attacker = Client()
    sign_in(attacker, "secretariat")
    wrong = f"{(int(totp_code(secret, steps_ahead=1)) + 1) % 1_000_000:06d}"
    response = attacker.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200 and not signed_in(attacker)
    assert "Incorrect code" in response.content.decode()
    owner = Client()
    sign_in(owner, "secretariat")
    code = totp_code(secret, steps_ahead=1)
    owner.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(owner)
    replay = attacker.post(reverse("mfa_authenticate"), {"code": code})  # seen over a shoulder
    assert replay.status_code == 200 and not signed_in(attacker)


@ENROLLING
def test_a_recovery_code_signs_in_once_and_never_again(client, verified, enforced):
    """A lost phone: a recovery code replaces it, no other Secretariat member needed."""
    sign_in(client, "secretariat")
    enrol_totp(client)
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = RecoveryCodes(
        Authenticator.objects.get(user=verified.secretariat, type="recovery_codes")
    ).get_unused_codes()
    assert len(codes) == 10 and all(code in codes_page for code in codes)

    phone_lost = Client()
    sign_in(phone_lost, "secretariat")
    response = phone_lost.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302 and signed_in(phone_lost)
    assert phone_lost.get("/admin/").status_code == 200
    left = RecoveryCodes(Authenticator.objects.get(user=verified.secretariat, type="recovery_codes"))
    assert codes[0] not in left.get_unused_codes() and len(left.get_unused_codes()) == 9

    again = Client()
    sign_in(again, "secretariat")
    refused = again.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert refused.status_code == 200 and not signed_in(again)
    assert again.get("/admin/").status_code == 302


@ENROLLING
def test_focal_points_need_a_second_factor_only_when_the_secretariat_turns_it_on(client, verified, enforced):
    sign_in(client, "focal_a")
    assert client.get(DASHBOARD).status_code == 200  # off by default: offered, not required

    SecuritySettings(require_mfa_for_focal_points=True).save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    enrol_totp(client)
    assert client.get(DASHBOARD).status_code == 200

    # Others are never forced, even with the setting on.
    other = Client()
    sign_in(other, "participant")
    assert other.get(DASHBOARD).status_code == 200


@pytest.mark.django_db
def test_anyone_may_add_a_second_factor_and_is_then_asked_for_it(client, verified, enforced):
    sign_in(client, "participant")
    secret = enrol_totp(client)
    fresh = Client()
    response = sign_in(fresh, "participant")
    assert response["Location"] == reverse("mfa_authenticate") and not signed_in(fresh)
    fresh.post(reverse("mfa_authenticate"), {"code": totp_code(secret, steps_ahead=1)})
    assert signed_in(fresh)


@pytest.mark.django_db
def test_a_session_that_skipped_the_second_factor_must_confirm_it(client, verified, enforced):
    """Enrolled elsewhere, but this session only saw the password: confirm before going on."""
    sign_in(client, "secretariat")
    secret = enrol_totp(client)
    old = Client()
    old.force_login(verified.secretariat)
    response = old.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))
    old.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret, steps_ahead=1)})
    assert old.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_admin_login_is_the_portal_sign_in(client, verified):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/"
    sign_in(client, "participant")
    assert client.get("/admin/login/?next=/admin/").status_code == 403  # signed in, not staff
    staff = Client()
    sign_in(staff, "secretariat")
    response = staff.get("/admin/login/?next=/admin/people/person/")
    assert response.status_code == 302 and response["Location"] == "/admin/people/person/"
    outside = staff.get("/admin/login/?next=https://evil.example/")
    assert outside["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_secretariat_turns_the_focal_point_requirement_on_in_the_admin_with_history(client, verified):
    sign_in(client, "secretariat")
    assert client.get("/admin/portal/securitysettings/").status_code == 200
    response = client.post("/admin/portal/securitysettings/add/", {"require_mfa_for_focal_points": "on"})
    assert response.status_code == 302
    assert client.get("/admin/portal/securitysettings/add/").status_code == 403  # one row only
    change = "/admin/portal/securitysettings/1/change/"
    assert client.post(change, {}).status_code == 302  # off
    assert client.post(change, {"require_mfa_for_focal_points": "on"}).status_code == 302  # on again
    row = SecuritySettings.current()
    assert row.require_mfa_for_focal_points
    states = [(h.require_mfa_for_focal_points, h.history_user) for h in row.history.order_by("history_id")]
    assert states == [
        (True, verified.secretariat),
        (False, verified.secretariat),
        (True, verified.secretariat),
    ]
    assert (
        said(row.history.latest().history_change_reason)
        == "Second factor for focal points turned on by secretariat"
    )
    assert client.get("/admin/portal/securitysettings/1/delete/").status_code == 403
    # A focal point may not change it.
    focal = Client()
    sign_in(focal, "focal_a")
    assert focal.post(change, {}).status_code == 302  # to the sign-in: not the admin
    assert SecuritySettings.current().require_mfa_for_focal_points
