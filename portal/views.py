from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from governance.rulebook import principal_for
from portal import selectors
from portal.actions import action_links


def home(request):
    return render(request, "portal/home.html", selectors.home_page(user=request.user))


@login_required
def dashboard(request):
    """My roles: the person's current roles, the scope of each, and when each mandate ends."""
    principal = principal_for(request.user)
    context = selectors.my_roles(user=request.user, principal=principal)
    context["today"] = timezone.localdate()
    context["waiting"] = selectors.waiting_for(user=request.user, principal=principal)
    context["actions"] = action_links(principal, led_groups=context["led_groups"])
    return render(request, "portal/dashboard.html", context)
