"""A real mail server for the outbox tests: aiosmtpd on a free local port, which refuses
(451, a temporary failure) or holds the next attempts when a test says so."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from tests.reminders.harness import SinkHandler, free_port


class MailServer(SinkHandler):
    """`refuse = n`: the next n messages get "451 try again later"; `mode = "hold"`: no reply
    (a server that times out); otherwise "250 OK" and the message is kept."""

    def __init__(self):
        super().__init__()
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            self.attempts += 1
            return "451 4.3.0 Mail server busy, try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp(settings):
    handler = MailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()
