from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from governance.rulebook import principal_for
from kernel.cache import shows
from portal import selectors
from portal.actions import action_links


@shows("content")  # the latest deliverables and the next meetings: no ballot
def home(request):
    return render(request, "portal/home.html", selectors.home_page(user=request.user))


@shows("content", "voters")  # "your Partner has not voted on ...": who voted, not how
@login_required
def dashboard(request):
    """My roles: the person's current roles, the scope of each, and when each mandate ends."""
    principal = principal_for(request.user)
    context = selectors.my_roles(user=request.user, principal=principal)
    context["today"] = timezone.localdate()
    context["waiting"] = selectors.waiting_for(user=request.user, principal=principal)
    context["actions"] = action_links(principal, led_groups=context["led_groups"])
    return render(request, "portal/dashboard.html", context)


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages (and find them all in the sitemap, every language),
    not the personal screens."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
