"""The admin's second factor (django-otp TOTP): enrol an authenticator app, then verify a code.

In production (settings.U4SSC_ADMIN_REQUIRE_OTP) the admin refuses a Secretariat member until
the session is OTP-verified (kernel.admin_base). The flow:

    /admin/login/           password (axes throttles it)
    /admin/second-factor/         enter the 6-digit code of a confirmed TOTP device  -> admin
    /admin/second-factor/enrol/   first time: scan the QR code, confirm with one code -> admin

Enrolling is open to a person who may keep the registers and has no confirmed device yet
(trust on first use, the usual TOTP bootstrap), or who has already verified this session
(to add a replacement phone). Someone holding only a stolen password cannot add a device to
an account that already has one. Lost devices are removed by another Secretariat member.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.rulebook import can

DEVICE_NAME = "Authenticator app"


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code from your authenticator app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("The code is made of digits only.")
        return token


def _may_enter_admin(user) -> bool:
    return user.is_active and (user.is_superuser or can(user, "registers.keep"))


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # An inline SVG: no inline style, no script, so the Content-Security-Policy stays strict.
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code for your authenticator app" class="otp-qr" ', 1
    )


def _secret_for_typing(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _refuse_outsiders(request) -> None:
    if not _may_enter_admin(request.user):
        raise PermissionDenied("The admin is for Secretariat staff only.")


@never_cache
@sensitive_post_parameters("token")
@login_required
def verify(request):
    """Enter a code from a confirmed device: the session becomes OTP-verified."""
    _refuse_outsiders(request)
    devices = list(_confirmed_devices(request.user))
    next_url = _next_url(request)
    if not devices:
        messages.info(request, "Set up an authenticator app first: the admin asks for its code.")
        return redirect(f"{reverse('otp:enrol')}?next={next_url}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp throttles each device after a wrong code (the delay doubles each time).
        open_devices = [device for device in devices if device.verify_is_allowed()[0]]
        for device in open_devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(next_url)
        if not open_devices:
            form.add_error(
                "token", "Too many wrong codes: wait a little before you try again (the delay doubles)."
            )
        else:
            form.add_error("token", "That code is not right. Codes change every 30 seconds: try the new one.")
    return render(request, "portal/otp/verify.html", {"form": form, "next": next_url})


@never_cache
@sensitive_post_parameters("token")
@login_required
def enrol(request):
    """Set up a TOTP device: scan the QR code (or type the secret), then confirm one code."""
    _refuse_outsiders(request)
    user = request.user
    next_url = _next_url(request)
    if _confirmed_devices(user).exists() and not user.is_verified():
        messages.info(
            request,
            "You already have an authenticator app. Enter its code; if you lost it, ask another "
            "Secretariat member to remove the device in the admin.",
        )
        return redirect(f"{reverse('otp:verify')}?next={next_url}")
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        )
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
            otp_login(request, device)
            messages.success(request, "Your authenticator app is set up. The admin will ask for its code.")
            return redirect(next_url)
        form.add_error(
            "token", "That code is not right. Check the clock of your phone and enter the current code."
        )
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # generated by qrcode, not user input
        "otpauth_uri": device.config_url,
        "secret": _secret_for_typing(device),
    }
    return render(request, "portal/otp/enrol.html", context)


app_name = "otp"
urlpatterns = [
    path("", verify, name="verify"),
    path("enrol/", enrol, name="enrol"),
]
