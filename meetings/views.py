"""Meeting pages, downloads, the report PDF and calendar feeds. Thin: parse, call one service or
selector, render. Hidden meetings and files answer 404."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.rulebook import RuleDenied, can
from kernel.cache import Fragments
from kernel.downloads import private_file_response
from kernel.pdf import PdfUnavailable, weasyprint_missing
from kernel.queue import enqueue_on_commit
from kernel.refusals import attempt
from meetings import calendars, report, selectors, services
from meetings.forms import EMeetingForm, MarkHeldForm, MeetingDecisionForm, MinutesForm, RegistrationForm
from meetings.models import Meeting, Registration
from meetings.tasks import render_meeting_report

PAGE_SIZE = 20


def meeting_list(request):
    upcoming = Paginator(selectors.meeting_list_upcoming(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("upcoming")
    )
    past = Paginator(selectors.meeting_list_past(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("past")
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_schedule": bool(
                request.user.is_authenticated and selectors.emeeting_scopes_for(user=request.user)
            ),
            "calendar_url": (
                request.build_absolute_uri(
                    reverse("meetings:calendar_personal", args=[request.user.calendar_token])
                )
                if request.user.is_authenticated
                else None
            ),
        },
    )


def _detail_context(request, meeting: Meeting, **extra) -> dict:
    context = {"meeting": meeting, "now": timezone.now()}
    if meeting.kind == Meeting.Kind.ANNUAL:
        # The programme and the decisions, the same for everyone inside (or outside) the Partners'
        # audience: rendered once per write to the registers other than a vote, not per reader
        # (issue 17: every participant reads the meeting page at the annual meeting).
        insider = selectors.sees_partners_only(request.user)
        key = f"meeting:{meeting.pk}:programme:{int(insider)}"
        parts = Fragments([key], scopes=("content",))
        programme = parts.get(
            key,
            lambda: render_to_string(
                "meetings/_programme.html",
                {
                    "sessions": selectors.meeting_programme(meeting=meeting, user=request.user),
                    "decisions": selectors.meeting_decisions_outside_sessions(meeting=meeting),
                },
            ),
        )
        parts.save()
        context.update(
            programme=mark_safe(programme),  # noqa: S308 (rendered by a template)
            registration_open=services.registration_is_open(meeting),
            can_manage=can(request.user, "meeting.manage"),
            can_frame=can(request.user, "meeting.frame_agenda"),
            agenda_actions=services.AGENDA_LIFECYCLE.available(meeting, request.user),
            report_published=report.report_published(meeting),
            report_draft_readable=selectors.sees_partners_only(request.user),
            can_publish_report=services.meeting_report_publishable(meeting)
            and can(request.user, "meeting.report.publish", meeting),
        )
        context.setdefault("registration_form", RegistrationForm(user=request.user))
    else:
        context.update(
            minutes=selectors.meeting_minutes(meeting=meeting),
            meeting_actions=services.MEETING_LIFECYCLE.available(meeting, request.user),
        )
        context.setdefault("minutes_form", MinutesForm())
        context.setdefault("held_form", MarkHeldForm(initial={"held_on": timezone.localdate()}))
    context.update(extra)
    return context


@require_GET
def meeting_detail(request, slug):
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


REGISTERED_MESSAGES = {
    services.ADDRESS_VERIFIED: (
        _("Thank you: you are registered. The Secretariat will confirm your registration by email.")
    ),
    services.ADDRESS_CHECK_SENT: (
        _(
            "Thank you: you are registered. We have sent an email to %(email)s: open the link in it to confirm "
            "that the address is yours. The Secretariat writes about your registration only to a confirmed address."
        )
    ),
    services.ADDRESS_CHECK_USED_TODAY: (
        _(
            "Thank you: you are registered. An email asking to confirm %(email)s was already sent and answered today, "
            "and we send at most one a day: the Secretariat can ask you to confirm the address for this registration "
            "from tomorrow. It writes about your registration only to a confirmed address."
        )
    ),
    services.ADDRESS_CHECK_ALREADY_SENT: (
        _(
            "Thank you: you are registered. An email asking to confirm %(email)s was already sent today (we send "
            "at most one a day): its link confirms this registration too. The Secretariat writes about your "
            "registration only to a confirmed address."
        )
    ),
}


@require_POST
def meeting_register(request, slug):
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        done = attempt(
            request,
            services.registration_create,
            form=form,
            meeting=meeting,
            person=request.user,
            **form.cleaned_data,
        )
        if done:
            registration = done.value
            messages.success(
                request, REGISTERED_MESSAGES[registration.address_check] % {"email": registration.email}
            )
            return redirect(meeting)
    context = _detail_context(request, meeting, registration_form=form)
    return render(request, "meetings/meeting_detail.html", context, status=400)


def _address_check_unusable(request, error: services.AddressCheckUnusable):
    return render(
        request,
        "meetings/address_check_unusable.html",
        {"message": error.message, "kind": error.kind},
        status=404 if error.kind == "unknown" else 410,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_address_confirm(request, token: str):
    """The link in the "please confirm your address" email (anyone holding it: the token is the
    capability). GET only shows what the button will confirm, since mail scanners follow links;
    the POST confirms."""
    try:
        check = services.address_check_for_token(token)
    except services.AddressCheckUnusable as error:
        return _address_check_unusable(request, error)
    if request.method == "POST":
        try:
            registrations = services.registration_address_confirm(token=token)
        except services.AddressCheckUnusable as error:
            return _address_check_unusable(request, error)
        return render(
            request,
            "meetings/address_check.html",
            {"check": check, "registrations": registrations, "confirmed": True},
        )
    registrations = list(services.address_check_registrations(check))
    return render(
        request,
        "meetings/address_check.html",
        {"check": check, "registrations": registrations, "confirmed": False},
    )


AGENDA_STEPS = {
    "agree": services.meeting_agenda_agree,
    "publish": services.meeting_agenda_publish,
    "return": services.meeting_agenda_return,
}


@login_required
@require_POST
def meeting_agenda(request, slug):
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    step = AGENDA_STEPS.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, gettext("Unknown step."))
        return redirect(meeting)
    done = attempt(request, step, by=request.user, meeting=meeting, denied=True)
    if done:
        meeting = done.value
        messages.success(
            request,
            gettext("The agenda is now “%(agenda_status)s”.")
            % {"agenda_status": meeting.get_agenda_status_display()},
        )
    return redirect(meeting)


def _secretariat_meeting(request, slug) -> Meeting:
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    if meeting.kind != Meeting.Kind.ANNUAL or not can(request.user, "meeting.manage"):
        raise Http404("No such page.")
    return meeting


@login_required
@require_GET
def meeting_participants(request, slug):
    meeting = _secretariat_meeting(request, slug)
    page = Paginator(selectors.meeting_participants(meeting=meeting), 100).get_page(request.GET.get("page"))
    for registration in page:  # the Confirm / Decline buttons each row offers
        registration.actions = services.REGISTRATION_LIFECYCLE.available(registration, request.user)
    return render(request, "meetings/participants.html", {"meeting": meeting, "page": page})


def _csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_GET
def meeting_participants_csv(request, slug):
    meeting = _secretariat_meeting(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-participants.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("Name"),
            gettext("Organisation"),
            gettext("Country"),
            gettext("Email"),
            gettext("Attendance"),
            gettext("Status"),
            gettext("Registered at"),
            gettext("Address confirmed at"),
        ]
    )
    for r in selectors.meeting_participants(meeting=meeting).iterator():
        writer.writerow(
            [_csv_cell(v) for v in (r.shown_name, r.organisation, r.country, r.email)]
            + [
                r.get_attendance_display(),
                r.get_status_display(),
                timezone.localtime(r.created_at).isoformat(),
                timezone.localtime(r.email_confirmed_at).isoformat() if r.email_confirmed_at else "",
            ]
        )
    return response


@login_required
@require_POST
def registration_decide(request, slug, pk):
    meeting = _secretariat_meeting(request, slug)
    registration = get_object_or_404(Registration, pk=pk, meeting=meeting)
    decision = request.POST.get("decision")
    action = {
        "confirm": services.registration_confirm,
        "check_address": services.registration_address_check_resend,
    }.get(decision, services.registration_decline)
    done = attempt(request, action, by=request.user, registration=registration, denied=True)
    if done:
        if decision == "check_address":
            messages.success(
                request,
                gettext("An email asking to confirm %(email)s is on its way.") % {"email": done.value.email},
            )
        else:
            messages.success(request, f"{done.value.name}: {done.value.get_status_display()}.")
    return redirect("meetings:participants", slug=meeting.slug)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_decision_create(request, slug):
    meeting = _secretariat_meeting(request, slug)
    form = MeetingDecisionForm(request.POST or None, meeting=meeting)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            services.meeting_decision_record,
            form=form,
            denied=True,
            by=request.user,
            meeting=meeting,
            **form.cleaned_data,
        )
    ):
        messages.success(request, gettext("The decision is recorded."))
        return redirect(meeting)
    return render(request, "meetings/decision_form.html", {"meeting": meeting, "form": form})


# E-meetings and minutes -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def emeeting_create(request):
    scopes = selectors.emeeting_scopes_for(user=request.user)
    if not scopes:
        raise Http404("You do not schedule e-meetings.")
    initial = {"scope": request.GET.get("for", "")}
    form = EMeetingForm(request.POST or None, scopes=scopes, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            services.emeeting_schedule,
            form=form,
            denied=True,
            by=request.user,
            **form.service_kwargs(),
        )
        if done:
            if done.value.status == Meeting.Status.HELD:
                messages.success(
                    request, gettext("The e-meeting is recorded as held; its minutes can be uploaded.")
                )
            else:
                messages.success(
                    request, gettext("The e-meeting is scheduled. It is in the calendars of those invited.")
                )
            return redirect(done.value)
    return render(request, "meetings/emeeting_form.html", {"form": form}, status=400 if form.errors else 200)


def _emeeting(request, slug) -> Meeting:
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    if meeting.kind != Meeting.Kind.E_MEETING:
        raise Http404("Not an e-meeting.")
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def minutes_upload(request, slug):
    meeting = _emeeting(request, slug)
    _, upload_action = services.emeeting_actions(meeting)
    if not can(request.user, upload_action, meeting):
        raise RuleDenied(upload_action)  # they may see the e-meeting, but not upload its minutes
    form = MinutesForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            done = attempt(
                request,
                services.minutes_upload,
                form=form,
                field="file",
                denied=True,
                by=request.user,
                meeting=meeting,
                file=form.cleaned_data["file"],
            )
            if done:
                messages.success(
                    request,
                    gettext("Minutes uploaded (version %(version)s).") % {"version": done.value.version},
                )
                return redirect(meeting)
            status = 403 if done.denied else 400
        else:
            status = 400
    return render(request, "meetings/minutes_form.html", {"meeting": meeting, "form": form}, status=status)


@login_required
@require_POST
def emeeting_held(request, slug):
    meeting = _emeeting(request, slug)
    form = MarkHeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the date the e-meeting was held."))
        return redirect(meeting)
    if attempt(
        request,
        services.emeeting_mark_held,
        denied=True,
        by=request.user,
        meeting=meeting,
        held_on=form.cleaned_data["held_on"],
    ):
        messages.success(request, gettext("The e-meeting is marked as held; its minutes are now due."))
    return redirect(meeting)


@login_required
@require_POST
def emeeting_cancel(request, slug):
    meeting = _emeeting(request, slug)
    if attempt(request, services.emeeting_cancel, denied=True, by=request.user, meeting=meeting):
        messages.success(request, gettext("The e-meeting is cancelled."))
    return redirect(meeting)


@require_GET
def minutes_download(request, pk):
    minutes = selectors.minutes_get_visible(user=request.user, pk=pk)
    return private_file_response(
        minutes.file,
        filename=f"{minutes.meeting.slug}-minutes-v{minutes.version}{minutes.file.name[minutes.file.name.rfind('.') :]}",
        content_type=minutes.content_type,
    )


@require_GET
def presentation_download(request, pk):
    presentation = selectors.presentation_get_visible(user=request.user, pk=pk)
    if not presentation.file:
        return HttpResponseRedirect(presentation.url)
    name = presentation.file.name.rsplit("/", 1)[-1]
    from kernel.uploads import detect_type

    with presentation.file.open("rb") as handle:
        content_type = detect_type(handle) or "application/octet-stream"
    return private_file_response(presentation.file, filename=name, content_type=content_type)


@login_required
@require_GET
def minutes_overdue(request):
    overdue = selectors.minutes_overdue_for(user=request.user)
    if overdue is None:
        raise Http404("This page is for the Secretariat and the Leaders.")
    page = Paginator(overdue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/minutes_overdue.html",
        {"page": page, "today": timezone.localdate(), "due_days": settings.U4SSC_MINUTES_DUE_DAYS},
    )


# Report PDF ------------------------------------------------------------------------------------


@require_GET
def meeting_report(request, slug):
    """The published report, public in full; before that, the draft for the Partners' audience
    (rendered in a task: "being prepared" for them, never for a visitor, who gets a 404)."""
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    if meeting.kind != Meeting.Kind.ANNUAL:
        raise Http404("E-meetings have minutes, not a report.")
    filename = f"{meeting.slug}-report.pdf"
    if report.report_published(meeting):
        try:  # in the reader's language: rendered on the first request in it, then kept
            published = report.report_published_file(meeting=meeting, language=translation.get_language())
        except PdfUnavailable:
            return HttpResponse(
                gettext("The PDF cannot be produced at the moment. Please try again later."),
                status=503,
                content_type="text/plain",
            )
        return private_file_response(published, filename=filename, content_type="application/pdf")
    if not selectors.sees_partners_only(request.user):
        raise Http404("The report of this meeting has not been published yet.")
    version = report.report_content_version(report.report_data(meeting=meeting, draft=True))
    cached = report.report_cached(meeting=meeting, version=version)
    if cached is not None:
        return private_file_response(
            cached.file, filename=f"{meeting.slug}-report-draft.pdf", content_type="application/pdf"
        )
    problem = weasyprint_missing()
    if problem is None and cache.add(f"meetings:report:{meeting.pk}:{version}", 1, timeout=120):
        enqueue_on_commit(render_meeting_report, meeting.pk, translation.get_language())  # the reader's
    return render(
        request,
        "meetings/report_preparing.html",
        {"meeting": meeting, "problem": problem},
        status=503 if problem else 202,
    )


@login_required
@require_POST
def meeting_report_publish(request, slug):
    meeting = selectors.meeting_get_visible(user=request.user, slug=slug)
    if attempt(request, services.meeting_report_publish, denied=True, by=request.user, meeting=meeting):
        messages.success(request, gettext("The report is published: anyone can now download it, in full."))
    return redirect(meeting)


# Calendars ---------------------------------------------------------------------------------------


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar_public(request):
    return _ics(
        calendars.calendar_bytes(
            selectors.calendar_public(),
            name="U4SSC meetings",
            with_links=False,
            site=request.build_absolute_uri("/"),
        ),
        "u4ssc-meetings.ics",
    )


@require_GET
def calendar_personal(request, token):
    person = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if person is None or not token:
        raise Http404("Unknown calendar.")
    body = calendars.calendar_bytes(
        selectors.calendar_personal(person=person),
        name=gettext("My U4SSC e-meetings"),
        with_links=True,
        site=request.build_absolute_uri("/"),
    )
    response = _ics(body, "u4ssc-my-e-meetings.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
