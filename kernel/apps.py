from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernelConfig(AppConfig):
    name = "kernel"
    verbose_name = _("Kernel")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from kernel import cache, checks, queue  # noqa: F401  (checks registers itself)

        # Each register's change reasons (<app>/reasons.py), so any page can word a stored one.
        autodiscover_modules("reasons")

        # Writes to the registers drop cached pages and Principals (kernel/cache.py).
        cache.connect_signals()
        queue.broker_folders_make()
