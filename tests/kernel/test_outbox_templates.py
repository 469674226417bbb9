"""Every email an app registers with the outbox has its three templates (issue 16: a new email is
its app's `emails.py` builder and its templates; this test needs no row for it)."""

from __future__ import annotations

from django.template.loader import get_template

from kernel import outbox


def test_every_registered_email_has_its_subject_text_and_html():
    assert outbox._builders, "the apps register their emails' builders from their ready()"
    missing = []
    for template in sorted(outbox._builders):
        for part in ("_subject.txt", "_message.txt", "_message.html"):
            try:
                get_template(template + part)
            except Exception:  # TemplateDoesNotExist or a syntax error: both are a broken email
                missing.append(template + part)
    assert missing == []
