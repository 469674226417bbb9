from governance.views import appointments, decisions, invitations, partners, requests, tor

app_name = "governance"
urlpatterns = (
    partners.urlpatterns
    + tor.urlpatterns
    + decisions.urlpatterns
    + requests.urlpatterns
    + appointments.urlpatterns
    + invitations.urlpatterns
)
