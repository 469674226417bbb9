from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexConfig(AppConfig):
    name = "index"
    verbose_name = _("U4SSC Index: methodology, editions, open data")
