from django.urls import path

from index import feeds, views

app_name = "index"

EDITION = "index/<slug:slug>/"

urlpatterns = [
    path("index/", views.index_home, name="home"),
    path("index/feed/", feeds.index_feed, name="feed"),
    path("index/methodology/", views.methodology_current, name="methodology_current"),
    path("index/methodology/<int:version>/", views.methodology_detail, name="methodology"),
    path("index/compare/<slug:slug>/", views.compare, name="compare"),
    path(EDITION, views.edition_detail, name="edition"),
    path(EDITION + "ranking.csv", views.edition_download, {"name": "ranking.csv"}, name="ranking_csv"),
    path(
        EDITION + "indicators.csv", views.edition_download, {"name": "indicators.csv"}, name="indicators_csv"
    ),
    path(
        EDITION + "datapackage.json", views.edition_download, {"name": "datapackage.json"}, name="datapackage"
    ),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/values.csv", views.values_download, name="values_csv"),
    path("open-data/datapackage.json", views.values_datapackage, name="values_datapackage"),
]
