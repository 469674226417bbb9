from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("participants/", views.participant_list, name="participant_list"),
    path("participants/<int:pk>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("participants/<int:pk>/reactivate/", views.person_reactivate, name="person_reactivate"),
    path("me/profile/", views.profile, name="profile"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data.json", views.my_data_download, name="my_data_download"),
    path("me/data/delete/", views.delete_account, name="delete_account"),
]
