"""The admin asks Secretariat staff for a TOTP code (django-otp) when U4SSC_ADMIN_REQUIRE_OTP is on."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_now(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows, computed from the device's key (as the phone would)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def otp_required(settings):
    settings.U4SSC_ADMIN_REQUIRE_OTP = True


def _enrol(client) -> TOTPDevice:
    page = client.get(reverse("otp:enrol"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    response = client.post(reverse("otp:enrol"), {"token": totp_now(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    return device


@pytest.mark.django_db
def test_admin_refuses_a_secretariat_member_without_a_second_factor(client, cast, otp_required):
    client.force_login(cast.secretariat)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    login_page = client.get(response["Location"])
    assert reverse("otp:verify") in login_page.content.decode()


@pytest.mark.django_db
def test_enrolment_shows_a_qr_code_and_the_otpauth_uri(client, cast, otp_required):
    client.force_login(cast.secretariat)
    body = client.get(reverse("otp:enrol")).content.decode()
    assert "<svg " in body and 'role="img"' in body
    assert "otpauth://totp/" in body
    assert TOTPDevice.objects.filter(user=cast.secretariat, confirmed=False).count() == 1
    client.get(reverse("otp:enrol"))  # a reload reuses the same unconfirmed device
    assert TOTPDevice.objects.filter(user=cast.secretariat).count() == 1


@pytest.mark.django_db
def test_a_real_totp_code_confirms_the_device_and_opens_the_admin(client, cast, otp_required):
    client.force_login(cast.secretariat)
    _enrol(client)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_confirms_nothing(client, cast, otp_required):
    client.force_login(cast.secretariat)
    client.get(reverse("otp:enrol"))
    device = TOTPDevice.objects.get(user=cast.secretariat)
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("otp:enrol"), {"token": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_a_new_session_must_verify_again_with_a_fresh_code(client, cast, otp_required):
    client.force_login(cast.secretariat)
    device = _enrol(client)
    client.logout()
    client.force_login(cast.secretariat)
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.post(
        reverse("otp:verify"), {"token": totp_now(device, steps_ahead=1), "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_the_code_used_at_enrolment_cannot_be_replayed(client, cast, otp_required):
    client.force_login(cast.secretariat)
    device = _enrol(client)
    client.logout()
    client.force_login(cast.secretariat)
    replay = client.post(reverse("otp:verify"), {"token": totp_now(device), "next": "/admin/"})
    assert replay.status_code == 200
    assert "That code is not right" in replay.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_wrong_codes_throttle_the_next_attempt(client, cast, otp_required):
    client.force_login(cast.secretariat)
    device = _enrol(client)
    client.logout()
    client.force_login(cast.secretariat)
    wrong = f"{(int(totp_now(device, steps_ahead=1)) + 1) % 1_000_000:06d}"
    client.post(reverse("otp:verify"), {"token": wrong})
    # Straight after a failure even the right code waits (django-otp's exponential back-off).
    response = client.post(reverse("otp:verify"), {"token": totp_now(device, steps_ahead=1)})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_a_stolen_password_cannot_enrol_a_second_device(client, cast, otp_required):
    client.force_login(cast.secretariat)
    _enrol(client)
    client.logout()
    client.force_login(cast.secretariat)  # password only: not verified
    response = client.get(reverse("otp:enrol"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp:verify"))
    assert TOTPDevice.objects.filter(user=cast.secretariat).count() == 1


@pytest.mark.django_db
def test_verify_refuses_an_unsafe_next_url(client, cast, otp_required):
    client.force_login(cast.secretariat)
    device = _enrol(client)
    client.logout()
    client.force_login(cast.secretariat)
    response = client.post(
        reverse("otp:verify"), {"token": totp_now(device, steps_ahead=1), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


@pytest.mark.django_db
def test_people_outside_the_secretariat_get_no_second_factor_pages(client, cast, otp_required):
    client.force_login(cast.focal_a)
    assert client.get(reverse("otp:enrol")).status_code == 403
    assert client.get(reverse("otp:verify")).status_code == 403
    assert not TOTPDevice.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("otp:verify"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_without_the_setting_the_admin_needs_no_second_factor(client, cast, settings):
    settings.U4SSC_ADMIN_REQUIRE_OTP = False
    client.force_login(cast.secretariat)
    assert client.get(reverse("admin:index")).status_code == 200
