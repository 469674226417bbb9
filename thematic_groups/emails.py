"""Thematic Groups' emails, sent through the outbox (kernel/outbox.py): a contribution sign-up
told to the group's Leaders and the Secretariat (ToR 22a)."""

from __future__ import annotations

from kernel import outbox

SIGNUP = "thematic_groups/email/signup"


@outbox.context_builder(SIGNUP)
def signup_context(context: dict) -> dict | None:
    from thematic_groups.models import ContributionSignup

    signup = (
        ContributionSignup.objects.select_related("deliverable__thematic_group", "person")
        .filter(pk=context["signup_id"])
        .first()
    )
    if signup is None:
        return None
    return {"signup": signup, "deliverable": signup.deliverable}
