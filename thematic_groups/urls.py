from django.urls import path

from thematic_groups import feeds, views

app_name = "thematic_groups"
urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/propose/", views.deliverable_propose, name="deliverable_propose"),
    path("deliverables/", views.deliverable_list, name="deliverable_list"),
    path("deliverables/<slug:slug>/", views.deliverable_detail, name="deliverable_detail"),
    path("deliverables/<slug:slug>/pdf/", views.deliverable_pdf, name="deliverable_pdf"),
    path("deliverables/<slug:slug>/approve/", views.deliverable_approve, name="deliverable_approve"),
    path(
        "deliverables/<slug:slug>/final-draft/", views.deliverable_final_draft, name="deliverable_final_draft"
    ),
    path("deliverables/<slug:slug>/withdraw/", views.deliverable_withdraw, name="deliverable_withdraw"),
    path("deliverables/<slug:slug>/text/", views.deliverable_edit_text, name="deliverable_text"),
    path("deliverables/<slug:slug>/versions/", views.version_upload, name="version_upload"),
    path("deliverables/<slug:slug>/versions/<int:number>/", views.version_download, name="version_download"),
    path("deliverables/<slug:slug>/comments/", views.comment_add, name="comment_add"),
    path("deliverables/<slug:slug>/calls/", views.call_open, name="call_open"),
    path("deliverables/<slug:slug>/sign-up/", views.sign_up, name="sign_up"),
    path("deliverables/<slug:slug>/team/add/<int:signup_id>/", views.team_add, name="team_add"),
    path("deliverables/<slug:slug>/team/remove/<int:member_id>/", views.team_remove, name="team_remove"),
    path(
        "deliverables/<slug:slug>/move/<slug:action>/",
        views.deliverable_transition,
        name="deliverable_transition",
    ),
    path("calls/", views.call_list, name="call_list"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/close/", views.call_close, name="call_close"),
    path("applications/<int:pk>/vet/", views.application_vet, name="application_vet"),
    path("workplans/", views.workplan_list, name="workplan_list"),
    path("workplans/new/", views.workplan_create, name="workplan_create"),
    path("workplans/<int:pk>/", views.workplan_detail, name="workplan_detail"),
    path("workplans/<int:pk>/workplan.csv", views.workplan_csv, name="workplan_csv"),
    path("workplans/<int:pk>/workplan.pdf", views.workplan_pdf, name="workplan_pdf"),
    path(
        "workplans/<int:pk>/items/<int:item_id>/remove/",
        views.workplan_item_remove,
        name="workplan_item_remove",
    ),
    path("workplans/<int:pk>/<slug:action>/", views.workplan_action, name="workplan_action"),
    path("feeds/deliverables/", feeds.deliverable_feed, name="deliverable_feed"),
]
