from django.urls import path  # noqa: F401

app_name = "thematic_groups"
urlpatterns: list = []
