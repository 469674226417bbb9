"""People pages: invitations, participants (Secretariat), profile, personal data and deletion.

Thin views: parse input, call one service or selector, render. Sign-in, sign-up, email
verification, password reset and email change are django-allauth's flows (templates/account).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from governance.rulebook import require
from kernel.i18n import remember_language
from kernel.refusals import attempt
from people import selectors, services
from people.forms import (
    AcceptInvitationForm,
    DeleteAccountForm,
    InvitationForm,
    ParticipantFilterForm,
    ProfileForm,
)
from people.models import Invitation

Person = get_user_model()
PAGE_SIZE = 25


# Invitations (Secretariat) -------------------------------------------------------------


def _site_url(request) -> str:
    """The portal's address as the Secretariat reached it (a host Django accepted, ALLOWED_HOSTS)."""
    return request.build_absolute_uri("/")


@login_required
def invitation_list(request):
    require(request.user, "people.invite")
    page = Paginator(selectors.invitation_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    for invitation in page:  # the Send again / Revoke buttons each row offers
        invitation.actions = services.INVITATION_LIFECYCLE.available(invitation, request.user)
    return render(request, "people/invitation_list.html", {"page": page})


@login_required
def invitation_create(request):
    require(request.user, "people.invite")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            services.invitation_send,
            form=form,
            by=request.user,
            email=data["email"],
            role=data["role"],
            partner=data["partner"],
            title=data["title"],
            thematic_group=data["thematic_group"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            decided_by=data["decided_by"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            message=data["message"],
            site_url=_site_url(request),
        )
        if done:
            invitation = done.value
            messages.success(request, f"Invitation sent to {invitation.email} as {invitation.role_label}.")
            return redirect("people:invitation_list")
    return render(request, "people/invitation_form.html", {"form": form})


@require_POST
@login_required
def invitation_resend(request, pk: int):
    require(request.user, "people.invite")
    invitation = get_object_or_404(Invitation, pk=pk)
    if attempt(
        request,
        services.invitation_resend,
        by=request.user,
        invitation=invitation,
        site_url=_site_url(request),
    ):
        messages.success(
            request, f"Invitation sent again to {invitation.email}; the earlier link no longer works."
        )
    return redirect("people:invitation_list")


@require_POST
@login_required
def invitation_revoke(request, pk: int):
    require(request.user, "people.invite")
    invitation = get_object_or_404(Invitation, pk=pk)
    if attempt(request, services.invitation_revoke, by=request.user, invitation=invitation):
        messages.success(request, f"Invitation of {invitation.email} revoked; its link no longer works.")
    return redirect("people:invitation_list")


# Accepting an invitation (anyone with the link) ------------------------------------------


def _unusable(request, error: services.InvitationUnusable):
    status = 404 if error.kind == "unknown" else 410
    return render(
        request,
        "people/invitation_unusable.html",
        {"message": error.message, "kind": error.kind},
        status=status,
    )


@never_cache
def invitation_accept(request, token: str):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable as error:
        return _unusable(request, error)
    existing = services.account_for_email(invitation.email)
    signed_in_as_invitee = (
        existing is not None and request.user.is_authenticated and request.user.pk == existing.pk
    )
    form = None
    if existing is None:
        form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and (signed_in_as_invitee or (form is not None and form.is_valid())):
        data = form.cleaned_data if form is not None else {}
        try:
            done = attempt(
                request,
                services.invitation_accept,
                form=form,
                reraise=(services.InvitationUnusable,),
                token=token,
                user=request.user,
                password=data.get("password1"),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                organisation=data.get("organisation", ""),
                country=data.get("country", ""),
            )
        except services.InvitationUnusable as error:
            return _unusable(request, error)
        if done:
            if not signed_in_as_invitee:
                login(request, done.value, backend="django.contrib.auth.backends.ModelBackend")
            if invitation.role == invitation.Role.FOCAL_POINT:
                messages.success(request, f"Welcome to U4SSC. You are now {invitation.role_label}.")
            else:
                messages.success(
                    request, f"Welcome to U4SSC. {services.appointment_pending_text(invitation)}"
                )
            return redirect("portal:dashboard")
    return render(
        request,
        "people/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "existing": existing,
            "signed_in_as_invitee": signed_in_as_invitee,
        },
    )


# Participants (Secretariat) -------------------------------------------------------------


@login_required
def participant_list(request):
    require(request.user, "registers.keep")
    filters = ParticipantFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    people = selectors.participant_list(
        joined_within_days=int(data["joined"]) if data.get("joined") else None,
        status=data.get("status", ""),
        q=data.get("q", "").strip(),
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/participant_list.html",
        {"page": page, "filters": filters, "query": query.urlencode()},
    )


def _set_active(request, pk: int, *, active: bool):
    require(request.user, "registers.keep")
    person = get_object_or_404(Person, pk=pk, is_former=False)
    service = services.person_reactivate if active else services.person_deactivate
    if attempt(request, service, by=request.user, person=person):
        messages.success(request, f"{person} {'reactivated' if active else 'deactivated'}.")
    return redirect(request.POST.get("next") or "people:participant_list")


@require_POST
@login_required
def person_deactivate(request, pk: int):
    return _set_active(request, pk, active=False)


@require_POST
@login_required
def person_reactivate(request, pk: int):
    return _set_active(request, pk, active=True)


# The person's own account ----------------------------------------------------------------


@login_required
def profile(request):
    person = request.user
    initial = {name: getattr(person, name) for name in services.PROFILE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            services.person_update_profile,
            form=form,
            person=person,
            **{name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
        )
    ):
        # The portal follows the saved language from now on (a blank one: the browser's).
        remember_language(request, form.cleaned_data["language"])
        messages.success(request, "Your profile has been saved.")
        return redirect("people:profile")  # in the new language's prefix
    return render(request, "people/profile.html", {"form": form})


@login_required
@never_cache
def my_data(request):
    data = selectors.personal_data(request.user)
    sections = [
        (section.key, section.title, [_labelled(item) for item in data[section.key]])
        for section in selectors.personal_data_sections()
    ]
    return render(
        request,
        "people/my_data.html",
        {"exported_at": timezone.now(), "profile": _labelled(data["profile"]), "sections": sections},
    )


def _labelled(item: dict) -> list[tuple[str, object]]:
    def shown(value):
        return {True: "Yes", False: "No"}.get(value, value) if isinstance(value, bool) else value

    return [(name.replace("_", " ").capitalize(), shown(value)) for name, value in item.items()]


@login_required
@never_cache
def my_data_download(request):
    data = selectors.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="u4ssc-my-data-{stamp}.json"'
    return response


@login_required
@never_cache
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    deleted = (
        request.method == "POST"
        and form.is_valid()
        and attempt(request, services.person_anonymise, form=form, person=request.user, by=request.user)
    )
    if deleted:
        logout(request)
        messages.success(
            request,
            "Your account has been deleted. Your votes, comments and other governance records remain "
            "and are shown as “Former participant”.",
        )
        return redirect("portal:home")
    return render(request, "people/delete_account.html", {"form": form})
