from django.contrib import admin
from django.urls import include, path

from portal import favicon, health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("portal.urls")),
    path("", include("people.urls")),
    path("", include("governance.urls")),
    path("", include("thematic_groups.urls")),
    path("", include("kpis.urls")),
    path("", include("index.urls")),
    path("", include("meetings.urls")),
    path("", include("reminders.urls")),
    path("api/", include("api.urls")),
]
