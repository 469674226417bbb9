"""Decision effects are registered by the app that owns the records (governance.decision_kinds)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from governance import decision_kinds
from governance.models import Decision
from tests.cast import make_deliverable

KINDS_WITHOUT_EFFECT = {Decision.Kind.OTHER}


def test_every_kind_with_a_subject_has_its_effect_registered():
    missing = [
        k for k in Decision.Kind.values if k not in KINDS_WITHOUT_EFFECT and not decision_kinds.registered(k)
    ]
    assert missing == []
    assert decision_kinds.registered(Decision.Kind.OTHER) is None


def test_a_kind_registered_twice_is_refused():
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        decision_kinds.register(Decision.Kind.DELIVERABLE_APPROVAL, on_adopted=lambda decision, on: None)
    # The first registration stands.
    assert decision_kinds.registered(Decision.Kind.DELIVERABLE_APPROVAL).on_adopted.__module__ == (
        "thematic_groups.decision_effects"
    )


@pytest.mark.django_db
def test_the_new_decision_form_offers_what_the_owner_says(cast):
    from governance.forms import DecisionOpenForm
    from thematic_groups.models import Deliverable

    proposed = make_deliverable(cast.group_x, "new-study", status=Deliverable.Status.PROPOSED)
    offered = list(DecisionOpenForm().fields["deliverable"].queryset)
    assert offered == [proposed]  # not the drafts nor the published deliverable of the cast
