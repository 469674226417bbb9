from django.urls import path

from kpis import views

app_name = "kpis"

CYCLE = "cities/<slug:slug>/<int:year>/"

urlpatterns = [
    path("kpis/", views.kpi_list, name="kpi_list"),
    path("kpis/my-work/", views.my_work, name="my_work"),
    path("kpis/<slug:slug>/", views.kpi_detail, name="kpi_detail"),
    path("cities/", views.city_list, name="city_list"),
    path("cities/<slug:slug>/", views.city_detail, name="city_detail"),
    path("cities/<slug:slug>/kpis.csv", views.city_csv, name="city_csv"),
    path(CYCLE, views.cycle_detail, name="cycle"),
    path(CYCLE + "do/<slug:action>/", views.cycle_action, name="cycle_action"),
    path(CYCLE + "enter/<slug:dimension>/", views.dimension_entry, name="dimension_entry"),
    path(CYCLE + "sheet.xlsx", views.cycle_sheet, {"fmt": "xlsx"}, name="sheet_xlsx"),
    path(CYCLE + "sheet.csv", views.cycle_sheet, {"fmt": "csv"}, name="sheet_csv"),
    path(CYCLE + "upload/", views.cycle_upload, name="upload"),
    path(CYCLE + "consent/", views.consent, name="consent"),
    path(CYCLE + "kpi/<slug:kpi_slug>/", views.value_detail, name="value"),
    path(CYCLE + "evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path(CYCLE + "<slug:kind>.pdf", views.document_download, name="document"),
]
