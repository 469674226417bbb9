from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reminders.forms import ReminderPreferencesForm
from reminders.models import REQUIRED_KINDS, Kind
from reminders.services import reminder_preferences_set


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
                "Optional reminders are on."
                if wanted
                else "Optional reminders are off; required ones still come.",
            )
            return redirect("reminders:preferences")
    else:
        form = ReminderPreferencesForm(initial={"optional_reminders": request.user.optional_reminders})
    kinds = [(label, kind in REQUIRED_KINDS) for kind, label in Kind.choices]
    return render(request, "reminders/preferences.html", {"form": form, "kinds": kinds})
