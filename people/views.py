"""People pages: invitations, participants (Secretariat), profile, personal data and deletion.

The page that invites someone to a role is governance's (governance/views/invitations.py).

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
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kernel.i18n import remember_language
from kernel.refusals import attempt
from kernel.rules import require
from people import selectors, services
from people.forms import (
    AcceptInvitationForm,
    DeleteAccountForm,
    ParticipantFilterForm,
    ProfileForm,
)
from people.models import Invitation

Person = get_user_model()
PAGE_SIZE = 25


# Invitations (Secretariat) -------------------------------------------------------------


def site_url(request) -> str:
    """The portal's address as the Secretariat reached it (a host Django accepted, ALLOWED_HOSTS)."""
    return request.build_absolute_uri("/")


@login_required
def invitation_list(request):
    require(request.user, "people.invite")
    page = Paginator(selectors.invitation_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    for invitation in page:  # the Send again / Revoke buttons each row offers
        invitation.actions = services.INVITATION_LIFECYCLE.available(invitation, request.user)
    return render(request, "people/invitation_list.html", {"page": page})


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
        site_url=site_url(request),
    ):
        messages.success(
            request,
            gettext("Invitation sent again to %(email)s; the earlier link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("people:invitation_list")


@require_POST
@login_required
def invitation_revoke(request, pk: int):
    require(request.user, "people.invite")
    invitation = get_object_or_404(Invitation, pk=pk)
    if attempt(request, services.invitation_revoke, by=request.user, invitation=invitation):
        messages.success(
            request,
            gettext("Invitation of %(email)s revoked; its link no longer works.")
            % {"email": invitation.email},
        )
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
                messages.success(
                    request,
                    gettext("Welcome to U4SSC. You are now %(role_label)s.")
                    % {"role_label": invitation.role_label},
                )
            else:
                messages.success(
                    request,
                    gettext("Welcome to U4SSC. %(next_step)s")
                    % {"next_step": services.appointment_pending_text(invitation)},
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
        messages.success(
            request,
            (gettext("%(person)s reactivated.") if active else gettext("%(person)s deactivated."))
            % {"person": person},
        )
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
        messages.success(request, gettext("Your profile has been saved."))
        return redirect("people:profile")  # in the new language's prefix
    return render(request, "people/profile.html", {"form": form})


# The column names of "My data" (the keys of the export), as people read them.
DATA_LABELS = {
    "accepted_at": pgettext_lazy("column of My data", "Accepted at"),
    "address_confirmed_at": pgettext_lazy("column of My data", "Address confirmed at"),
    "attendance": pgettext_lazy("column of My data", "Attendance"),
    "call": pgettext_lazy("column of My data", "Call"),
    "cast_at": pgettext_lazy("column of My data", "Cast at"),
    "choice": pgettext_lazy("column of My data", "Choice"),
    "clause": pgettext_lazy("column of My data", "Clause"),
    "comment": pgettext_lazy("column of My data", "Comment"),
    "country": pgettext_lazy("column of My data", "Country"),
    "created_at": pgettext_lazy("column of My data", "Created at"),
    "current": pgettext_lazy("column of My data", "Current"),
    "date_joined": pgettext_lazy("column of My data", "Date joined"),
    "decision": pgettext_lazy("column of My data", "Decision"),
    "decision_id": pgettext_lazy("column of My data", "Decision id"),
    "deliverable": pgettext_lazy("column of My data", "Deliverable"),
    "email": pgettext_lazy("column of My data", "Email"),
    "ended_on": pgettext_lazy("column of My data", "Ended on"),
    "ends_on": pgettext_lazy("column of My data", "Ends on"),
    "expertise": pgettext_lazy("column of My data", "Expertise"),
    "first_name": pgettext_lazy("column of My data", "First name"),
    "handling": pgettext_lazy("column of My data", "Handling"),
    "is_active": pgettext_lazy("column of My data", "Is active"),
    "kind": pgettext_lazy("column of My data", "Kind"),
    "last_login": pgettext_lazy("column of My data", "Last login"),
    "last_name": pgettext_lazy("column of My data", "Last name"),
    "meeting": pgettext_lazy("column of My data", "Meeting"),
    "meeting_starts_at": pgettext_lazy("column of My data", "Meeting starts at"),
    "motivation": pgettext_lazy("column of My data", "Motivation"),
    "name": pgettext_lazy("column of My data", "Name"),
    "nominated_by": pgettext_lazy("column of My data", "Nominated by"),
    "optional_reminders": pgettext_lazy("column of My data", "Optional reminders"),
    "organisation": pgettext_lazy("column of My data", "Organisation"),
    "partner": pgettext_lazy("column of My data", "Partner"),
    "partner_acronym": pgettext_lazy("column of My data", "Partner acronym"),
    "primary": pgettext_lazy("column of My data", "Primary"),
    "receipt_code": pgettext_lazy("column of My data", "Receipt code"),
    "registered_at": pgettext_lazy("column of My data", "Registered at"),
    "role": pgettext_lazy("column of My data", "Role"),
    "sent_at": pgettext_lazy("column of My data", "Sent at"),
    "started_on": pgettext_lazy("column of My data", "Started on"),
    "starts_on": pgettext_lazy("column of My data", "Starts on"),
    "statement": pgettext_lazy("column of My data", "Statement"),
    "status": pgettext_lazy("column of My data", "Status"),
    "text": pgettext_lazy("column of My data", "Text"),
    "thematic_group": pgettext_lazy("column of My data", "Thematic group"),
    "title": pgettext_lazy("column of My data", "Title"),
    "tor_version": pgettext_lazy("column of My data", "Tor version"),
    "username": pgettext_lazy("column of My data", "Username"),
    "verified": pgettext_lazy("column of My data", "Verified"),
}


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
        return (
            {True: gettext("Yes"), False: gettext("No")}.get(value, value)
            if isinstance(value, bool)
            else value
        )

    return [
        (DATA_LABELS.get(name) or name.replace("_", " ").capitalize(), shown(value))
        for name, value in item.items()
    ]


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
            gettext(
                "Your account has been deleted. Your votes, comments and other governance records remain "
                "and are shown as “Former participant”."
            ),
        )
        return redirect("portal:home")
    return render(request, "people/delete_account.html", {"form": form})
