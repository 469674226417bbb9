from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.register("deliverables", views.DeliverableViewSet, basename="deliverable")
router.register("thematic-groups", views.ThematicGroupViewSet, basename="thematic-group")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("tor", views.ToRViewSet, basename="tor")
router.register("kpis", views.KpiViewSet, basename="kpi")
router.register("cities", views.CityViewSet, basename="city")
router.register("index", views.IndexEditionViewSet, basename="index-edition")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    re_path(r"^", views.not_found, name="not_found"),  # last: a JSON 404 for any other address
]
