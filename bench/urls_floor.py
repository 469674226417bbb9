"""The portal's URLs plus /bench-floor/: a bare Django view behind the same middleware and server,
the floor every page is measured against. Only routed when U4SSC_BENCH_FLOOR=1 (bench only)."""

from django.http import HttpResponse
from django.urls import path

from u4ssc.urls import urlpatterns as portal_urlpatterns


def floor(request):
    return HttpResponse("floor", content_type="text/plain")


urlpatterns = [path("bench-floor/", floor, name="bench_floor"), *portal_urlpatterns]
