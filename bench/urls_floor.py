"""The portal's URLs plus, for the benchmarks only (routed when U4SSC_BENCH_FLOOR=1):

- /bench-floor/: a bare Django view behind the same middleware and server, the floor every
  page is measured against;
- /bench-chrome/: the portal's page with nothing on it: base.html (header, navigation, language
  links and switcher, footer) for whoever asks, with their session, person and roles. No page of
  the portal can cost less, so its ratio to the floor is the most any page can reach (issue 17:
  bench/busy.py prints it beside the pages, caches on and off)."""

from functools import cache

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from u4ssc.urls import urlpatterns as portal_urlpatterns

CHROME = '{% extends "base.html" %}{% block title %}Chrome{% endblock %}{% block content %}<h1>Chrome</h1>{% endblock %}'


def floor(request):
    return HttpResponse("floor", content_type="text/plain")


@cache
def _chrome():
    return engines["django"].from_string(CHROME)


def chrome(request):
    return HttpResponse(_chrome().render({}, request))


urlpatterns = [
    path("bench-floor/", floor, name="bench_floor"),
    path("bench-chrome/", chrome, name="bench_chrome"),
    *portal_urlpatterns,
]
