from django.apps import AppConfig


class KernelConfig(AppConfig):
    name = "kernel"
    verbose_name = "Kernel"

    def ready(self):
        from kernel import cache, queue

        # Writes to the registers drop cached pages and Principals (kernel/cache.py).
        cache.connect_signals()
        queue.broker_folders_make()
