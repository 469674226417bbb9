"""Requests a person makes from the portal (DESIGN.md: the IP Leader "requests events and logo
use"): /requests/ lists the signed-in person's own logo-use requests (ToR 36), Hub requests
(ToR 30) and external-engagement notices (ToR 37-38); three forms make new ones. The rulebook
decides who may ask; the services validate, save and tell the Secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import urlencode
from django.utils.translation import gettext

from governance import selectors, services
from governance.forms import EngagementNoticeForm, HubRequestForm, LogoUseRequestForm
from governance.rulebook import can, require
from kernel.refusals import attempt

PAGE_SIZE = 20
TEMPLATES = "governance/requests"


SECTIONS = (
    ("logo", selectors.logo_requests_of),
    ("hubs", selectors.hub_requests_of),
    ("engagements", selectors.engagement_notices_of),
)


@login_required
def my_requests(request):
    """The person's own requests, each kind paged on its own (`?logo=2`, `?hubs=…`, `?engagements=…`)."""
    context = {}
    for name, rows in SECTIONS:
        page = Paginator(rows(request.user), PAGE_SIZE).get_page(request.GET.get(name))
        others = {key: value for key, value in request.GET.items() if key != name}
        context[name] = {"page": page, "rows": page.object_list, "param": name, "query": urlencode(others)}
    context["may"] = {
        "logo": can(request.user, "logo.request"),
        "hub": can(request.user, "hub.request"),
        "engagement": can(request.user, "engagement.notify"),
    }
    return render(request, f"{TEMPLATES}/list.html", context)


# The forms ----------------------------------------------------------------------------------


def _submit(request, form, service) -> bool:
    """Call the service with the form's data; a refusal becomes a form error, nothing is saved."""
    return bool(attempt(request, service, form=form, by=request.user, **form.cleaned_data))


@login_required
def logo_request_create(request):
    require(request.user, "logo.request")
    initial = {"organisation": getattr(request.user, "organisation", "")}
    form = LogoUseRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _submit(request, form, services.logo_use_request):
        messages.success(
            request,
            gettext(
                "Your request to use the U4SSC logo for %(organisation)s was sent to the Secretariat, which approves logo use (ToR 36). You will hear from them; its status is shown here."
            )
            % {"organisation": form.cleaned_data["organisation"]},
        )
        return redirect("governance:my_requests")
    return render(request, f"{TEMPLATES}/logo_form.html", {"form": form})


@login_required
def hub_request_create(request):
    require(request.user, "hub.request")
    form = HubRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _submit(request, form, services.hub_request):
        messages.success(
            request,
            gettext(
                "Your request for the Hub “%(name)s” was sent to the Secretariat, which puts it to the Partners for approval (ToR 30). You are its contact."
            )
            % {"name": form.cleaned_data["name"].strip()},
        )
        return redirect("governance:my_requests")
    return render(request, f"{TEMPLATES}/hub_form.html", {"form": form})


@login_required
def engagement_notice_create(request):
    require(request.user, "engagement.notify")
    form = EngagementNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _submit(request, form, services.engagement_notify):
        messages.success(
            request,
            gettext("Thank you: the Secretariat has been told about “%(event)s” (ToR 37-38).")
            % {"event": form.cleaned_data["event"].strip()},
        )
        return redirect("governance:my_requests")
    return render(request, f"{TEMPLATES}/engagement_form.html", {"form": form})


urlpatterns = [
    path("requests/", my_requests, name="my_requests"),
    path("requests/logo/new/", logo_request_create, name="logo_request_create"),
    path("requests/hubs/new/", hub_request_create, name="hub_request_create"),
    path("requests/engagements/new/", engagement_notice_create, name="engagement_notice_create"),
]
