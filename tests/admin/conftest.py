"""Helpers for the admin tests: the admin's URLs, posting a change form or an action as a
browser would, and the messages the admin showed."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse


def admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def post_action(client, model, action: str, pks, **extra):
    """Post an action of the model's list, as the action bar does; returns the followed response."""
    data = {"action": action, "_selected_action": [str(pk) for pk in pks], **extra}
    return client.post(admin_url(model, "changelist"), data, follow=True)


def messages_of(response) -> list[tuple[str, str]]:
    """(level, text) of the messages shown on the page the admin redirected to."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


class _FormScraper(HTMLParser):
    """The values a browser would submit from the page's main form."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def change_form_data(client, url: str, **changes) -> dict:
    """GET an admin change form and return what saving it would post, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    scraper = _FormScraper()
    scraper.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in scraper.data:
        if name in ("action", "select_across", "index"):
            continue
        data.setdefault(name, []).append(value)
    data.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
    data["_save"] = ["Save"]
    return data
