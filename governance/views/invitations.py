"""Inviting someone to a role (ToR 24, 42): the Secretariat's form at /invitations/new/.

The roles are governance's facts, so the page is here; the invitation list, "send again",
"revoke" and accepting a link are people's pages (people/views.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from governance import services
from governance.forms import InvitationForm
from governance.rulebook import require
from kernel.refusals import attempt
from people.views import site_url


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
            site_url=site_url(request),
        )
        if done:
            invitation = done.value
            messages.success(
                request,
                _("Invitation sent to %(email)s as %(role)s.")
                % {"email": invitation.email, "role": invitation.role_label},
            )
            return redirect("people:invitation_list")
    return render(request, "people/invitation_form.html", {"form": form})


urlpatterns = [
    path("invitations/new/", invitation_create, name="invitation_create"),
]
