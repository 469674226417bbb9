"""The portal's addresses.

Public pages are under a language prefix (`/fr/tor/`, `/ar/meetings/`), English without one
(`/tor/`): `i18n_patterns(prefix_default_language=False)`, so every English address stays what it
was. Unprefixed by design, in the language of the cookie or the browser (kernel/i18n.py):
- /admin/ and /accounts/: a person's own screens, never shared as links nor indexed; allauth's
  emailed links and the second-factor gate (portal/mfa.py) keep one address each;
- /api/: a machine interface, one URL per resource, its human messages follow Accept-Language;
- /healthz, /favicon.ico, /robots.txt, /sitemap.xml, /i18n/setlang/: one address each.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.i18n import set_language

from portal import favicon, health, sitemaps, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.sitemap),  # cached for anonymous visitors (kernel/middleware.py)
        {"sitemaps": sitemaps.SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # The header's language switcher posts here from every page. No CSRF token: one would make
    # every public page uncacheable (kernel/middleware.py), and a forged post can only change the
    # visitor's display language (a cookie), nothing they own. Django's view checks the language
    # and keeps `next` on this site.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/", include("api.urls")),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("portal.urls")),
    path("", include("people.urls")),
    path("", include("governance.urls")),
    path("", include("thematic_groups.urls")),
    path("", include("kpis.urls")),
    path("", include("index.urls")),
    path("", include("meetings.urls")),
    path("", include("reminders.urls")),
    prefix_default_language=False,
)
