from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"

    def ready(self):
        from kernel.cache import pages_show

        # Deliverables, groups, meetings, Partners, the ToR: no ballot. A vote leaves them cached.
        pages_show("/api/", "content")
