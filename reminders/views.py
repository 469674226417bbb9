from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from governance.rulebook import can
from governance.selectors import decision_for_user
from kernel.refusals import attempt
from reminders.forms import ReminderPreferencesForm
from reminders.models import REQUIRED_KINDS, Kind
from reminders.services import ballot_remind_non_voters, reminder_preferences_set


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """The signed-in person turns optional reminders on or off (their own setting only)."""
    if request.method == "POST":
        form = ReminderPreferencesForm(request.POST)
        if form.is_valid():
            wanted = form.cleaned_data["optional_reminders"]
            reminder_preferences_set(person=request.user, optional_reminders=wanted)
            messages.success(
                request,
                gettext("Optional reminders are on.")
                if wanted
                else gettext("Optional reminders are off; required ones still come."),
            )
            return redirect("reminders:preferences")
    else:
        form = ReminderPreferencesForm(initial={"optional_reminders": request.user.optional_reminders})
    kinds = [(label, kind in REQUIRED_KINDS) for kind, label in Kind.choices]
    return render(request, "reminders/preferences.html", {"form": form, "kinds": kinds})


@login_required
@require_POST
def ballot_remind(request, pk: int):
    """The Secretariat reminds the focal points of the Partners that have not voted (from the
    ballot's page); at most one reminder a day per focal point and ballot."""
    decision = decision_for_user(request.user, pk)
    if not can(request.user, "decision.remind"):
        raise PermissionDenied(gettext("Only the Secretariat reminds the Partners of a ballot."))
    done = attempt(request, ballot_remind_non_voters, by=request.user, decision=decision)
    if done:
        sent, already = done.value
        if sent:
            if already:
                told = gettext(
                    "%(sent)s focal point(s) of Partners that have not voted were reminded"
                    " (%(already)s already reminded today)."
                )
            else:
                told = gettext("%(sent)s focal point(s) of Partners that have not voted were reminded.")
            messages.success(request, told % {"sent": sent, "already": already})
        else:
            messages.info(
                request,
                gettext(
                    "The %(already)s focal point(s) of Partners that have not voted were already reminded today: a reminder goes at most once a day."
                )
                % {"already": already},
            )
    return redirect(decision.get_absolute_url())
