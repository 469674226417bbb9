from governance.views import decisions, partners, tor

app_name = "governance"
urlpatterns = partners.urlpatterns + tor.urlpatterns + decisions.urlpatterns
